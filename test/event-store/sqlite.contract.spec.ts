import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import { tempDir } from '../support/temp-dir.js';
import { describeEventStoreContract } from './event-store.contract.js';

// A real file in a temp dir (WAL, synchronous=FULL), not only :memory:.
describeEventStoreContract('SqliteEventStore (temp file, FULL)', async () => {
  const dir = tempDir('es-contract');
  const store = SqliteEventStore.open({ file: join(dir.path, 'events.db') });
  return {
    store,
    cleanup: async () => {
      await store.close();
      dir.remove();
    },
  };
});

describeEventStoreContract('SqliteEventStore (:memory:)', async () => {
  const store = SqliteEventStore.open({ file: ':memory:' });
  return { store, cleanup: () => store.close() };
});
