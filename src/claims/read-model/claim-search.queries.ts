import type Database from 'better-sqlite3';
import { ValidationError } from '../../event-sourcing/errors.js';
import {
  hasMatch,
  ROWID_PARAMETER,
  matchExpression,
  RANKED_MATCHES,
  snippetSql,
  withSearchErrors,
  type SearchMode,
} from '../../read-model/full-text.js';
import {
  CountedWhenReadPage,
  decodeCursor,
  encodeCursor,
  pageSize,
  type Page,
} from '../../read-model/pagination.js';
import { PageMatches, SearchMatch, type MatchedText } from '../../read-model/search-match.js';
import { prepared } from '../../read-model/statement-cache.js';
import { andWhere, ID_LIST, idList, type WhereClause } from './claim-filter.js';
import { CLAIM_COLUMNS, CLAIM_SELECT, SEQ, toClaimView, type ClaimRow } from './claim-rows.js';
import type { ClaimView } from './claim.views.js';
import { CLAIM_SEARCH_COLUMNS } from './claims.schema.js';

export const SEARCH_FIELD = 'filter.search';

const BM25 = `bm25(claim_search, ${CLAIM_SEARCH_COLUMNS.map((column) => column.weight).join(', ')})`;
const CLAIM_COLUMNS_OF_CLAIMS = CLAIM_COLUMNS.map((column) => `claims.${column}`).join(', ');
/** Each claim's best-scoring matching text (min: bm25 is smaller for better matches). */
const BEST_HITS = `WITH hits AS MATERIALIZED (
    SELECT claim_id, rowid AS hit, ${BM25} AS score FROM claim_search WHERE claim_search MATCH ?
  ), best AS (SELECT claim_id, hit, min(score) AS score FROM hits GROUP BY claim_id)`;
const BEST_JOIN = 'FROM best JOIN claims ON claims.id = best.claim_id';

type RankedRow = [...ClaimRow, hit: number, score: number];
const RANKED = 'ranked';
const NEWEST = 'newest';
/** Texts read first when answering newest match first: enough for a page when a claim has a few matches. */
const FIRST_WINDOW = 64;

const indexOfColumn = (name: string) => CLAIM_SEARCH_COLUMNS.findIndex((column) => column.name === name);
/** The kind of a matched text, and snippets: its statement and quote (a claim's own row), or its one text. */
const MATCHED_COLUMNS = `rowid, item_id,
    CASE WHEN statement IS NOT NULL THEN 'STATEMENT' WHEN evidence IS NOT NULL THEN 'EVIDENCE'
         WHEN counterpoint IS NOT NULL THEN 'COUNTERPOINT' ELSE 'ANSWER' END AS field,
    ${snippetSql('claim_search', indexOfColumn('statement'))} AS statement,
    ${snippetSql('claim_search', indexOfColumn('quote'))} AS quote,
    ${snippetSql('claim_search', -1)} AS best`;
/**
 * Snippets of a page's hits, each looked up by rowid: for a ranked page, whose hits lie anywhere among at
 * most RANKED_MATCHES rows (15–20 µs a lookup).
 */
const MATCHED_ROW = `SELECT ${MATCHED_COLUMNS} FROM claim_search
  WHERE claim_search MATCH ? AND rowid = ${ROWID_PARAMETER}`;
/**
 * Snippets of a newest-first page in one pass over the rowids it spans, snippets made for its hits only.
 * Looking each up by rowid near the end of a long doclist cost 125 µs at 1,000,000 events (2.5 ms a page),
 * the pass 0.2 ms.
 */
// `+rowid`: not a constraint FTS5 is offered, so it reads the span in order and SQLite filters it.
const MATCHED_SPAN = `SELECT ${MATCHED_COLUMNS} FROM claim_search
  WHERE claim_search MATCH ? AND rowid BETWEEN ${ROWID_PARAMETER} AND ${ROWID_PARAMETER}
    AND +rowid IN (SELECT value FROM json_each(?))`;

