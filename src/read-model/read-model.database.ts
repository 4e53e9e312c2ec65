import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Projection } from './projection.js';
import {
  currentReadModelFile,
  newGenerationName,
  removeStaleGenerations,
  setCurrentReadModel,
} from './read-model.files.js';

const CHECKPOINT_SCHEMA = `
CREATE TABLE IF NOT EXISTS checkpoint (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  position INTEGER NOT NULL
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

/**
 * This instance's current read model, ready for its projector. One written by other versions of the
 * projections is set aside: a new, empty generation becomes current and the projector fills it from the
 * log, the source of truth (the old file is deleted with the other stale generations).
 */
export const openCurrentReadModel = (
  dataDir: string,
  projections: readonly Projection[],
  onRebuild: (reason: string) => void,
): Database.Database => {
  mkdirSync(dataDir, { recursive: true });
  const db = openReadModel(currentReadModelFile(dataDir), projections);
  const outdated = outdatedReadModel(db, projections);
  if (outdated === undefined) {
    removeStaleGenerations(dataDir);
    return db;
  }
  db.close();
  const fresh = newGenerationName();
  const rebuilt = openReadModel(join(dataDir, fresh), projections);
  setCurrentReadModel(dataDir, fresh);
  removeStaleGenerations(dataDir);
  onRebuild(`the read model is rebuilt from the event log: ${outdated}`);
  return rebuilt;
};
