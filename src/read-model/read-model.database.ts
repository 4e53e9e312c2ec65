import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Projection } from './projection.js';

/**
 * The checkpoint, and beside it the id of the event store the read model was built from (open-read-model.ts):
 * a position means something only in the log it was read from.
 */
const CHECKPOINT_SCHEMA = `
CREATE TABLE IF NOT EXISTS checkpoint (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  position INTEGER NOT NULL,
  store_id TEXT
);
INSERT OR IGNORE INTO checkpoint (id, position) VALUES (1, 0);
CREATE TABLE IF NOT EXISTS read_model_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;

/** Which version of each projection wrote the file: `{"claims":2,…}`, in projection order. */
const versionsOf = (projections: readonly Projection[]): string =>
  JSON.stringify(Object.fromEntries(projections.map((projection) => [projection.name, projection.version])));

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
 * The checkpoint and every projection's tables, in the same order for every read model (idempotent DDL). A
 * new file (nothing applied yet) records the projections' versions.
 */
export const createReadModelSchema = (db: Database.Database, projections: readonly Projection[]): void => {
  db.exec(CHECKPOINT_SCHEMA);
  // A read model from before store identities: the column is added, empty (the next start fills it in).
  const columns = db.prepare("SELECT name FROM pragma_table_info('checkpoint')").pluck().all();
  if (!columns.includes('store_id')) db.exec('ALTER TABLE checkpoint ADD COLUMN store_id TEXT');
  for (const projection of projections) db.exec(projection.schema);
  if (readCheckpoint(db) === 0n) {
    db.prepare("INSERT OR REPLACE INTO read_model_meta (key, value) VALUES ('projections', ?)").run(
      versionsOf(projections),
    );
  }
};

/**
 * Why this read model cannot be read by these projections, or undefined: it was written by other versions
 * of them (or before versions were recorded), so its rows may not be what the projections write now.
 */
export const outdatedReadModel = (
  db: Database.Database,
  projections: readonly Projection[],
): string | undefined => {
  const stored = db.prepare("SELECT value FROM read_model_meta WHERE key = 'projections'").pluck().get() as
    string | undefined;
  const wanted = versionsOf(projections);
  if (stored === wanted) return undefined;
  return `it was written by projections ${stored ?? '(of a version that did not record them)'}, and these are ${wanted}`;
};

export const readCheckpoint = (db: Database.Database): bigint =>
  BigInt(db.prepare('SELECT position FROM checkpoint WHERE id = 1').pluck().get() as number);

export const writeCheckpoint = (db: Database.Database, position: bigint): void => {
  db.prepare('UPDATE checkpoint SET position = ? WHERE id = 1').run(position);
};

/** The id of the store this read model was built from; null before it was first bound to one. */
export const readStoreId = (db: Database.Database): string | null =>
  db.prepare('SELECT store_id FROM checkpoint WHERE id = 1').pluck().get() as string | null;

export const writeStoreId = (db: Database.Database, storeId: string): void => {
  db.prepare('UPDATE checkpoint SET store_id = ? WHERE id = 1').run(storeId);
};
