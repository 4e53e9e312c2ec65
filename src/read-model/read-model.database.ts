import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Projection } from './projection.js';

const CHECKPOINT_SCHEMA = `
CREATE TABLE IF NOT EXISTS checkpoint (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  position INTEGER NOT NULL
);
INSERT OR IGNORE INTO checkpoint (id, position) VALUES (1, 0);
`;

/**
 * The read model is this instance's own SQLite file. It can always be rebuilt from the event log, so it
 * runs with synchronous=NORMAL: a crash may lose the last batches, never consistency, and the checkpoint
 * lives in the same transactions, so the projector simply re-applies what was lost.
 */
export const openReadModel = (file: string, projections: readonly Projection[]): Database.Database => {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 10000');
  db.pragma('foreign_keys = OFF');
  createReadModelSchema(db, projections);
  return db;
};

/**
 * Which version of each projection wrote this file (Projection.version). A file without the table was
 * written before versions were recorded: every projection at 1.
 */
const VERSIONS_SCHEMA = `
CREATE TABLE IF NOT EXISTS projection_versions (
  name    TEXT PRIMARY KEY,
  version INTEGER NOT NULL
) WITHOUT ROWID;
`;

const tableExists = (db: Database.Database, name: string): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

/**
 * The projections whose recorded version differs from the code's; empty for a new file. A read model
 * written by other versions holds other tables or rows for the same events, so it must be built again.
 */
export const staleProjections = (db: Database.Database, projections: readonly Projection[]): string[] => {
  if (!tableExists(db, 'checkpoint')) return [];
  const recorded = new Map<string, number>(
    tableExists(db, 'projection_versions')
      ? (db.prepare('SELECT name, version FROM projection_versions').raw().all() as Array<[string, number]>)
      : projections.map((projection) => [projection.name, 1]),
  );
  return projections
    .filter((projection) => recorded.get(projection.name) !== (projection.version ?? 1))
    .map((projection) => projection.name);
};

/** Drops every table (an FTS5 table takes its shadow tables with it), leaving an empty file at position 0. */
const emptyReadModel = (db: Database.Database): void => {
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY sql LIKE 'CREATE VIRTUAL TABLE%' DESC",
    )
    .pluck()
    .all() as string[];
  for (const name of tables) {
    // A shadow table is gone once its FTS5 table is dropped.
    if (tableExists(db, name)) db.exec(`DROP TABLE "${name.replaceAll('"', '""')}"`);
  }
};

/**
 * The checkpoint and every projection's tables, in the same order for every read model (idempotent DDL).
 * A file written at other projection versions is emptied first, so the projector replays the log into the
 * current schema from position 0 (a rebuild does the same in bulk).
 */
export const createReadModelSchema = (db: Database.Database, projections: readonly Projection[]): void => {
  db.transaction(() => {
    if (staleProjections(db, projections).length > 0) emptyReadModel(db);
    db.exec(CHECKPOINT_SCHEMA);
    for (const projection of projections) db.exec(projection.schema);
    db.exec(VERSIONS_SCHEMA);
    const record = db.prepare('INSERT OR REPLACE INTO projection_versions (name, version) VALUES (?, ?)');
    for (const projection of projections) record.run(projection.name, projection.version ?? 1);
  })();
};

export const readCheckpoint = (db: Database.Database): bigint =>
  BigInt(db.prepare('SELECT position FROM checkpoint WHERE id = 1').pluck().get() as number);

export const writeCheckpoint = (db: Database.Database, position: bigint): void => {
  db.prepare('UPDATE checkpoint SET position = ? WHERE id = 1').run(position);
};
