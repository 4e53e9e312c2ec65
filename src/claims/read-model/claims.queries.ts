import type Database from 'better-sqlite3';
import { ValidationError } from '../../event-sourcing/errors.js';
import type { Role } from '../../event-sourcing/metadata.js';
import { withSearchErrors } from '../../read-model/full-text.js';
import {
  CountedWhenReadPage,
  decodeCursor,
  encodeCursor,
  pageSize,
  type Page,
} from '../../read-model/pagination.js';
import { prepared } from '../../read-model/statement-cache.js';
import { ID_LIST, idList, whereOf, type ClaimFilter, type ClaimOrder } from './claim-filter.js';
import { CLAIM_COLUMNS, CLAIM_SELECT, SEQ, toClaimView, type ClaimRow } from './claim-rows.js';
import { ClaimSearch, SEARCH_FIELD } from './claim-search.queries.js';
import type {
  ClaimView,
  CounterpointView,
  EvidenceView,
  RelationView,
  ThreadEntryView,
} from './claim.views.js';
import { SimilarClaims, type SimilarClaimHit } from './similar-claims.queries.js';

export { ID_LIST } from './claim-filter.js';
export type { ClaimFilter, ClaimOrder } from './claim-filter.js';

const ORDER_COLUMNS = { CREATED_AT: 'created_at', UPDATED_AT: 'updated_at', STATEMENT: 'statement' } as const;

export class ClaimsQueries {
  private readonly search: ClaimSearch;
  private readonly similar: SimilarClaims;

  constructor(private readonly db: Database.Database) {
    this.search = new ClaimSearch(db);
    this.similar = new SimilarClaims(db);
  }

  /** Claims whose statements say something like `statement`, most alike first (see SimilarClaims). */
  similarClaims(
    statement: string,
    options: { sourceId?: string | null; first: number; minSimilarity: number },
  ): Array<SimilarClaimHit & { claim: ClaimView }> {
    const hits = this.similar.find(statement, options);
    const claims = this.claimsByIds(hits.map((hit) => hit.claimId));
    return hits.flatMap((hit) => {
      const claim = claims.get(hit.claimId);
      return claim ? [{ ...hit, claim }] : [];
    });
  }

  claimsByIds(ids: readonly string[]): Map<string, ClaimView> {
    const rows = prepared(this.db, `${CLAIM_SELECT} WHERE id IN (${ID_LIST})`)
      .raw()
      .all(idList(ids)) as ClaimRow[];
    return new Map(rows.map(toClaimView).map((view) => [view.id, view]));
  }

  allClaimIds(): string[] {
    return prepared(this.db, 'SELECT id FROM claims ORDER BY seq').pluck().all() as string[];
  }

  claim(id: string): ClaimView | undefined {
    const row = prepared(this.db, `${CLAIM_SELECT} WHERE id = ?`).raw().get(id) as ClaimRow | undefined;
    return row && toClaimView(row);
  }

  /**
   * A page of claims. With a search and no order, or ordered by RELEVANCE, the search ranks them (see
   * ClaimSearch); otherwise they are sorted by the order's column, the search a filter among the others.
   */
  list(
    filter: ClaimFilter = {},
    order?: ClaimOrder | null,
    first?: number | null,
    after?: string | null,
  ): Page<ClaimView> {
    const search =
      filter.search === undefined || filter.search === null
        ? undefined
        : this.search.expression(filter.search, filter.searchMode);
    const field = order?.field ?? (search === undefined ? 'CREATED_AT' : 'RELEVANCE');
    if (field === 'RELEVANCE') {
      if (search === undefined)
        throw new ValidationError('orderBy RELEVANCE ranks a search: give filter.search', 'orderBy.field');
      return this.search.page(search, whereOf(filter), first, after);
    }
    const limit = pageSize(first);
    const column = ORDER_COLUMNS[field];
    const sortKey = CLAIM_COLUMNS.indexOf(column);
    const direction = order?.direction === 'ASC' ? 'ASC' : 'DESC';
    const where = whereOf(filter, search);
    // The key names its order, so a cursor of one order is not taken for another's.
    const ordered = `${field} ${direction}`;
    const decoded = decodeCursor(after, [
      { literal: ordered },
      field === 'STATEMENT' ? 'text' : 'timestamp',
      'position',
    ]);
    const cursor = decoded?.slice(1);
    const keyset = cursor
      ? `${where.sql ? `${where.sql} AND` : 'WHERE'} (${column}, seq) ${direction === 'ASC' ? '>' : '<'} (?, ?)`
      : where.sql;
    // Filter shapes are few, so their statements are cached like the fixed ones.
    const rows = withSearchErrors(
      SEARCH_FIELD,
      () =>
        prepared(
          this.db,
          `${CLAIM_SELECT} ${keyset} ORDER BY ${column} ${direction}, seq ${direction} LIMIT ?`,
        )
          .raw()
          .all(...where.params, ...(cursor ?? []), limit + 1) as ClaimRow[],
    );
    const page = rows.slice(0, limit);
    return new CountedWhenReadPage(
      page.map(toClaimView),
      page.map((row) => encodeCursor([ordered, row[sortKey], row[SEQ]])),
      rows.length > limit,
      cursor !== undefined,
      () =>
        withSearchErrors(
          SEARCH_FIELD,
          () =>
            prepared(this.db, `SELECT count(*) FROM claims ${where.sql}`)
              .pluck()
              .get(...where.params) as number,
        ),
    );
  }

