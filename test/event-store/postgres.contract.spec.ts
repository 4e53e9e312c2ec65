import { afterAll, beforeAll } from '@jest/globals';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.js';
import {
  describeWithPostgres,
  freshDatabase,
  TEST_DATABASE_URL,
  type TestDatabase,
} from '../support/postgres.js';
import { describeEventStoreContract } from './event-store.contract.js';

// One database for the file, a new store (pool, LISTEN connection, migration check) for every case:
// the cases write to streams of their own and measure the log from its head when they begin.
describeWithPostgres('EventStore contract: PostgresEventStore', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase('contract');
  });
  afterAll(() => database?.drop());

  if (TEST_DATABASE_URL)
    describeEventStoreContract('PostgresEventStore', async () => {
      const store = await PostgresEventStore.open({ connectionString: database.url });
      return { store, cleanup: () => store.close() };
    });
});
