import type Database from 'better-sqlite3';
import type { Role } from '../../event-sourcing/metadata.js';
import { isoUtc } from '../../export/formats/ndjson.js';
import {
  iterateAudit,
  type AuditEntryView,
  type AuditFilter,
  type AuditOrder,
  type AuditReader,
} from '../read-model/audit.queries.js';

/** Lines are gathered into chunks of about this size: one write per line would cost more than the lines. */
const CHUNK_BYTES = 64 * 1024;

/**
 * One audit entry as an NDJSON line, flat for `pandas.read_json(path, lines=True)`: snake_case columns,
 * the actor as `actor_id` and `actor_role`, times in UTC ISO-8601 under names ending in `_at` (which pandas
 * parses by itself), the position as a number (positions stay far below 2^53). Only `data`, the event's own
 * payload, stays an object.
 */
export interface AuditRecord {
  readonly position: number;
  readonly stream_id: string;
  readonly subject_id: string;
  readonly version: number;
  readonly type: string;
  readonly occurred_at: string;
  readonly recorded_at: string;
  readonly actor_id: string;
  readonly actor_role: Role;
  readonly reason: string | null;
  readonly summary: string;
  readonly correlation_id: string | null;
  readonly causation_id: string | null;
  readonly data: unknown;
}

export const auditRecord = (entry: AuditEntryView): AuditRecord => ({
  position: Number(entry.position),
  stream_id: entry.streamId,
  subject_id: entry.subjectId,
  version: entry.version,
  type: entry.type,
  occurred_at: isoUtc(entry.occurredAt),
  recorded_at: isoUtc(entry.recordedAt),
  actor_id: entry.actor.id,
  actor_role: entry.actor.role,
  reason: entry.reason,
  summary: entry.summary,
  correlation_id: entry.correlationId,
  causation_id: entry.causationId,
  data: entry.data,
});

/**
 * The audit entries the filter selects as NDJSON, one record per line, in chunks, row by row from the
 * database: memory stays flat however long the trail is.
 */
export function* auditNdjson(
  db: Database.Database,
  filter: AuditFilter,
  reader: AuditReader,
  order: AuditOrder,
  chunkBytes = CHUNK_BYTES,
): Generator<string> {
  let chunk = '';
  for (const entry of iterateAudit(db, filter, reader, order)) {
    chunk += `${JSON.stringify(auditRecord(entry))}\n`;
    if (chunk.length >= chunkBytes) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}
