import { describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import {
  FULL_TEXT_OPTIONS,
  matchExpression,
  snippetParts,
  wordsExpression,
} from '../../src/read-model/full-text.js';
import { ValidationError } from '../../src/event-sourcing/errors.js';

/** How what a person types becomes an FTS5 expression, checked against a real FTS5 table of the same options. */
describe('search words', () => {
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE t USING fts5 (body, ${FULL_TEXT_OPTIONS})`);
  const TEXTS = [
    "Moscow's effort to re-establish its geopolitical influence in Eurasia",
    'The U.S. and the EU, e.g. green-transition projects',
    'Some 49% of cities, lanes and roads',
    'Central Asian states read multipolarity through their own independence',
    'a multipolar world order',
    'Kazakhstan’s and Uzbekistan’s contacts with NATO, Türkiye and China',
    'Not a word of NEAR or AND here',
  ];
  for (const text of TEXTS) db.prepare('INSERT INTO t (body) VALUES (?)').run(text);
  const probe = (expression: string) =>
    db.prepare('SELECT 1 FROM t WHERE t MATCH ? LIMIT 1').get(expression) !== undefined;
  const search = (text: string) =>
    db
      .prepare('SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid')
      .pluck()
      .all(wordsExpression(text, 'filter.search', probe)) as number[];

  it.each([
    ['re-establish', '"re establish"', [1]],
    ["Moscow's", '"Moscow s"', [1]],
    ['U.S.', '"U S"', [2]],
    ['e.g.', '"e g"', [2]],
    ['49%', '"49"', [3]],
    ['cities, lanes', '"cities" "lanes"', [3]],
    ['-a', '"a"', [5, 7]],
    ['NOT', '"NOT"', [7]],
    ['AND OR', '"AND" "OR"', [7]],
    ['"unbalanced', '"unba"*', []],
    ['NEAR(', '"NEAR"', [7]],
    ['statement: moscow', '"statement" "moscow"', []],
    ['Turkiye', '"Turkiye"', [6]],
    ['Kazakhstan’s', '"Kazakhstan s"', [6]],
  ])('%j becomes %s and finds texts %j', (text, expression, rows) => {
    expect(wordsExpression(text, 'filter.search', probe)).toBe(expression);
    expect(search(text)).toEqual(rows);
  });

  it('stems and folds diacritics: one form of a word finds the others', () => {
    expect(search('multipolar')).toEqual([4, 5]);
    expect(search('multipolarity')).toEqual([4, 5]);
    expect(search('türkiye')).toEqual([6]);
    expect(search('establishing ')).toEqual([1]);
    expect(search('ROADS')).toEqual([3]);
  });

  it('matches an unfinished last word as the start of a word, and a known or finished one as it is', () => {
    // Cut to the four or two characters the prefix indexes hold; one letter stays a word.
    expect(wordsExpression('geopoli', 'filter.search', probe)).toBe('"geop"*');
    expect(search('geopoli')).toEqual([1]);
    expect(wordsExpression('Eur', 'filter.search', probe)).toBe('"Eu"*');
    expect(search('Eur')).toEqual([1, 2]);
    expect(wordsExpression('q', 'filter.search', probe)).toBe('"q"');
    // "geopolit" is the stem the index holds for "geopolitical": a word it knows.
    expect(wordsExpression('geopolit', 'filter.search', probe)).toBe('"geopolit"');
    expect(search('geopolit')).toEqual([1]);
    expect(search('Eura')).toEqual([1]);
    expect(search('multipol')).toEqual([4, 5]);
    expect(search('Central Asian sta')).toEqual([4]);
    // A word the index holds is taken whole; so is any word followed by a space or punctuation.
    expect(wordsExpression('order', 'filter.search', probe)).toBe('"order"');
    expect(search('Eura ')).toEqual([]);
    expect(search('Eura.')).toEqual([]);
    // Only the last word: the others must match whole.
    expect(search('Eura effort')).toEqual([]);
  });

  it('refuses a text without a word, naming the field, and passes ADVANCED text through', () => {
    for (const text of ['*', '— %', '"', '()']) {
      expect(() => wordsExpression(text, 'filter.search', probe)).toThrow(ValidationError);
      try {
        wordsExpression(text, 'filter.search', probe);
      } catch (error) {
        expect((error as ValidationError).extensions).toEqual({
          code: 'BAD_USER_INPUT',
          field: 'filter.search',
        });
      }
    }
    expect(() => matchExpression('  ', 'ADVANCED', 'filter.search', probe)).toThrow('must not be blank');
    expect(matchExpression('moscow OR "world order"', 'ADVANCED', 'filter.search', probe)).toBe(
      'moscow OR "world order"',
    );
  });

  it('cuts a marked snippet into parts', () => {
    expect(snippetParts('…the \u0001summit\u0002 of \u0001Dushanbe\u0002')).toEqual([
      { text: '…the ', matched: false },
      { text: 'summit', matched: true },
      { text: ' of ', matched: false },
      { text: 'Dushanbe', matched: true },
    ]);
    expect(snippetParts('no match here')).toEqual([{ text: 'no match here', matched: false }]);
    expect(snippetParts('')).toEqual([]);
  });
});
