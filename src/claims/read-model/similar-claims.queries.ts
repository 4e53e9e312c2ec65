import type Database from 'better-sqlite3';
import { folded, RANKED_MATCHES, snippetParts, tokensOf, TOKENIZER } from '../../read-model/full-text.js';
import { PageMatches, SearchMatch, type MatchedText } from '../../read-model/search-match.js';
import { prepared } from '../../read-model/statement-cache.js';
import { CLAIM_SEARCH_COLUMNS } from './claims.schema.js';

/**
 * Words that say nothing about what a claim is about. Left out of the query (they would match nearly
 * every statement) and out of the overlap measure.
 */
const STOP_WORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below
  between both but by can could did do does doing down during each few for from further had has have having
  he her here hers him his how i if in into is it its itself just me more most my no nor not now of off on
  once only or other our ours out over own same she should so some such than that the their theirs them
  then there these they this those through to too under until up very was we were what when where which
  while who whom why will with would you your`.split(/\s+/u),
);

/** The distinct words of a statement that can tell it apart, folded as the index folds them. */
export const contentWords = (text: string): string[] => [
  ...new Set(
    tokensOf(text)
      .map(folded)
      .filter((word) => word.length > 1 && !STOP_WORDS.has(word)),
  ),
];

const quotedWords = (words: readonly string[]): string => words.map((word) => `"${word}"`).join(' OR ');
const anyOf = (words: readonly string[]): string => `statement : (${quotedWords(words)})`;

const BM25 = `bm25(${CLAIM_SEARCH_COLUMNS.map((column) => column.weight).join(', ')})`;
/** Statements scored for similarity: the best by bm25, or the newest when bm25 cannot be afforded. */
const CANDIDATES = 20;
const NEWEST_CANDIDATES = 200;
/** Words used when the statement's words are each in more than RANKED_MATCHES statements. */
const RAREST_WORDS = 8;

/**
 * The candidates' statements are highlighted in a scratch FTS5 table of this connection's own (temp, never
 * the read model's file): there their words' doclists hold one row each. Highlighting them in claim_search
 * for every word of the statement cost 4 ms a candidate at 1,000,000 events (the common words' doclists).
 */
const SCRATCH = `CREATE VIRTUAL TABLE IF NOT EXISTS temp.similar_statements USING fts5 (statement, ${TOKENIZER})`;

export interface SimilarClaimHit {
  readonly claimId: string;
  /** Dice overlap of the two statements' content words, 0–1. */
  readonly similarity: number;
  /** bm25 made larger-is-better; null when the candidates were the newest statements (common words only). */
  readonly score: number | null;
  readonly match: SearchMatch;
}

interface Candidate {
  readonly rowid: number;
  readonly claimId: string;
  readonly score: number | null;
  readonly statement: string;
}

/**
 * Claims whose statements say something like a statement being written. Candidates come from FTS5: the
 * statements sharing any of its content words (stemmed), best bm25 first. Each candidate is then measured
 * by how many content words the two statements share (Dice: 2·shared / (words in one + words in the
 * other), the index's stemming deciding what is shared), which unlike bm25 is comparable between
 * statements, so a threshold can say "says something like this". Measured in docs/decisions/similar-claims.md.
 */
export class SimilarClaims {
  constructor(private readonly db: Database.Database) {}

  find(
    statement: string,
    options: { sourceId?: string | null; first: number; minSimilarity: number },
  ): SimilarClaimHit[] {
    const words = contentWords(statement);
    if (words.length === 0) return [];
    const candidates = this.candidates(words, options.sourceId ?? null);
    const highlighted = this.highlighted(words, candidates);
    const marked = new Map<number, MatchedText>();
    const hits: Array<Omit<SimilarClaimHit, 'match'> & { rowid: number }> = [];
    candidates.forEach((candidate, index) => {
      const parts = snippetParts(highlighted[index]!);
      const shared = new Set(parts.filter((part) => part.matched).map((part) => folded(part.text)));
      const theirs = contentWords(candidate.statement);
      const overlap = Math.min(shared.size, words.length, theirs.length);
      const similarity = (2 * overlap) / (words.length + theirs.length);
      if (similarity < options.minSimilarity) return;
      marked.set(candidate.rowid, {
        field: 'STATEMENT',
        itemId: candidate.claimId,
        marked: highlighted[index]!,
      });
      hits.push({ rowid: candidate.rowid, claimId: candidate.claimId, score: candidate.score, similarity });
    });
    const page = new PageMatches([...marked.keys()], () => marked);
    return hits
      .sort((a, b) => b.similarity - a.similarity || (a.score ?? 0) - (b.score ?? 0))
      .slice(0, options.first)
      .map(({ claimId, similarity, score, rowid }) => ({
        claimId,
        similarity,
        score: score === null ? null : -score,
        match: new SearchMatch(page, rowid, score === null ? null : -score),
      }));
  }

  /**
   * bm25 counts every statement holding each word before it scores one, so it is used only over words in
   * at most RANKED_MATCHES statements each: all of them when the statement's words are that rare together,
   * else its rarest ones that some statement holds. A statement of common words only is compared with the
   * newest statements sharing any of them.
   */
  private candidates(words: readonly string[], sourceId: string | null): Candidate[] {
    const expression = anyOf(words);
    if (this.countUpTo(expression) <= RANKED_MATCHES) return this.best(expression, sourceId);
    const rare = words
      .map((word) => ({ word, count: this.countUpTo(anyOf([word])) }))
      .filter(({ count }) => count > 0 && count <= RANKED_MATCHES)
      .sort((a, b) => a.count - b.count)
      .slice(0, RAREST_WORDS)
      .map(({ word }) => word);
    return rare.length > 0 ? this.best(anyOf(rare), sourceId) : this.newest(expression, sourceId);
  }

  /** Each candidate's statement with every word it shares with `words` marked. */
  private highlighted(words: readonly string[], candidates: readonly Candidate[]): string[] {
    this.db.exec(SCRATCH);
    const insert = prepared(this.db, 'INSERT INTO temp.similar_statements (rowid, statement) VALUES (?, ?)');
    try {
      candidates.forEach((candidate, index) => insert.run(index + 1, candidate.statement));
      const marked = new Map(
        prepared(
          this.db,
          `SELECT rowid, highlight(similar_statements, 0, char(1), char(2)) FROM temp.similar_statements
           WHERE similar_statements MATCH ?`,
        )
          .raw()
          .all(quotedWords(words)) as Array<[number, string]>,
      );
      return candidates.map((candidate, index) => marked.get(index + 1) ?? candidate.statement);
    } finally {
      prepared(this.db, 'DELETE FROM temp.similar_statements').run();
    }
  }

  private countUpTo(expression: string): number {
    return prepared(
      this.db,
      `SELECT count(*) FROM (SELECT rowid FROM claim_search WHERE claim_search MATCH ? LIMIT ${RANKED_MATCHES + 1})`,
    )
      .pluck()
      .get(expression) as number;
  }

  /** FTS5's own rank order (`rank MATCH 'bm25(…)'`), sorted inside the index. */
  private best(expression: string, sourceId: string | null): Candidate[] {
    return prepared(
      this.db,
      `SELECT claim_search.rowid AS rowid, claim_search.claim_id AS claimId, claim_search.rank AS score,
         claims.statement AS statement
       FROM claim_search JOIN claims ON claims.id = claim_search.claim_id
       WHERE claim_search MATCH ? AND claim_search.rank MATCH '${BM25}'
         AND (? IS NULL OR claims.source_id = ?)
       ORDER BY claim_search.rank LIMIT ${CANDIDATES}`,
    ).all(expression, sourceId, sourceId) as Candidate[];
  }

  private newest(expression: string, sourceId: string | null): Candidate[] {
    return prepared(
      this.db,
      `SELECT claim_search.rowid AS rowid, claim_search.claim_id AS claimId, NULL AS score,
         claims.statement AS statement
       FROM claim_search JOIN claims ON claims.id = claim_search.claim_id
       WHERE claim_search MATCH ? AND (? IS NULL OR claims.source_id = ?)
       ORDER BY claim_search.rowid DESC LIMIT ${NEWEST_CANDIDATES}`,
    ).all(expression, sourceId, sourceId) as Candidate[];
  }
}
