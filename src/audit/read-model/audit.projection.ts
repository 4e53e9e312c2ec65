import type Database from 'better-sqlite3';
import type { StoredEvent } from '../../event-sourcing/event-store.js';
import type { Projection } from '../../read-model/projection.js';
import { prepared } from '../../read-model/statement-cache.js';
import { auditEntryOf, isAuditedStream } from './audit-entry.js';
import { readModelNames } from './read-model-names.js';

export const AUDIT_SCHEMA = `
CREATE TABLE IF NOT EXISTS audit (
  position       INTEGER PRIMARY KEY,
  stream_id      TEXT NOT NULL,
  subject_id     TEXT NOT NULL,
  version        INTEGER NOT NULL,
  type           TEXT NOT NULL,
  occurred_at    TEXT NOT NULL,
  recorded_at    TEXT NOT NULL,
  actor_id       TEXT NOT NULL,
  actor_role     TEXT NOT NULL,
  reason         TEXT,
  summary        TEXT NOT NULL,
  data           TEXT NOT NULL,
  correlation_id TEXT,
  causation_id   TEXT
);
CREATE INDEX IF NOT EXISTS audit_subject ON audit (subject_id, position);
CREATE INDEX IF NOT EXISTS audit_actor ON audit (actor_id, position);
CREATE INDEX IF NOT EXISTS audit_type ON audit (type, position);
CREATE INDEX IF NOT EXISTS audit_time ON audit (occurred_at);
`;

/**
 * One row per claim, source or token event (token rows are for ADMINs' eyes: AuditQueries applies the rule).
 * Runs after the claims and sources projections (src/projections.ts): the summary names things as they stood
 * just after the event (audit-names.ts).
 */
export const auditProjection: Projection = {
  name: 'audit',
  // 2: summaries in words, token rows.
  version: 2,
  // Every event type, a new one included: which events are audited is a question of their stream.
  handles: { has: () => true } as unknown as ReadonlySet<string>,
  schema: AUDIT_SCHEMA,
  verifiedTables: [{ name: 'audit', rows: 'SELECT * FROM audit ORDER BY position' }],
  // Audit's keys arrive almost in order (positions, times, time-ordered subject ids, a few actors and types),
  // so a bulk load keeps its four indexes live: building them afterwards took four scans of the largest
  // table, 9 s at 1,000,000 events. The other tables are small and updated in place (claims_updated
  // changes with every event), so theirs are built at the end.
  liveIndexedTables: ['audit'],
  apply(db: Database.Database, stored: StoredEvent): void {
    if (!isAuditedStream(stored.streamId)) return;
    // The same entry a mutation answers with (auditEntryOf), stored as a row.
    const entry = auditEntryOf(stored, readModelNames(db));
    prepared(
      db,
      `INSERT OR IGNORE INTO audit (position, stream_id, subject_id, version, type, occurred_at, recorded_at, actor_id,
         actor_role, reason, summary, data, correlation_id, causation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      stored.position,
      entry.streamId,
      entry.subjectId,
      entry.version,
      entry.type,
      entry.occurredAt,
      entry.recordedAt,
      entry.actor.id,
      entry.actor.role,
      entry.reason,
      entry.summary,
      JSON.stringify(entry.data),
      entry.correlationId,
      entry.causationId,
    );
  },
};
