import type Database from 'better-sqlite3';
import { ACCESS_EVENT_TYPES } from '../../auth/domain/access.events.js';
import { mayReadAccessEvents } from '../../auth/domain/access.values.js';
import type { StoredEvent } from '../../event-sourcing/event-store.js';
import { prepared } from '../../read-model/statement-cache.js';
import type { Actor, Role } from '../../event-sourcing/metadata.js';
import {
  CountedWhenReadPage,
  decodeCursor,
  encodeCursor,
  pageSize,
  type Page,
} from '../../read-model/pagination.js';
import { auditEntryOf } from './audit-entry.js';
import { readModelNames } from './read-model-names.js';

export interface AuditFilter {
  readonly subjectId?: string | null;
  readonly actorId?: string | null;
  readonly types?: readonly string[] | null;
  readonly from?: string | null;
  readonly to?: string | null;
  /** Only entries at or before this log position: a claim's history as it stood at a moment. */
  readonly toPosition?: bigint | null;
  /**
   * A claim: its own events and the events of other streams that changed it or its standing (links to it
   * and unlinks, events that moved its label), as the standing projection records them.
   */
  readonly affecting?: string | null;
}

/**
 * Who reads the trail: every read of the audit table takes one, and sees token grants and revocations only
 * if `mayReadAccessEvents` says so. `undefined` is an anonymous reader.
 */
export type AuditReader = Actor | undefined;

/** Newest first is how people read a trail; oldest first is how a notebook replays one. */
export type AuditOrder = 'NEWEST_FIRST' | 'OLDEST_FIRST';

export interface AuditEntryView {
  readonly position: string;
  readonly streamId: string;
  readonly subjectId: string;
  readonly version: number;
  readonly type: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
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
  recordedAt: row['recorded_at'] as string,
  actor: { id: row['actor_id'] as string, role: row['actor_role'] as Role },
  reason: row['reason'] as string | null,
  summary: row['summary'] as string,
  data: JSON.parse(row['data'] as string),
  correlationId: row['correlation_id'] as string | null,
  causationId: row['causation_id'] as string | null,
});

export interface AuditWhere {
  /** `WHERE …`, or '' without conditions. */
  readonly sql: string;
  readonly params: readonly unknown[];
}

/**
 * The one translation of an audit filter and its reader into SQL, shared by the GraphQL trail, the live feed
 * and the NDJSON export.
 */
export const auditWhere = (filter: AuditFilter, reader: AuditReader): AuditWhere => {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => {
    clauses.push(clause);
    params.push(...values);
  };
  if (filter.subjectId) add('subject_id = ?', filter.subjectId);
  if (filter.affecting) {
    add(
      '(subject_id = ? OR position IN (SELECT position FROM claim_influences WHERE claim_id = ?))',
      filter.affecting,
      filter.affecting,
    );
  }
  if (filter.actorId) add('actor_id = ?', filter.actorId);
  if (filter.types?.length) add(`type IN (${filter.types.map(() => '?').join(', ')})`, ...filter.types);
  // Stored times are UTC ISO strings, so they compare as text once the bound is in the same form.
  if (filter.from) add('occurred_at >= ?', new Date(filter.from).toISOString());
  if (filter.to) add('occurred_at <= ?', new Date(filter.to).toISOString());
  if (filter.toPosition !== undefined && filter.toPosition !== null) add('position <= ?', filter.toPosition);
  // By type, not by stream: the `audit_type` index then still answers counts on its own.
  if (!mayReadAccessEvents(reader))
    add(`type NOT IN (${ACCESS_EVENT_TYPES.map(() => '?').join(', ')})`, ...ACCESS_EVENT_TYPES);
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
};

export const sqlDirection = (order: AuditOrder): 'ASC' | 'DESC' =>
  order === 'OLDEST_FIRST' ? 'ASC' : 'DESC';

/**
 * Every entry the filter selects, in order, one row at a time. The statement holds its connection until the
 * iteration ends, so callers iterate on a connection of their own (see the NDJSON export).
 */
