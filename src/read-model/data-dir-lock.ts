import Database from 'better-sqlite3';
import { join } from 'node:path';

/** The file whose lock says a server is using the data directory. */
export const LOCK_FILE = 'server.lock';

export class DataDirInUseError extends Error {}

/**
 * One server per data directory. Two processes on one directory shared its read model, each projector
 * writing it and each answering from rows the other had not applied: 17 of 20 mutations through the second
 * answered "not in the read model yet" though every event was stored. So a second server refuses to start.
 * (Several servers share one store by giving each its own data directory: docs/architecture.md.)
 *
 * The lock is SQLite's own exclusive lock on a small file, held by an open transaction: the operating
 * system releases it when the process ends, however it ends, so a server killed with -9 leaves no stale
 * lock behind, and a second connection in the same process is refused like another process.
 */
export class DataDirLock {
  private constructor(private readonly db: Database.Database) {}

  static acquire(dataDir: string): DataDirLock {
    const file = join(dataDir, LOCK_FILE);
    const db = new Database(file, { timeout: 0 });
    try {
      db.pragma('journal_mode = DELETE');
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec('BEGIN EXCLUSIVE');
      return new DataDirLock(db);
    } catch (error) {
      db.close();
      if ((error as { code?: string }).code === 'SQLITE_BUSY')
        throw new DataDirInUseError(
          `another Claimtrail server is using the data directory ${dataDir} (it holds ${file}): stop it, or give this server its own CLAIMTRAIL_DATA_DIR (servers share a store, never a data directory)`,
        );
      throw error;
    }
  }

  release(): void {
    if (this.db.open) this.db.close();
  }
}
