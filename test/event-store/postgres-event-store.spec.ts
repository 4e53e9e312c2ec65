import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { StorageError, ValidationError } from '../../src/event-sourcing/errors.js';
import type { NewEvent, StoredEvent } from '../../src/event-sourcing/event-store.js';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.js';
import {
  adminQuery,
  databaseUrl,
  describeWithPostgres,
  freshDatabase,
  TEST_DATABASE_URL,
  type TestDatabase,
} from '../support/postgres.js';

const event = (type = 'Tested'): NewEvent => ({ eventId: randomUUID(), type, data: {}, metadata: {} });

/** A port nothing listens on (taken, then released). */
const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const collect = (store: PostgresEventStore, fromPosition: bigint) => {
  const subscription = store.subscribeAll({ fromPosition });
  const seen: Array<{ event: StoredEvent; at: number }> = [];
  const state = { error: undefined as unknown, ended: false };
  void (async () => {
    try {
      for await (const stored of subscription) seen.push({ event: stored, at: performance.now() });
    } catch (error) {
      state.error = error;
    }
    state.ended = true;
  })();
  const waitFor = async (eventId: string, timeoutMs: number) => {
    const deadline = performance.now() + timeoutMs;
    while (!seen.some((entry) => entry.event.eventId === eventId)) {
      if (performance.now() > deadline || state.ended) throw new Error(`${eventId} not delivered`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return seen.find((entry) => entry.event.eventId === eventId)!.at;
  };
  return { subscription, seen, state, waitFor };
};

/** What only the PostgreSQL adapter has: a schema to migrate, a server to lose, other instances to hear. */
describeWithPostgres('PostgresEventStore: schema, notifications, reconnection', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase('operations');
  });
  afterAll(() => database?.drop());

  it('creates the schema once when several instances start together, and they share one store id', async () => {
    const fresh = await freshDatabase('migrate');
    try {
      const stores = await Promise.all(
        Array.from({ length: 4 }, () => PostgresEventStore.open({ connectionString: fresh.url })),
      );
      const ids = await Promise.all(stores.map((store) => store.storeId()));
      expect(new Set(ids).size).toBe(1);
      await Promise.all(stores.map((store) => store.close()));
      const reopened = await PostgresEventStore.open({ connectionString: fresh.url });
      expect(await reopened.storeId()).toBe(ids[0]);
      await reopened.close();
      // A new database is a new store, whatever its address.
      const other = await freshDatabase('migrate-other');
      const otherStore = await PostgresEventStore.open({ connectionString: other.url });
      expect(await otherStore.storeId()).not.toBe(ids[0]);
      await otherStore.close();
      await other.drop();
    } finally {
      await fresh.drop();
    }
  });

  it('refuses a database migrated by a newer build', async () => {
    const fresh = await freshDatabase('newer');
    try {
      await (await PostgresEventStore.open({ connectionString: fresh.url })).close();
      await adminQuery(fresh.url, 'UPDATE claimtrail_store SET schema_version = 99');
      await expect(PostgresEventStore.open({ connectionString: fresh.url })).rejects.toThrow(
        /schema is version 99, newer than this build's/,
      );
    } finally {
      await fresh.drop();
    }
  });

  it('fails at once, with the address but not the password, when the server is unreachable', async () => {
    const port = await freePort();
    const started = performance.now();
    const error = await PostgresEventStore.open({
      connectionString: `postgres://claimtrail:s3cret@127.0.0.1:${port}/claimtrail`,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as Error).message).toContain(`127.0.0.1:${port}/claimtrail`);
    expect((error as Error).message).toMatch(/unreachable/);
    expect((error as Error).message).not.toContain('s3cret');
    expect(performance.now() - started).toBeLessThan(10_000);
    // A database that does not exist is named too.
    const missing = await PostgresEventStore.open({
      connectionString: databaseUrl(TEST_DATABASE_URL!, 'ct_no_such_database'),
    }).catch((caught: unknown) => caught);
    expect((missing as Error).message).toMatch(/ct_no_such_database.*does not exist/);
  });

  it('refuses NUL in stream ids, event ids and types (text columns cannot hold it), writing nothing', async () => {
    const store = await PostgresEventStore.open({ connectionString: database.url });
    try {
      const head = await store.headPosition();
      await expect(store.append('claim-a\u0000b', [event()])).rejects.toBeInstanceOf(ValidationError);
      await expect(store.append('claim-ok', [{ ...event(), type: 'T\u0000' }])).rejects.toBeInstanceOf(
        ValidationError,
      );
      await expect(store.append('claim-ok', [{ ...event(), eventId: 'x\u0000' }])).rejects.toBeInstanceOf(
        ValidationError,
      );
      expect(await store.headPosition()).toBe(head);
    } finally {
      await store.close();
    }
  });

  it('wakes a subscription in another instance by NOTIFY, well before its fallback poll', async () => {
    const writer = await PostgresEventStore.open({ connectionString: database.url });
    const reader = await PostgresEventStore.open({ connectionString: database.url, pollMs: 60_000 });
    try {
      const consumer = collect(reader, await reader.headPosition());
      await new Promise((resolve) => setTimeout(resolve, 200)); // the reader is waiting, caught up
      const latencies: number[] = [];
      for (let round = 0; round < 5; round++) {
        const appended = event();
        const before = performance.now();
        await writer.append(`claim-notify-${randomUUID()}`, [appended]);
        latencies.push((await consumer.waitFor(appended.eventId, 5_000)) - before);
      }
      await consumer.subscription.close();
      expect(Math.max(...latencies)).toBeLessThan(1_000);
    } finally {
      await writer.close();
      await reader.close();
    }
  });

  it('goes on after the server closed every connection of the store: subscriptions resume, appends work', async () => {
    const quiet = { connectionString: database.url, onRetry: () => undefined };
    const store = await PostgresEventStore.open(quiet);
    const writer = await PostgresEventStore.open(quiet);
    try {
      const consumer = collect(store, await store.headPosition());
      const before = event();
      await writer.append(`claim-before-${randomUUID()}`, [before]);
      await consumer.waitFor(before.eventId, 5_000);
      const killed = await adminQuery<{ count: string }>(
        TEST_DATABASE_URL!,
        "SELECT count(pg_terminate_backend(pid)) AS count FROM pg_stat_activity WHERE datname = $1 AND application_name LIKE 'claimtrail%' AND pid <> pg_backend_pid()",
        [database.name],
      );
      expect(Number(killed[0]!.count)).toBeGreaterThanOrEqual(2);
      // Appends right after the cut may fail once (the pool finds its connections closed); then they work.
      let after: NewEvent | undefined;
      for (let attempt = 0; attempt < 20 && !after; attempt++) {
        const candidate = event();
        try {
          await writer.append(`claim-after-${randomUUID()}`, [candidate]);
          after = candidate;
        } catch (error) {
          expect(error).toBeInstanceOf(StorageError);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      expect(after).toBeDefined();
      await consumer.waitFor(after!.eventId, 10_000);
      expect(consumer.state.error).toBeUndefined();
      expect(consumer.state.ended).toBe(false);
      const positions = consumer.seen.map((entry) => entry.event.position);
      expect(new Set(positions).size).toBe(positions.length);
      await consumer.subscription.close();
    } finally {
      await store.close();
      await writer.close();
    }
  });
});
