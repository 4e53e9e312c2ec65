import type Database from 'better-sqlite3';
import { ValidationError } from '../../event-sourcing/errors.js';
import type { Role } from '../../event-sourcing/metadata.js';
import { decodeCursor, encodeCursor, pageSize, type Page } from '../../read-model/pagination.js';
import { prepared } from '../../read-model/statement-cache.js';
import type { ClaimStatus, Verdict } from '../domain/claim.values.js';
import type { Label } from '../domain/grounded-labelling.js';
import type {
  ClaimView,
  CounterpointView,
  EvidenceView,
  RelationView,
  ThreadEntryView,
} from './claim.views.js';

export interface ClaimFilter {
  readonly status?: readonly ClaimStatus[] | null;
  readonly tags?: readonly string[] | null;
  readonly sourceId?: string | null;
  readonly search?: string | null;
  readonly createdBy?: string | null;
  readonly acceptability?: readonly Label[] | null;
  readonly verdict?: readonly Verdict[] | null;
  readonly updatedAfter?: string | null;
  readonly updatedBefore?: string | null;
  /** true: claims whose assessment has gone stale; false: claims without one. */
  readonly needsReassessment?: boolean | null;
}

export interface ClaimOrder {
  readonly field: 'CREATED_AT' | 'UPDATED_AT' | 'STATEMENT';
  readonly direction: 'ASC' | 'DESC';
}

const ORDER_COLUMNS = { CREATED_AT: 'created_at', UPDATED_AT: 'updated_at', STATEMENT: 'statement' } as const;

/**
 * The columns a ClaimView is made of, read as arrays (`.raw()`): better-sqlite3 builds a row object property by
 * property, and for these 16 columns that took twice as long as the array; `SELECT *` (22 columns, counters and
 * note included) took three times as long. The claims of a page were the largest cost of a claims query (B5).
 */
const CLAIM_COLUMNS = [
  'id',
  'statement',
  'status',
  'tags',
  'attributed_to',
  'source_id',
  'quote',
  'assessment',
  'acceptability',
  'defeated_by',
  'version',
  'created_by',
  'created_role',
  'created_at',
  'updated_at',
  'seq',
] as const;
const CLAIM_SELECT = `SELECT ${CLAIM_COLUMNS.join(', ')} FROM claims`;

type ClaimRow = [
  id: string,
  statement: string,
  status: ClaimStatus,
  tags: string,
  attributedTo: string | null,
  sourceId: string | null,
  quote: string | null,
  assessment: string | null,
  acceptability: Label,
  defeatedBy: string,
  version: number,
  createdBy: string,
  createdRole: Role,
  createdAt: string,
  updatedAt: string,
  seq: number,
];
const SEQ = CLAIM_COLUMNS.indexOf('seq');

const toClaimView = ([
  id,
  statement,
  status,
  tags,
  attributedTo,
  sourceId,
  quote,
  assessment,
  acceptability,
  defeatedBy,
  version,
  createdBy,
  createdRole,
  createdAt,
  updatedAt,
]: ClaimRow): ClaimView => ({
  id,
  statement,
  status,
  tags: JSON.parse(tags) as string[],
  attributedTo,
  anchor: sourceId && quote ? { sourceId, quote: JSON.parse(quote) } : null,
  assessment: assessment ? JSON.parse(assessment) : null,
  acceptability,
  defeatedBy: JSON.parse(defeatedBy) as string[],
  version,
  createdBy: { id: createdBy, role: createdRole },
  createdAt,
  updatedAt,
});

const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');
/**
 * A list of ids as one JSON parameter: one prepared statement serves every list length (preparing a
 * statement per call was 8% of a claims query's CPU), and SQLite still looks each id up in the index.
 */
export const ID_LIST = 'SELECT value FROM json_each(?)';
const idList = (ids: readonly string[]) => JSON.stringify(ids);

