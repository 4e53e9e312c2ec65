import type Database from 'better-sqlite3';
import {
  ROWID_PARAMETER,
  matchExpression,
  RANKED_MATCHES,
  withSearchErrors,
  type SearchMode,
} from '../../read-model/full-text.js';
import { CountedWhenReadPage, encodeCursor, pageSize, type Page } from '../../read-model/pagination.js';
import { NEWEST, RANKED, decodeSearchCursor } from '../../read-model/search-cursor.js';
import { SearchMatch } from '../../read-model/search-match.js';
import { pageMatches } from './claim-search.matches.js';
import { prepared } from '../../read-model/statement-cache.js';
import { andWhere, ID_LIST, idList, type WhereClause } from './claim-filter.js';
import { CLAIM_SELECT, SEQ, toClaimView, type ClaimRow } from './claim-rows.js';
import type { ClaimView } from './claim.views.js';
import { CLAIM_SEARCH_COLUMNS } from './claims.schema.js';

export const SEARCH_FIELD = 'filter.search';

const BM25 = `bm25(claim_search, ${CLAIM_SEARCH_COLUMNS.map((column) => column.weight).join(', ')})`;
/** Texts read first for a page: enough when a claim has a few matching texts and no filter is given. */
const FIRST_WINDOW = 64;

/** A matching text: its row in claim_search, its claim, and its bm25 (null in newest-first order). */
interface Hit {
  readonly rowid: number;
  readonly claimId: string;
  readonly score: number | null;
}

/** (a.score, a.rowid) ≤ (b.score, b.rowid): the ranked order, the rowid breaking ties. */
const rankedNoLater = (a: Hit, b: { score: number; rowid: number }): boolean =>
  a.score! < b.score || (a.score === b.score && a.rowid <= b.rowid);

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
      const ranked = this.isRanked(expression);
      const cursor = decodeSearchCursor(after, ranked, 'texts');
      return ranked
        ? this.rankedPage(expression, where, limit, cursor)
        : this.newestPage(expression, where, limit, cursor);
    });
  }

  /**
   * Claims by their best-scoring text. The texts are sorted by bm25 without reading their claim (that read
   * was 1.3 µs a text, more than the scoring); only the window a page needs is then mapped to claims. A
   * claim first met in that order is met at its best text; those at or before the cursor were on earlier
   * pages.
   */
  private rankedPage(
    expression: string,
    where: WhereClause,
    limit: number,
    cursor: unknown[] | undefined,
  ): Page<ClaimView> {
    const after = cursor ? { score: cursor[1] as number, rowid: cursor[2] as number } : undefined;
    const accepted = this.firstClaims(
      (window) => {
        const scored = prepared(
          this.db,
          `SELECT rowid, ${BM25} AS score FROM claim_search WHERE claim_search MATCH ? ORDER BY score, rowid LIMIT ?`,
        )
          .raw()
          .all(expression, window) as Array<[number, number]>;
        const owners = new Map(
          prepared(this.db, `SELECT rowid, claim_id FROM claim_search WHERE rowid IN (${ID_LIST})`)
            .raw()
            .all(JSON.stringify(scored.map(([rowid]) => rowid))) as Array<[number, string]>,
        );
        return scored.map(([rowid, score]) => ({ rowid, claimId: owners.get(rowid)!, score }));
      },
      (hit) => after !== undefined && rankedNoLater(hit, after),
      where,
      limit,
    );
    return this.pageOf(expression, where, limit, cursor, accepted, RANKED);
  }

  /**
   * Claims in the order of their newest matching text, read downwards from the cursor. Claims with a
   * matching text at or above the cursor were on an earlier page (or filtered out there).
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
    const accepted = this.firstClaims(
      (window) =>
        (
          prepared(
            this.db,
            `SELECT rowid, claim_id FROM claim_search WHERE claim_search MATCH ?${below === null ? '' : ` AND rowid < ${ROWID_PARAMETER}`}
             ORDER BY rowid DESC LIMIT ?`,
          )
            .raw()
            .all(expression, ...(below === null ? [] : [below]), window) as Array<[number, string]>
        ).map(([rowid, claimId]) => ({ rowid, claimId, score: null })),
      (hit) => earlier.has(hit.claimId),
      where,
      limit,
    );
    return this.pageOf(expression, where, limit, cursor, accepted, NEWEST);
  }

  /**
   * Up to `limit + 1` claims passing `where`, each at its first hit in the order `read` gives, skipping
   * those `skip` says belong to earlier pages. `read` is asked for a window of hits that grows fourfold
   * until it holds enough claims or all the hits there are.
   */
  private firstClaims(
    read: (window: number) => Hit[],
    skip: (hit: Hit) => boolean,
    where: WhereClause,
    limit: number,
  ): Array<{ row: ClaimRow; hit: Hit }> {
    const filtered = andWhere(where, `id IN (${ID_LIST})`);
    for (let window = Math.max(FIRST_WINDOW, 2 * (limit + 1)); ; window *= 4) {
      const hits = read(window);
      const firstHits = new Map<string, Hit>();
      for (const hit of hits) if (!firstHits.has(hit.claimId)) firstHits.set(hit.claimId, hit);
      const candidates = [...firstHits.values()].filter((hit) => !skip(hit));
      const rows = prepared(this.db, `${CLAIM_SELECT} ${filtered.sql}`)
        .raw()
        .all(...filtered.params, idList(candidates.map((hit) => hit.claimId))) as ClaimRow[];
      const byId = new Map(rows.map((row) => [row[0], row]));
      const accepted = candidates.flatMap((hit) => {
        const row = byId.get(hit.claimId);
        return row ? [{ row, hit }] : [];
      });
      if (accepted.length > limit || hits.length < window) return accepted;
    }
  }

  private pageOf(
    expression: string,
    where: WhereClause,
    limit: number,
    cursor: unknown[] | undefined,
    accepted: Array<{ row: ClaimRow; hit: Hit }>,
    order: typeof RANKED | typeof NEWEST,
  ): Page<ClaimView> {
    const page = accepted.slice(0, limit);
    const matches = pageMatches(
      this.db,
      expression,
      page.map(({ hit }) => hit.rowid),
      order === NEWEST,
    );
    const counted = andWhere(
      where,
      'id IN (SELECT claim_id FROM claim_search WHERE claim_search MATCH ?)',
      expression,
    );
    return new CountedWhenReadPage(
      page.map(({ row }) => toClaimView(row)),
      page.map(({ row, hit }) =>
        encodeCursor(order === RANKED ? [RANKED, hit.score!, hit.rowid] : [NEWEST, hit.rowid, row[SEQ]]),
      ),
      accepted.length > limit,
      cursor !== undefined,
      () =>
        prepared(this.db, `SELECT count(*) FROM claims ${counted.sql}`)
          .pluck()
          .get(...counted.params) as number,
      page.map(({ hit }) => new SearchMatch(matches, hit.rowid, hit.score === null ? null : -hit.score)),
    );
  }
}
