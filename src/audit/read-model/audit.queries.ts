import type Database from 'better-sqlite3';
import type { Actor, Role } from '../../event-sourcing/metadata.js';
import { decodeCursor, encodeCursor, pageSize, type Page } from '../../read-model/pagination.js';

export interface AuditFilter {
  readonly subjectId?: string | null;
  readonly actorId?: string | null;
  readonly types?: readonly string[] | null;
  readonly from?: string | null;
  readonly to?: string | null;
}

export interface AuditEntryView {
  readonly position: string;
  readonly streamId: string;
  readonly subjectId: string;
  readonly version: number;
  readonly type: string;
  readonly occurredAt: string;
  readonly actor: Actor;
  readonly reason: string | null;
  readonly summary: string;
  readonly data: unknown;
  readonly correlationId: string | null;
  readonly causationId: string | null;
}

export const toAuditEntryView = (row: Record<string, unknown>): AuditEntryView => ({
  position: String(row['position']),
  streamId: row['stream_id'] as string,
  subjectId: row['subject_id'] as string,
  version: row['version'] as number,
  type: row['type'] as string,
  occurredAt: row['occurred_at'] as string,
  actor: { id: row['actor_id'] as string, role: row['actor_role'] as Role },
  reason: row['reason'] as string | null,
  summary: row['summary'] as string,
  data: JSON.parse(row['data'] as string),
  correlationId: row['correlation_id'] as string | null,
  causationId: row['causation_id'] as string | null,
});

export class AuditQueries {
  constructor(private readonly db: Database.Database) {}

  /** Newest first (`order: 'ASC'` for oldest first), keyset-paginated on the log position. */
  list(filter: AuditFilter = {}, first?: number | null, after?: string | null, order: 'ASC' | 'DESC' = 'DESC'): Page<AuditEntryView> {
    const limit = pageSize(first, 50);
    const clauses: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, ...values: unknown[]) => {
      clauses.push(clause);
      params.push(...values);
    };
    if (filter.subjectId) add('subject_id = ?', filter.subjectId);
    if (filter.actorId) add('actor_id = ?', filter.actorId);
    if (filter.types?.length) add(`type IN (${filter.types.map(() => '?').join(', ')})`, ...filter.types);
    if (filter.from) add('occurred_at >= ?', new Date(filter.from).toISOString());
    if (filter.to) add('occurred_at <= ?', new Date(filter.to).toISOString());
    const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
    const cursor = decodeCursor(after, 1);
    const keyset = cursor ? `${where ? `${where} AND` : 'WHERE'} position ${order === 'ASC' ? '>' : '<'} ?` : where;
    const rows = this.db
      .prepare(`SELECT * FROM audit ${keyset} ORDER BY position ${order} LIMIT ?`)
      .all(...params, ...(cursor ?? []), limit + 1) as Array<Record<string, unknown>>;
    const page = rows.slice(0, limit);
    return {
      items: page.map(toAuditEntryView),
      cursors: page.map((row) => encodeCursor([row['position'] as number])),
      totalCount: this.db.prepare(`SELECT count(*) FROM audit ${where}`).pluck().get(...params) as number,
      hasNextPage: rows.length > limit,
      hasPreviousPage: cursor !== undefined,
    };
  }

  byPositions(positions: readonly bigint[]): AuditEntryView[] {
    if (positions.length === 0) return [];
    const rows = this.db
      .prepare(`SELECT * FROM audit WHERE position IN (${positions.map(() => '?').join(', ')}) ORDER BY position`)
      .all(...positions) as Array<Record<string, unknown>>;
    return rows.map(toAuditEntryView);
  }
}
