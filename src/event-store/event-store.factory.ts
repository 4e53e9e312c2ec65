import { join } from 'node:path';
import type { ClaimtrailConfig } from '../config.js';
import type { EventStore } from '../event-sourcing/event-store.js';
import { PostgresEventStore } from './postgres/postgres-event-store.js';
import { SqliteEventStore } from './sqlite/sqlite-event-store.js';

export interface EventStoreOptions {
  /** The prefixes of every kind of stream the application writes (src/stream-prefixes.ts). */
  readonly streamPrefixes: readonly string[];
}

/** The one place that turns configuration into an event-store adapter (server and CLI alike). */
export const openEventStore = async (
  config: ClaimtrailConfig,
  options: EventStoreOptions,
): Promise<EventStore> => {
  if (config.eventStore === 'postgres') {
    return PostgresEventStore.open({ connectionString: config.databaseUrl! });
  }
  if (config.eventStore === 'eventstoredb') {
    const adapter = './eventstoredb/eventstoredb-event-store.js';
    const { EventStoreDbEventStore } = await import(adapter);
    return EventStoreDbEventStore.connect(config.eventStoreConnectionString!, {
      streamPrefixes: options.streamPrefixes,
    });
  }
  return SqliteEventStore.open({ file: join(config.dataDir, 'events.db'), synchronous: config.synchronous });
};
