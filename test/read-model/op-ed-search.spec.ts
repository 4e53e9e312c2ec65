import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { ClaimsQueries } from '../../src/claims/read-model/claims.queries.js';
import { importDemo } from '../../src/import/demo-import.module.js';
import { folded, tokensOf } from '../../src/read-model/full-text.js';
import { SourcesQueries } from '../../src/sources/read-model/sources.queries.js';
import { projectedReadModel } from '../import/support.js';
import { ReadModelEnv } from '../support/read-model-env.js';

/**
 * Every word of the op-ed, and every two words that follow each other in it, as a person would copy them
 * out of the text (punctuation and all), searched on the read model the demo import builds: no search
 * fails, the source is found by each, and so is every claim one of whose texts holds the words.
 */

const OP_ED = readFileSync('test/fixtures/op-ed.txt', 'utf8');

/** Tokens of a text as the index folds them, to tell which texts hold a word (stemming aside). */
const tokens = (text: string): string[] => tokensOf(text).map(folded);
const holdsInSequence = (haystack: readonly string[], needle: readonly string[]): boolean =>
  haystack.some((_, start) => needle.every((token, offset) => haystack[start + offset] === token));

describe('searching the op-ed by its own words', () => {
  const env = new ReadModelEnv();
  let db: Database.Database;
  let claims: ClaimsQueries;
  let sources: SourcesQueries;
  let sourceId: string;
  let words: string[];
  let pairs: string[];
  /** Each claim's texts: statement, quote, live evidence, counterpoints and answers. */
  let claimTexts: Map<string, string[][]>;

  beforeAll(async () => {
    await importDemo(env.store);
    db = await projectedReadModel(env);
    claims = new ClaimsQueries(db);
    sources = new SourcesQueries(db);
    const source = db.prepare('SELECT id, text FROM sources').get() as { id: string; text: string };
    sourceId = source.id;
    // The article as registered: the part of the saved page the demo source holds.
    expect(OP_ED).toContain(source.text);
    const chunks = source.text.split(/\s+/u).filter((chunk) => tokensOf(chunk).length > 0);
    words = [...new Set(chunks)];
    pairs = [...new Set(chunks.slice(1).map((chunk, index) => `${chunks[index]} ${chunk}`))];
    const texts = db
      .prepare(
        `SELECT id, statement AS text FROM claims
         UNION ALL SELECT id, json_extract(quote, '$.exact') FROM claims WHERE quote IS NOT NULL
         UNION ALL SELECT claim_id, summary FROM evidence WHERE withdrawn = 0
         UNION ALL SELECT claim_id, text FROM counterpoints
         UNION ALL SELECT claim_id, response FROM counterpoints WHERE response IS NOT NULL`,
      )
      .all() as Array<{ id: string; text: string }>;
    claimTexts = new Map();
    for (const { id, text } of texts) claimTexts.set(id, [...(claimTexts.get(id) ?? []), tokens(text)]);
  });
  afterAll(async () => {
    await env.close();
  });

  /** Claims one of whose texts holds every word of the search, each word's tokens side by side. */
  const expectedClaims = (search: string): string[] => {
    const needles = search.split(' ').map(tokens);
    return [...claimTexts]
      .filter(([, texts]) => texts.some((text) => needles.every((needle) => holdsInSequence(text, needle))))
      .map(([id]) => id)
      .sort();
  };

  const check = (search: string): void => {
    const found = new Set(claims.list({ search }, undefined, 500).items.map((claim) => claim.id));
    const missing = expectedClaims(search).filter((id) => !found.has(id));
    const page = sources.list(20, null, { search });
    if (missing.length > 0 || !page.items.some((source) => source.id === sourceId))
      throw new Error(
        `${JSON.stringify(search)}: source found ${page.items.length}, claims missing ${missing}`,
      );
  };

  it('takes a word list worth the name from the text', () => {
    expect(words.length).toBeGreaterThan(500);
    expect(pairs.length).toBeGreaterThan(1000);
    for (const word of [
      'Kremlin’s',
      "Türkiye's",
      '2025,',
      '"harmonize"',
      'national-interest-based',
      '“civilization-based',
    ])
      expect(words).toContain(word);
    // Some words are in claims: the claims side of the check is not empty.
    expect(words.filter((word) => expectedClaims(word).length > 0).length).toBeGreaterThan(100);
  });

  it('finds the source, and every claim holding it, by each word', () => {
    const failures: string[] = [];
    for (const word of words) {
      try {
        check(word);
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
    expect(failures).toEqual([]);
  });

  it('finds the source, and every claim holding both, by each two words in a row', () => {
    const failures: string[] = [];
    for (const pair of pairs) {
      try {
        check(pair);
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
    expect(failures).toEqual([]);
  });

  it('shows where the words matched the source text', () => {
    const { matches } = sources.list(1, null, { search: "Türkiye's partnersh" });
    const match = matches![0] as { field: string; highlights: Array<{ text: string; matched: boolean }> };
    expect(match.field).toBe('TEXT');
    // A word of several tokens is marked as one span, punctuation inside it included.
    expect(match.highlights.filter((part) => part.matched).map((part) => part.text)).toEqual([
      "Türkiye's",
      'partnerships',
    ]);
  });
});