interface MatchedRow {
  readonly rowid: number;
  readonly item_id: string;
  readonly field: string;
  readonly statement: string;
  readonly quote: string;
  readonly best: string;
}

/** A claim's row holds its statement and its quote: name the one that matched, the statement first. */
const matchedText = (row: MatchedRow): MatchedText => {
  const quoted = row.field === 'STATEMENT' && !hasMatch(row.statement) && hasMatch(row.quote);
  return {
    itemId: row.item_id,
    field: quoted ? 'QUOTE' : row.field,
    marked: row.field === 'STATEMENT' ? (quoted ? row.quote : row.statement) : row.best,
  };
};

/**
 * Searches claims through claim_search. Ranked by bm25 (the claim's best-matching text) when the search
 * matches at most RANKED_MATCHES texts, which costs at most that many rows scored; a search matching more
 * is answered newest matching text first, which reads only the texts of the page. Either way a page
 * costs the same at 10,000 events as at 1,000,000 (bench/search-scaling.md).
 */
export class ClaimSearch {
  constructor(private readonly db: Database.Database) {}

  /** The FTS5 expression for what the user typed (see full-text.ts); its last word probed in this index. */
  expression(text: string, mode: SearchMode | null | undefined, field = SEARCH_FIELD): string {
    return matchExpression(text, mode, field, (probe) => this.matchesAny(probe, field));
  }

  private matchesAny(expression: string, field: string): boolean {
    return withSearchErrors(
      field,
      () =>
        prepared(this.db, 'SELECT 1 FROM claim_search WHERE claim_search MATCH ? LIMIT 1').get(expression) !==
        undefined,
    );
  }

  /** Whether the search matches few enough texts to be ranked; counts no further than it needs to. */
  private isRanked(expression: string): boolean {
    const counted = prepared(
      this.db,
      `SELECT count(*) FROM (SELECT rowid FROM claim_search WHERE claim_search MATCH ? LIMIT ${RANKED_MATCHES + 1})`,
    )
      .pluck()
      .get(expression) as number;
    return counted <= RANKED_MATCHES;
  }

  /** A page of the claims matching `expression` and `where`, best or newest match first. */
  page(
    expression: string,
    where: WhereClause,
    first?: number | null,
    after?: string | null,
  ): Page<ClaimView> {
    return withSearchErrors(SEARCH_FIELD, () => {
      const limit = pageSize(first);
      const cursor = decodeCursor(after, 3);
      const ranked = this.isRanked(expression);
      if (cursor && cursor[0] !== (ranked ? RANKED : NEWEST)) {
        throw new ValidationError(
          'after belongs to another order of this search (it now matches more or fewer texts): start again from the first page',
          'after',
        );
      }
      return ranked
        ? this.rankedPage(expression, where, limit, cursor)
        : this.newestPage(expression, where, limit, cursor);
    });
  }

  private rankedPage(
    expression: string,
    where: WhereClause,
    limit: number,
    cursor: unknown[] | undefined,
  ): Page<ClaimView> {
    const keyed = cursor ? andWhere(where, '(best.score, claims.seq) > (?, ?)', cursor[1], cursor[2]) : where;
    const rows = prepared(
      this.db,
      `${BEST_HITS} SELECT ${CLAIM_COLUMNS_OF_CLAIMS}, best.hit, best.score ${BEST_JOIN} ${keyed.sql}
       ORDER BY best.score, claims.seq LIMIT ?`,
    )
      .raw()
      .all(expression, ...keyed.params, limit + 1) as RankedRow[];
    const page = rows.slice(0, limit);
    const matches = this.matches(
      expression,
      page.map((row) => row[SEQ + 1] as number),
      false,
    );
    return new CountedWhenReadPage(
      page.map((row) => toClaimView(row.slice(0, SEQ + 1) as unknown as ClaimRow)),
      page.map((row) => encodeCursor([RANKED, row[SEQ + 2], row[SEQ]])),
      rows.length > limit,
      cursor !== undefined,
      () =>
        prepared(this.db, `${BEST_HITS} SELECT count(*) ${BEST_JOIN} ${where.sql}`)
          .pluck()
          .get(expression, ...where.params) as number,
      page.map((row) => new SearchMatch(matches, row[SEQ + 1] as number, -(row[SEQ + 2] as number))),
    );
  }

