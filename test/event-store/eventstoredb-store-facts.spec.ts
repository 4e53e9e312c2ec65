import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { ValidationError } from '../../src/event-sourcing/errors.js';
import type { NewEvent } from '../../src/event-sourcing/event-store.js';
import { EventStoreDbEventStore } from '../../src/event-store/eventstoredb/eventstoredb-event-store.js';
import {
  HeadTracker,
  STORE_IDENTITY_STREAM,
  storeIdentity,
} from '../../src/event-store/eventstoredb/eventstoredb-store-facts.js';
import { STREAM_PREFIXES } from '../../src/stream-prefixes.js';
import { FakeEsdbClient } from './fake-esdb-client.js';

const event = (): NewEvent => ({ eventId: randomUUID(), type: 'Tested', data: {}, metadata: {} });

/** Store identity, the head and the connection options, against the fake client (no server runs here). */
describe('EventStoreDB adapter: identity, head, connection options (fake client)', () => {
  it('keeps one store id in its identity stream: created by the first caller, read by every other', async () => {
    const server = new FakeEsdbClient();
    const [first, second] = await Promise.all([
      storeIdentity(server.asClient()),
      storeIdentity(server.asClient()),
    ]);
    expect(first).toBe(second);
    expect(server.eventIds(STORE_IDENTITY_STREAM)).toHaveLength(1);
    const adapter = EventStoreDbEventStore.fromClient(server.asClient(), { streamPrefixes: STREAM_PREFIXES });
    expect(await adapter.storeId()).toBe(first);
    // A cluster recreated from scratch is another store.
    expect(await storeIdentity(new FakeEsdbClient().asClient())).not.toBe(first);
    // The identity stream is not Claimtrail's: the head does not count it.
    expect(await adapter.headPosition()).toBe(0n);
  });

  it('answers /ready probes without walking $all each time, and sees its own appends at once', async () => {
    const server = new FakeEsdbClient();
    const adapter = EventStoreDbEventStore.fromClient(server.asClient(), {
      streamPrefixes: STREAM_PREFIXES,
      headMaxAgeMs: 60_000,
    });
    const first = await adapter.append('claim-1', [event()]);
    // System events after the last Claimtrail event: what made each walk long.
    for (let index = 0; index < 50; index++)
      server.write(`$stats-${index}`, [{ ...event(), id: randomUUID() }]);
    const walksBefore = server.readAllCalls.length;
    for (let probe = 0; probe < 20; probe++) expect(await adapter.headPosition()).toBe(first.lastPosition);
    expect(server.readAllCalls.length - walksBefore).toBe(1);
    const second = await adapter.append('claim-2', [event()]);
    expect(await adapter.headPosition()).toBe(second.lastPosition);
    expect(server.readAllCalls.length - walksBefore).toBe(1);
  });

  it('walks again once the last walk is older than its limit, in the background, and sees other writers then', async () => {
    let now = 0;
    let walks = 0;
    let head = 10n;
    const tracker = new HeadTracker(
      async () => (walks++, head),
      5_000,
      () => now,
    );
    expect(await tracker.head()).toBe(10n);
    head = 25n; // another instance appended
    now = 4_000;
    expect(await tracker.head()).toBe(10n);
    expect(walks).toBe(1);
    now = 6_000;
    expect(await tracker.head()).toBe(10n); // answered at once; the walk runs behind it
    await new Promise((resolve) => setImmediate(resolve));
    expect(walks).toBe(2);
    expect(await tracker.head()).toBe(25n);
    tracker.saw(30n);
    expect(await tracker.head()).toBe(30n);
  });

  it('does not hide a failing cluster behind the last good head', async () => {
    let now = 0;
    let failing = false;
    const tracker = new HeadTracker(
      async () => {
        if (failing) throw new Error('UNAVAILABLE');
        return 7n;
      },
      1_000,
      () => now,
    );
    expect(await tracker.head()).toBe(7n);
    failing = true;
    now = 2_000;
    await tracker.head(); // starts the background walk, which fails
    await new Promise((resolve) => setImmediate(resolve));
    await expect(tracker.head()).rejects.toThrow('UNAVAILABLE');
    failing = false;
    expect(await tracker.head()).toBe(7n);
  });

  it('refuses throwOnAppendFailure=false, in any case of the key, before contacting a server', async () => {
    for (const option of ['throwOnAppendFailure=false', 'throwonappendfailure=false']) {
      const started = performance.now();
      const error = await EventStoreDbEventStore.connect(`esdb://localhost:1?tls=false&${option}`, {
        streamPrefixes: STREAM_PREFIXES,
      }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as Error).message).toMatch(/throwOnAppendFailure=false/);
      expect(performance.now() - started).toBeLessThan(2_000);
    }
  });
});
