import { join } from 'node:path';
import { tokensProjection } from '../../src/auth/read-model/tokens.projection.js';
import type { StoredEvent } from '../../src/event-sourcing/event-store.js';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import { openReadModel } from '../../src/read-model/read-model.database.js';
import { tempDir } from '../support/temp-dir.js';

/** A real event store and a real tokens read model in one temp dir. */
export const authFixture = () => {
  const dir = tempDir('auth');
  const store = SqliteEventStore.open({ file: join(dir.path, 'events.db') });
  const db = openReadModel(join(dir.path, 'read-model.db'), [tokensProjection]);
  return {
    store,
    db,
    /** Applies these events (default: the whole log) as the projector would: one transaction. */
    async project(events?: readonly StoredEvent[]): Promise<void> {
      const batch = events ?? (await store.readAll());
      db.transaction(() => {
        for (const event of batch) {
          if (tokensProjection.handles.has(event.type)) tokensProjection.apply(db, event);
        }
      })();
    },
    rows: (): unknown[] => db.prepare('SELECT * FROM tokens ORDER BY token_id').all(),
    async close(): Promise<void> {
      db.close();
      await store.close();
      dir.remove();
    },
  };
};

export type AuthFixture = ReturnType<typeof authFixture>;