  /**
   * Claims in the order of their newest matching text. A page reads the newest texts below the cursor in
   * a window that grows until it holds a page of claims passing the filter; claims with a matching text
   * at or above the cursor were on an earlier page (or filtered out there) and are skipped.
   */
  private newestPage(
    expression: string,
    where: WhereClause,
    limit: number,
    cursor: unknown[] | undefined,
  ): Page<ClaimView> {
    const below = cursor ? (cursor[1] as number) : null;
    const earlier = new Set(
      below === null
        ? []
        : (prepared(
            this.db,
            `SELECT DISTINCT claim_id FROM claim_search WHERE claim_search MATCH ? AND rowid >= ${ROWID_PARAMETER}`,
          )
            .pluck()
            .all(expression, below) as string[]),
    );
    const filtered = andWhere(where, `id IN (${ID_LIST})`);
    let window = Math.max(FIRST_WINDOW, 2 * (limit + 1));
    let accepted: Array<{ row: ClaimRow; hit: number }> = [];
    for (;;) {
      const texts = prepared(
        this.db,
        `SELECT rowid, claim_id FROM claim_search WHERE claim_search MATCH ?${below === null ? '' : ` AND rowid < ${ROWID_PARAMETER}`}
         ORDER BY rowid DESC LIMIT ?`,
      )
        .raw()
        .all(expression, ...(below === null ? [] : [below]), window) as Array<[number, string]>;
      const newestHit = new Map<string, number>();
      for (const [rowid, claimId] of texts) {
        if (!earlier.has(claimId) && !newestHit.has(claimId)) newestHit.set(claimId, rowid);
      }
      const rows = prepared(this.db, `${CLAIM_SELECT} ${filtered.sql}`)
        .raw()
        .all(...filtered.params, idList([...newestHit.keys()])) as ClaimRow[];
      const byId = new Map(rows.map((row) => [row[0], row]));
      accepted = [...newestHit].flatMap(([claimId, hit]) => {
        const row = byId.get(claimId);
        return row ? [{ row, hit }] : [];
      });
      if (accepted.length > limit || texts.length < window) break;
      window *= 4;
    }
    const page = accepted.slice(0, limit);
    const matches = this.matches(
      expression,
      page.map(({ hit }) => hit),
      true,
    );
    const counted = andWhere(
      where,
      'id IN (SELECT claim_id FROM claim_search WHERE claim_search MATCH ?)',
      expression,
    );
    return new CountedWhenReadPage(
      page.map(({ row }) => toClaimView(row)),
      page.map(({ row, hit }) => encodeCursor([NEWEST, hit, row[SEQ]])),
      accepted.length > limit,
      cursor !== undefined,
      () =>
        prepared(this.db, `SELECT count(*) FROM claims ${counted.sql}`)
          .pluck()
          .get(...counted.params) as number,
      page.map(({ hit }) => new SearchMatch(matches, hit, null)),
    );
  }

  /** The matched texts of a page's hits, read on first use (see MATCHED_ROW and MATCHED_SPAN). */
  private matches(expression: string, rowids: readonly number[], span: boolean): PageMatches {
    return new PageMatches(rowids, (wanted) => {
      const rows: MatchedRow[] = [];
      if (span && wanted.length > 0) {
        const [low, high] = [Math.min(...wanted), Math.max(...wanted)];
        rows.push(
          ...(prepared(this.db, MATCHED_SPAN).all(
            expression,
            low,
            high,
            JSON.stringify(wanted),
          ) as MatchedRow[]),
        );
      } else {
        const statement = prepared(this.db, MATCHED_ROW);
        for (const rowid of wanted) {
          const row = statement.get(expression, rowid) as MatchedRow | undefined;
          if (row) rows.push(row);
        }
      }
      return new Map(rows.map((row) => [row.rowid, matchedText(row)]));
    });
  }
}
