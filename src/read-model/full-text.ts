import { ValidationError } from '../event-sourcing/errors.js';

/**
 * Full-text search shared by the claims and sources read models: how what a person types becomes an FTS5
 * query, and how a match is shown. Both indexes are FTS5 tables with the tokenizer and prefix indexes below.
 */

/**
 * Porter stemming over unicode61 with diacritics folded: "multipolar" finds "multipolarity", "Turkiye"
 * finds "Türkiye". Prefix indexes of two and four characters answer an unfinished last word from one
 * doclist; without them FTS5 merges the doclists of every term with the prefix, which grew with the log
 * (at 1,000,000 events `th*` 76–100 ms, `mosc*` 3–5 ms, against 0.4–0.8 ms with them). All lengths from 1
 * to 6 would have cost twice the index build time of these two (docs/decisions/search.md).
 */
const PREFIX_LENGTHS = [4, 2] as const;
export const TOKENIZER = `tokenize = 'porter unicode61 remove_diacritics 2'`;
export const FULL_TEXT_OPTIONS = `${TOKENIZER}, prefix = '${[...PREFIX_LENGTHS].reverse().join(' ')}'`;

/**
 * A search matching at most this many texts is ranked by bm25 over all of them; one matching more is
 * answered newest match first. FTS5's bm25 counts every row of each phrase before it scores one (35–40 ns
 * a row: 19 ms for a word in 500,000 texts), so ranking a common word costs time that grows with the log.
 */
export const RANKED_MATCHES = 1000;

export type SearchMode = 'WORDS' | 'ADVANCED';

/**
 * A rowid parameter beside a MATCH. better-sqlite3 binds a JS number as a REAL, and FTS5 then drops the
 * rowid constraint without a word (`MATCH ? AND rowid = ?` bound to 3 answered the row with rowid 1).
 */
export const ROWID_PARAMETER = 'CAST(? AS INTEGER)';

/** The characters FTS5's unicode61 tokenizer keeps in a token (categories L*, N*, Co, and marks). */
const TOKEN = /[\p{L}\p{N}\p{Co}\p{M}]+/gu;
const ENDS_IN_TOKEN = /[\p{L}\p{N}\p{Co}\p{M}]$/u;

/** The tokens of a text as FTS5's tokenizer cuts it, before folding and stemming. */
export const tokensOf = (text: string): string[] => text.match(TOKEN) ?? [];

/** A token as the index folds it (case and diacritics; stemming aside). */
export const folded = (token: string): string => token.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/** A word as the user typed it, split where the tokenizer splits it: `re-establish` → ['re', 'establish']. */
type Word = readonly string[];

const quoted = (tokens: Word): string => `"${tokens.join(' ')}"`;

/**
 * The unfinished last word as a prefix a prefix index holds: its first four characters, or two when it
 * has two or three. A single letter stays a word: as a prefix it would match nearly every text.
 */
const prefixOf = (tokens: Word): string => {
  const characters = [...tokens.at(-1)!];
  const length = PREFIX_LENGTHS.find((candidate) => candidate <= characters.length);
  if (length === undefined) return quoted(tokens);
  return `${quoted([...tokens.slice(0, -1), characters.slice(0, length).join('')])}*`;
};

/** Tells whether an FTS5 expression matches anything (a single-row probe of the index). */
export type MatchProbe = (expression: string) => boolean;

/**
 * What a person types is words: each whitespace-separated word is matched whatever punctuation it holds,
 * as the tokens it is made of, side by side (`U.S.` → "u s", `Moscow's` → "moscow s"); every word must
 * match. The last word, when the text ends inside it (no space or punctuation after it), may be unfinished:
 * a word the index holds is matched as it is, any other as the start of a word (see prefixOf). Nothing the
 * user types is FTS5 syntax, so nothing typed can be a syntax error.
 */
export const wordsExpression = (text: string, field: string, indexed: MatchProbe): string => {
  const words: Word[] = text
    .split(/\s+/u)
    .map((chunk) => chunk.match(TOKEN) ?? [])
    .filter((tokens) => tokens.length > 0);
  if (words.length === 0) {
    throw new ValidationError(
      'search has no words to look for: it needs a letter or a digit (searchMode ADVANCED takes FTS5 syntax)',
      field,
    );
  }
  const phrases = words.map(quoted);
  if (ENDS_IN_TOKEN.test(text)) {
    const last = words.at(-1)!;
    if (!indexed(quoted(last))) phrases[phrases.length - 1] = prefixOf(last);
  }
  return phrases.join(' ');
};

/** The FTS5 expression for a search text in either mode; blank text is an input error on `field`. */
export const matchExpression = (
  text: string,
  mode: SearchMode | null | undefined,
  field: string,
  indexed: MatchProbe,
): string => {
  if (text.trim() === '') throw new ValidationError('search must not be blank', field);
  return mode === 'ADVANCED' ? text : wordsExpression(text, field, indexed);
};

/**
 * An ADVANCED expression FTS5 cannot parse is the caller's mistake, never a 500: any SQLite error of a
 * query with a search (FTS5 words its syntax errors in many ways: "fts5: syntax error", "unterminated
 * string", "unknown special query", "no such column") is reported as an input error on `field`.
 */
export const withSearchErrors = <T>(field: string, run: () => T): T => {
  try {
    return run();
  } catch (error) {
    // By code, not instanceof: see isUniqueViolation in the SQLite event store.
    const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
    if (code === 'SQLITE_ERROR') {
      throw new ValidationError(`search is not a valid full-text expression (${String(message)})`, field);
    }
    throw error;
  }
};

/**
 * Markers FTS5 puts around matched words in a snippet. Control characters: no stored text holds them (text
 * inputs refuse control characters), so they cannot be confused with the text itself.
 */
const MATCH_START = '\u0001';
const MATCH_END = '\u0002';
const SNIPPET_TOKENS = 24;

/** `snippet()` of one column (-1: the column FTS5 finds best), matched words between the markers above. */
export const snippetSql = (table: string, column: number): string =>
  `snippet(${table}, ${column}, char(1), char(2), '…', ${SNIPPET_TOKENS})`;

export interface SnippetPart {
  readonly text: string;
  readonly matched: boolean;
}

/** A marked snippet in parts, so a client shows the matched words without parsing anything. */
export const snippetParts = (marked: string): SnippetPart[] => {
  const parts: SnippetPart[] = [];
  let rest = marked;
  while (rest.length > 0) {
    const start = rest.indexOf(MATCH_START);
    if (start === -1) {
      parts.push({ text: rest, matched: false });
      break;
    }
    if (start > 0) parts.push({ text: rest.slice(0, start), matched: false });
    const end = rest.indexOf(MATCH_END, start);
    const stop = end === -1 ? rest.length : end;
    parts.push({ text: rest.slice(start + 1, stop), matched: true });
    rest = rest.slice(stop + 1);
  }
  return parts.filter((part) => part.text.length > 0);
};

export const hasMatch = (marked: string): boolean => marked.includes(MATCH_START);

export const plainSnippet = (parts: readonly SnippetPart[]): string =>
  parts.map((part) => part.text).join('');