  evidenceFor(claimIds: readonly string[]): Map<string, EvidenceView[]> {
    const rows = prepared(this.db, `SELECT * FROM evidence WHERE claim_id IN (${ID_LIST}) ORDER BY seq`).all(
      idList(claimIds),
    ) as Array<Record<string, unknown>>;
    return groupBy(
      claimIds,
      rows.map((row) => ({
        id: row['id'] as string,
        claimId: row['claim_id'] as string,
        stance: row['stance'] as EvidenceView['stance'],
        summary: row['summary'] as string,
        citation: JSON.parse(row['citation'] as string),
        reliability: row['reliability'] as number | null,
        addedBy: { id: row['added_by'] as string, role: row['added_role'] as Role },
        addedAt: row['added_at'] as string,
        withdrawn: row['withdrawn'] === 1,
        withdrawnReason: row['withdrawn_reason'] as string | null,
      })),
    );
  }

  counterpointsFor(claimIds: readonly string[]): Map<string, CounterpointView[]> {
    const rows = prepared(
      this.db,
      `SELECT * FROM counterpoints WHERE claim_id IN (${ID_LIST}) ORDER BY seq`,
    ).all(idList(claimIds)) as Array<Record<string, unknown>>;
    return groupBy(
      claimIds,
      rows.map((row) => ({
        id: row['id'] as string,
        claimId: row['claim_id'] as string,
        text: row['text'] as string,
        state: row['state'] as CounterpointView['state'],
        citation: row['citation'] ? JSON.parse(row['citation'] as string) : null,
        raisedBy: { id: row['raised_by'] as string, role: row['raised_role'] as Role },
        raisedAt: row['raised_at'] as string,
        response: row['response'] as string | null,
        respondedBy: row['responded_by']
          ? { id: row['responded_by'] as string, role: row['responded_role'] as Role }
          : null,
        respondedAt: row['responded_at'] as string | null,
      })),
    );
  }

  /** The threads of these counterpoints, each oldest first. */
  threadsFor(counterpointIds: readonly string[]): Map<string, ThreadEntryView[]> {
    const rows = prepared(
      this.db,
      `SELECT counterpoint_id, kind, text, reason, by_id, by_role, at FROM counterpoint_thread
        WHERE counterpoint_id IN (${ID_LIST}) ORDER BY counterpoint_id, entry`,
    ).all(idList(counterpointIds)) as Array<Record<string, unknown>>;
    const threads = new Map<string, ThreadEntryView[]>(counterpointIds.map((id) => [id, []]));
    for (const row of rows) {
      threads.get(row['counterpoint_id'] as string)?.push({
        kind: row['kind'] as ThreadEntryView['kind'],
        text: row['text'] as string,
        reason: row['reason'] as string | null,
        by: { id: row['by_id'] as string, role: row['by_role'] as Role },
        at: row['at'] as string,
      });
    }
    return threads;
  }

  /**
   * Links from and to each claim, in the order they were made. Two index searches joined by UNION ALL (the
   * second leaves out what the first found) rather than `from_id IN … OR to_id IN …`, which SQLite answers
   * with a MULTI-INDEX OR and a temporary B-tree to drop duplicates: measured up to twice as slow.
   */
  relationsFor(claimIds: readonly string[]): Map<string, RelationView[]> {
    const list = idList(claimIds);
    const rows = prepared(
      this.db,
      `SELECT * FROM relations WHERE from_id IN (${ID_LIST})
       UNION ALL SELECT * FROM relations WHERE to_id IN (${ID_LIST}) AND from_id NOT IN (${ID_LIST})
       ORDER BY seq`,
    ).all(list, list, list) as Array<Record<string, unknown>>;
    const byClaim = new Map<string, RelationView[]>(claimIds.map((id) => [id, []]));
    for (const row of rows) {
      const view: RelationView = {
        kind: row['kind'] as RelationView['kind'],
        fromId: row['from_id'] as string,
        toId: row['to_id'] as string,
        rationale: row['rationale'] as string | null,
        linkedBy: { id: row['linked_by'] as string, role: row['linked_role'] as Role },
        linkedAt: row['linked_at'] as string,
      };
      byClaim.get(view.fromId)?.push(view);
      if (view.toId !== view.fromId) byClaim.get(view.toId)?.push(view);
    }
    return byClaim;
  }
}

const groupBy = <T extends { claimId: string }>(
  claimIds: readonly string[],
  items: T[],
): Map<string, T[]> => {
  const groups = new Map<string, T[]>(claimIds.map((id) => [id, []]));
  for (const item of items) groups.get(item.claimId)?.push(item);
  return groups;
};