/** Turns a filter into a WHERE clause and its parameters. Every field of ClaimFilter is honoured. */
const whereOf = (filter: ClaimFilter): { sql: string; params: unknown[] } => {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => {
    clauses.push(clause);
    params.push(...values);
  };
  const inList = (column: string, values: readonly unknown[] | null | undefined) => {
    if (values && values.length > 0) add(`${column} IN (${placeholders(values)})`, ...values);
  };
  inList('status', filter.status);
  inList('acceptability', filter.acceptability);
  inList('verdict', filter.verdict);
  for (const tag of filter.tags ?? [])
    add('EXISTS (SELECT 1 FROM claim_tags t WHERE t.tag = ? AND t.claim_id = claims.id)', tag);
  if (filter.sourceId) add('source_id = ?', filter.sourceId);
  // The row keeps a stale assessment without its verdict (claims.projection.ts, withStaleAssessment).
  if (filter.needsReassessment === true) add('assessment IS NOT NULL AND verdict IS NULL');
  if (filter.needsReassessment === false) add('NOT (assessment IS NOT NULL AND verdict IS NULL)');
  if (filter.createdBy) add('created_by = ?', filter.createdBy);
  if (filter.updatedAfter) add('updated_at > ?', new Date(filter.updatedAfter).toISOString());
  if (filter.updatedBefore) add('updated_at < ?', new Date(filter.updatedBefore).toISOString());
  if (filter.search !== undefined && filter.search !== null) {
    if (filter.search.trim() === '') throw new ValidationError('search must not be blank', 'filter.search');
    add('id IN (SELECT claim_id FROM claim_search WHERE claim_search MATCH ?)', filter.search);
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
};

/**
 * A malformed FTS5 expression is the caller's mistake, never a 500: with a search filter, any SQLite error
 * of the query (FTS5 reports syntax in many wordings: "fts5: syntax error", "unterminated string",
 * "unknown special query", …) is reported as an input error on `filter.search`.
 */
const withSearchErrors = <T>(search: string | null | undefined, run: () => T): T => {
  try {
    return run();
  } catch (error) {
    // By code, not instanceof: see isUniqueViolation in the SQLite event store.
    const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
    if (search != null && code === 'SQLITE_ERROR') {
      throw new ValidationError(
        `search is not a valid full-text expression (${String(message)})`,
        'filter.search',
      );
    }
    throw error;
  }
};

/**
 * A page whose totalCount is counted when first read, so a page nobody asks the count of costs no count (B5).
 * A class, so the getter lives on the prototype: an object literal with a getter of its own made V8 build a
 * new hidden class for every page, each kept until a full GC (measured: +7 MB of heap a second under B5).
 */
class CountedWhenReadPage<T> implements Page<T> {
  #totalCount: number | undefined;

  constructor(
    readonly items: readonly T[],
    readonly cursors: readonly string[],
    readonly hasNextPage: boolean,
    readonly hasPreviousPage: boolean,
    private readonly count: () => number,
  ) {}

  get totalCount(): number {
    this.#totalCount ??= this.count();
    return this.#totalCount;
  }
}

export class ClaimsQueries {
  constructor(private readonly db: Database.Database) {}

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

  list(
    filter: ClaimFilter = {},
    order: ClaimOrder = { field: 'CREATED_AT', direction: 'DESC' },
    first?: number | null,
    after?: string | null,
  ): Page<ClaimView> {
    const limit = pageSize(first);
    const column = ORDER_COLUMNS[order.field];
    const sortKey = CLAIM_COLUMNS.indexOf(column);
    const direction = order.direction === 'ASC' ? 'ASC' : 'DESC';
    const where = whereOf(filter);
    // The key names its order, so a cursor of one order is not taken for another's.
    const ordered = `${order.field} ${direction}`;
    const decoded = decodeCursor(after, [
      { literal: ordered },
      order.field === 'STATEMENT' ? 'text' : 'timestamp',
      'position',
    ]);
    const cursor = decoded?.slice(1);
    const keyset = cursor
      ? `${where.sql ? `${where.sql} AND` : 'WHERE'} (${column}, seq) ${direction === 'ASC' ? '>' : '<'} (?, ?)`
      : where.sql;
    // Filter shapes are few, so their statements are cached like the fixed ones.
    const rows = withSearchErrors(
      filter.search,
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
          filter.search,
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
