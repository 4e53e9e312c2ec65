import type Database from 'better-sqlite3';
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Projection } from './projection.js';
import { openReadModel, readCheckpoint } from './read-model.database.js';
import { currentReadModelFile, newGenerationName, setCurrentReadModel } from './read-model.files.js';

/** What an operator does about a damaged read model while the server runs: the server switches to it. */
export const REBUILD_FIX =
  'run `claimtrail projections rebuild`: it rebuilds the read model from the event log, which is the source of truth, and the running server switches to it';

/** SQLite's own word that a file is damaged (not every SQLite error: a full disk or a lock is not). */
export const isDamage = (error: unknown): error is Error =>
  error instanceof Error &&
  typeof (error as { code?: unknown }).code === 'string' &&
  /^SQLITE_(CORRUPT|NOTADB)/.test((error as unknown as { code: string }).code);

export interface OpenedReadModel {
  readonly db: Database.Database;
  readonly file: string;
}

/**
 * The data dir's current read model, opened; one that SQLite finds damaged as it opens (its header, its
 * schema, its checkpoint) is set aside beside it (`….damaged-<time>`, with its -wal and -shm files) and a
 * new, empty generation takes its place, which the projector fills from the event log. `warn` says which
 * file and what happened.
 */
export const openOrReplaceReadModel = (
  dataDir: string,
  projections: readonly Projection[],
  warn: (message: string) => void,
): OpenedReadModel => {
  const file = currentReadModelFile(dataDir);
  let db: Database.Database | undefined;
  try {
    db = openReadModel(file, projections);
    readCheckpoint(db);
    return { db, file };
  } catch (error) {
    db?.close();
    if (!isDamage(error)) throw error;
    const aside = `${file}.damaged-${Date.now()}`;
    for (const suffix of ['', '-wal', '-shm'])
      if (existsSync(`${file}${suffix}`)) renameSync(`${file}${suffix}`, `${aside}${suffix}`);
    const name = newGenerationName();
    const fresh = openReadModel(join(dataDir, name), projections);
    setCurrentReadModel(dataDir, name);
    warn(
      `the read model ${file} is damaged (${error.message}); it was moved to ${aside} and is being rebuilt from the event log, the source of truth: /ready answers 503 until it has caught up`,
    );
    return { db: fresh, file: join(dataDir, name) };
  }
};
