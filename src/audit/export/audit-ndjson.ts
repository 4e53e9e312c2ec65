import type Database from 'better-sqlite3';
import { iterateAudit, type AuditFilter, type AuditOrder } from '../read-model/audit.queries.js';

/** Lines are gathered into chunks of about this size: one write per line would cost more than the lines. */
const CHUNK_BYTES = 64 * 1024;

/**
 * The audit entries the filter selects as NDJSON (one AuditEntry object per line, as GraphQL shows it),
 * in chunks, row by row from the database: memory stays flat however long the trail is.
 */
export function* auditNdjson(
  db: Database.Database,
  filter: AuditFilter,
  order: AuditOrder,
  chunkBytes = CHUNK_BYTES,
): Generator<string> {
  let chunk = '';
  for (const entry of iterateAudit(db, filter, order)) {
    chunk += `${JSON.stringify(entry)}\n`;
    if (chunk.length >= chunkBytes) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}