export function* iterateAudit(
  db: Database.Database,
  filter: AuditFilter,
  reader: AuditReader,
  order: AuditOrder,
): Generator<AuditEntryView> {
  const where = auditWhere(filter, reader);
  const rows = db
    .prepare(`SELECT * FROM audit ${where.sql} ORDER BY position ${sqlDirection(order)}`)
    .iterate(...where.params) as IterableIterator<Record<string, unknown>>;
  for (const row of rows) yield toAuditEntryView(row);
}

export class AuditQueries {
  constructor(private readonly db: Database.Database) {}

  /** Newest first unless asked otherwise, keyset-paginated on the log position. */
  list(
    filter: AuditFilter,
    reader: AuditReader,
    first?: number | null,
    after?: string | null,
    order: AuditOrder = 'NEWEST_FIRST',
  ): Page<AuditEntryView> {
    const limit = pageSize(first, 50);
    const where = auditWhere(filter, reader);
    const direction = sqlDirection(order);
    const cursor = decodeCursor(after, ['position']);
    const keyset = cursor
      ? `${where.sql ? `${where.sql} AND` : 'WHERE'} position ${direction === 'ASC' ? '>' : '<'} ?`
      : where.sql;
    // Filter shapes are few, so their statements are cached like the fixed ones.
    const rows = prepared(
      this.db,
      `SELECT * FROM audit ${keyset} ORDER BY position ${direction} LIMIT ?`,
    ).all(...where.params, ...(cursor ?? []), limit + 1) as Array<Record<string, unknown>>;
    const page = rows.slice(0, limit);
    // Counted only if the client asks for totalCount: deep in a large log the count cost more than the page.
    return new CountedWhenReadPage(
      page.map(toAuditEntryView),
      page.map((row) => encodeCursor([row['position'] as number])),
      rows.length > limit,
      cursor !== undefined,
      () =>
        prepared(this.db, `SELECT count(*) FROM audit ${where.sql}`)
          .pluck()
          .get(...where.params) as number,
    );
  }

  /**
   * The `version`-th event of a claim's or source's stream, when the read model has it. Read as anyone may
   * read it: never a token event, whoever asks.
   */
  entryAt(subjectId: string, version: number): AuditEntryView | undefined {
    const where = auditWhere({}, undefined);
    const row = prepared(
      this.db,
      `SELECT * FROM audit ${where.sql ? `${where.sql} AND` : 'WHERE'} subject_id = ? AND version = ?`,
    ).get(...where.params, subjectId, version) as Record<string, unknown> | undefined;
    return row ? toAuditEntryView(row) : undefined;
  }

  /** The stored entries at these positions that the reader may see, in log order. */
  byPositions(positions: readonly bigint[], reader: AuditReader): AuditEntryView[] {
    return this.at(positions, auditWhere({}, reader));
  }

  /**
   * The entries of the events a mutation just appended (its own, so no reader rule applies), as the trail
   * stores them: the stored row, so the answer and the trail say the same; for an event the projector has
   * not applied yet (it is behind or stopped), the entry built from the event by the same function, with the
   * names the read model holds by then (those it cannot resolve read neutrally: "a counterpoint").
   */
  appended(events: readonly StoredEvent[]): AuditEntryView[] {
    const stored = new Map(
      this.at(
        events.map((event) => event.position),
        { sql: '', params: [] },
      ).map((entry) => [entry.position, entry]),
    );
    return events.map(
      (event) => stored.get(String(event.position)) ?? auditEntryOf(event, readModelNames(this.db)),
    );
  }

  private at(positions: readonly bigint[], where: AuditWhere): AuditEntryView[] {
    if (positions.length === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT * FROM audit ${where.sql ? `${where.sql} AND` : 'WHERE'} position IN (${positions.map(() => '?').join(', ')}) ORDER BY position`,
      )
      .all(...where.params, ...positions) as Array<Record<string, unknown>>;
    return rows.map(toAuditEntryView);
  }
}
