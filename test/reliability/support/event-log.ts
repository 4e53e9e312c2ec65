import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The event log and the read model as the files hold them, read with separate read-only connections
 * (never through the server): what a test asserts here cannot be an artefact of the API under test.
 */

export interface LogRow {
  readonly position: number;
  readonly streamId: string;
  readonly version: number;
  readonly eventId: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly metadata: Record<string, unknown>;
}

const openReadOnly = (file: string) => new Database(file, { readonly: true, fileMustExist: true });

export const eventsFile = (dataDir: string) => join(dataDir, 'events.db');

/** The read model file the server uses (a rebuild may have moved the pointer). */
export const readModelFile = (dataDir: string): string => {
  const pointer = join(dataDir, 'read-model.current');
  const name = existsSync(pointer) ? readFileSync(pointer, 'utf8').trim() : '';
  return join(dataDir, name || 'read-model.db');
};

export const readLog = (dataDir: string): LogRow[] => {
  const db = openReadOnly(eventsFile(dataDir));
  try {
    const rows = db
      .prepare(
        'SELECT position, stream_id, version, event_id, type, data, metadata FROM events ORDER BY position',
      )
      .all() as Array<{
      position: number;
      stream_id: string;
      version: number;
      event_id: string;
      type: string;
      data: string;
      metadata: string;
    }>;
    return rows.map((row) => ({
      position: row.position,
      streamId: row.stream_id,
      version: row.version,
      eventId: row.event_id,
      type: row.type,
      data: JSON.parse(row.data) as Record<string, unknown>,
      metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    }));
  } finally {
    db.close();
  }
};

/** The last position in the log (0 when empty). */
export const headPosition = (dataDir: string): number => {
  const db = openReadOnly(eventsFile(dataDir));
  try {
    return db.prepare('SELECT coalesce(max(position), 0) FROM events').pluck().get() as number;
  } finally {
    db.close();
  }
};

export const integrityCheck = (file: string): string => {
  const db = openReadOnly(file);
  try {
    return (db.pragma('integrity_check') as Array<{ integrity_check: string }>)
      .map((row) => row.integrity_check)
      .join('; ');
  } finally {
    db.close();
  }
};

/** Runs one read-only query against the live read model. */
export const queryReadModel = <T>(dataDir: string, sql: string, ...params: unknown[]): T[] => {
  const db = openReadOnly(readModelFile(dataDir));
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
};

/**
 * The structural invariants of the log: positions 1..N without gaps (rowids are never reused or skipped,
 * so a rolled-back group commit leaves no hole), every stream's versions 1..n in position order, and
 * event ids unique. Returns the violations, empty when the log is sound.
 */
export const logViolations = (log: readonly LogRow[]): string[] => {
  const problems: string[] = [];
  const versions = new Map<string, number>();
  const eventIds = new Set<string>();
  log.forEach((row, index) => {
    if (row.position !== index + 1)
      problems.push(
        `position ${row.position} at index ${index}: the positions have a gap or are out of order`,
      );
    const expected = (versions.get(row.streamId) ?? 0) + 1;
    if (row.version !== expected)
      problems.push(
        `${row.streamId}: version ${row.version} at position ${row.position}, expected ${expected}`,
      );
    versions.set(row.streamId, row.version);
    if (eventIds.has(row.eventId)) problems.push(`event id ${row.eventId} stored twice`);
    eventIds.add(row.eventId);
  });
  return problems.slice(0, 20);
};
