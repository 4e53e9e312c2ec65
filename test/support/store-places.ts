import { join } from 'node:path';
import type { EventStore } from '../../src/event-sourcing/event-store.js';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.js';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import { freshDatabase, TEST_DATABASE_URL } from './postgres.js';
import { tempDir } from './temp-dir.js';

/** The adapters the command-path specs run against: SQLite always, PostgreSQL when a test server is set. */
export type StoreKind = 'sqlite' | 'postgres';

export const STORE_KINDS: readonly StoreKind[] = TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/** Says once per suite that its PostgreSQL run was left out, and why. */
export const noteSkippedPostgres = (suite: string): void => {
  if (!TEST_DATABASE_URL)
    console.log(`${suite}: PostgreSQL run SKIPPED (CLAIMTRAIL_TEST_DATABASE_URL not set)`);
};

/** A store whose folding read is always there, as both adapters have it. */
export type LocalStore = EventStore & Required<Pick<EventStore, 'readStreamEvents'>>;

/**
 * Where one test's store lives: a temp file, or a new database. `open()` may be called again for another
 * connection to the same store (another writer, or a restart); `address` names it to a worker process.
 */
export interface StorePlace {
  readonly kind: StoreKind;
  /** `sqlite:<file>` or `postgres:<url>`. */
  readonly address: string;
  open(): Promise<LocalStore>;
  remove(): Promise<void>;
}

export const createStorePlace = async (kind: StoreKind, label: string): Promise<StorePlace> => {
  if (kind === 'sqlite') {
    const dir = tempDir(label);
    const file = join(dir.path, 'events.db');
    return {
      kind,
      address: `sqlite:${file}`,
      open: async () => SqliteEventStore.open({ file }),
      remove: async () => dir.remove(),
    };
  }
  const database = await freshDatabase(label);
  return {
    kind,
    address: `postgres:${database.url}`,
    open: () => PostgresEventStore.open({ connectionString: database.url, onRetry: () => undefined }),
    remove: () => database.drop(),
  };
};
