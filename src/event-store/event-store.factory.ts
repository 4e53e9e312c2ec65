import { join } from 'node:path';
import type { ClaimtrailConfig } from '../config.js';
import type { EventStore } from '../event-sourcing/event-store.js';
import { PostgresEventStore } from './postgres/postgres-event-store.js';
import { SqliteEventStore } from './sqlite/sqlite-event-store.js';

/** The one place that turns configuration into an event-store adapter (server and CLI alike). */
export const openEventStore = async (config: ClaimtrailConfig): Promise<EventStore> => {
  if (config.eventStore === 'postgres') {
    return PostgresEventStore.open({ connectionString: config.databaseUrl! });
  }
  if (config.eventStore === 'eventstoredb') {
    const adapter = './eventstoredb/eventstoredb-event-store.js';
    const { EventStoreDbEventStore } = await import(adapter);
    return EventStoreDbEventStore.connect(config.eventStoreConnectionString!);
  }
  return SqliteEventStore.open({ file: join(config.dataDir, 'events.db'), synchronous: config.synchronous });
};
