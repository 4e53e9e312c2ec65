import Database from 'better-sqlite3';
import { existsSync, renameSync } from 'node:fs';
import { currentReadModelFile } from './read-model.files.js';

/** What an operator does about a damaged read model while the server runs: the server switches to it. */
export const REBUILD_FIX =
  'run `claimtrail projections rebuild`: it rebuilds the read model from the event log, which is the source of truth, and the running server switches to it';

/** SQLite's own word that a file is damaged (not every SQLite error: a full disk or a lock is not). */
export const isDamage = (error: unknown): error is Error =>
  error instanceof Error &&
  typeof (error as { code?: unknown }).code === 'string' &&
  /^SQLITE_(CORRUPT|NOTADB)/.test((error as unknown as { code: string }).code);

/**
 * Before the current read model is opened: one that SQLite calls damaged as it reads its header and schema
 * (SQLITE_NOTADB, SQLITE_CORRUPT*) is set aside beside it (`….damaged-<time>`, with its -wal and -shm
 * files), so that opening the current read model then starts an empty one, which the projector fills from
 * the event log. `warn` says which file and what happened. Any other error is left to the opening.
 */
export const setAsideIfDamaged = (dataDir: string, warn: (message: string) => void): void => {
  const file = currentReadModelFile(dataDir);
  if (!existsSync(file)) return;
  let probe: Database.Database | undefined;
  try {
    probe = new Database(file);
    probe.pragma('journal_mode = WAL');
    probe.prepare('SELECT count(*) FROM sqlite_master').get();
    probe.close();
    return;
  } catch (error) {
    probe?.close();
    if (!isDamage(error)) return;
    const aside = `${file}.damaged-${Date.now()}`;
    for (const suffix of ['', '-wal', '-shm'])
      if (existsSync(`${file}${suffix}`)) renameSync(`${file}${suffix}`, `${aside}${suffix}`);
    warn(
      `the read model ${file} is damaged (${error.message}); it was moved to ${aside} and is being rebuilt from the event log, the source of truth: /ready answers 503 until it has caught up`,
    );
  }
};
