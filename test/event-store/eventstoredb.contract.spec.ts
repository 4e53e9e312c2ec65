import { describe, it } from '@jest/globals';
import { EventStoreDbEventStore } from '../../src/event-store/eventstoredb/eventstoredb-event-store.js';
import { describeEventStoreContract } from './event-store.contract.js';
import { STREAM_PREFIXES } from '../../src/stream-prefixes.js';

// The EventStoreDB run needs a server; it is never faked. Without one, say so plainly.
const connectionString = process.env['EVENTSTORE_CONNECTION_STRING'];

if (!connectionString) {
  console.log('event-store contract: EventStoreDB run SKIPPED (EVENTSTORE_CONNECTION_STRING not set)');
  describe.skip('EventStore contract: EventStoreDbEventStore (EVENTSTORE_CONNECTION_STRING not set)', () => {
    it('runs only against a real EventStoreDB/KurrentDB server', () => undefined);
  });
} else {
  describeEventStoreContract(
    'EventStoreDbEventStore',
    async () => {
      const store = await EventStoreDbEventStore.connect(connectionString, {
        streamPrefixes: STREAM_PREFIXES,
      });
      return { store, cleanup: () => store.close() };
    },
    // Event ids are stream-scoped in EventStoreDB and it has no index by id (eventstoredb-idempotency.ts).
    { rejectsEventIdsOfOtherStreams: false },
  );
}
