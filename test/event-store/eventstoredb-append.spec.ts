import { beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { NO_STREAM } from '@eventstore/db-client';
import { ConflictError, DuplicateEventError } from '../../src/event-sourcing/errors.js';
import type { NewEvent } from '../../src/event-sourcing/event-store.js';
import { EventStoreDbAppend } from '../../src/event-store/eventstoredb/eventstoredb-append.js';
import { KnownStreams } from '../../src/event-store/eventstoredb/eventstoredb-idempotency.js';
import { STREAM_PREFIXES } from '../../src/stream-prefixes.js';
import { EventStoreDbReads } from '../../src/event-store/eventstoredb/eventstoredb-reads.js';
import { FakeEsdbClient } from './fake-esdb-client.js';

const event = (n: number): NewEvent => ({
  eventId: randomUUID(),
  type: 'Tested',
  data: { n },
  metadata: { actorId: 'a' },
});
const proposed = (events: readonly NewEvent[]) =>
  events.map(({ eventId, type, data, metadata }) => ({ id: eventId, type, data, metadata }));

/** The adapter's append path against a fake client (see fake-esdb-client.ts for what that proves). */
describe('EventStoreDB append path (fake client)', () => {
  const streamId = 'claim-append';
  let server: FakeEsdbClient;
  let appends: EventStoreDbAppend;

  beforeEach(() => {
    server = new FakeEsdbClient();
    const client = server.asClient();
    appends = new EventStoreDbAppend(
      client,
      new EventStoreDbReads(client, STREAM_PREFIXES),
      new KnownStreams(),
    );
  });

  it('writes with our ids and the mapped expected revision, and returns the events as read back', async () => {
    const first = await appends.append(streamId, [event(1), event(2)], 0);
    const second = await appends.append(streamId, [event(3)], 2);
    expect(server.appendCalls.map((call) => call.expectedRevision)).toEqual([NO_STREAM, 1n]);
    expect(server.appendCalls[0]!.ids).toEqual(first.events.map((stored) => stored.eventId));
    expect(first).toMatchObject({ nextVersion: 2, duplicate: false });
    expect(first.events.map((stored) => stored.version)).toEqual([1, 2]);
    expect(second.events[0]!.version).toBe(3);
    expect(second.lastPosition).toBeGreaterThan(first.lastPosition);
    expect(typeof second.lastPosition).toBe('bigint');
  });

  it('refuses a stale version from what it knows, without asking the server to write', async () => {
    await appends.append(streamId, [event(1)], 0);
    const writes = server.appendCalls.length;
    const error = await appends.append(streamId, [event(2)], 0).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ streamId, expectedVersion: 0, currentVersion: 1 });
    expect(server.appendCalls).toHaveLength(writes);
  });

  it("maps the server's wrong-expected-version to a ConflictError when another writer got in first", async () => {
    await appends.append(streamId, [event(1)], 0);
    server.beforeNextAppend = () => server.write(streamId, proposed([event(90), event(91)]));
    const error = await appends.append(streamId, [event(2)], 1).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ streamId, expectedVersion: 1, currentVersion: 3 });
    expect(server.eventIds(streamId)).toHaveLength(3);
  });

  it('answers a retry with the stored events and does not write, even at the current version', async () => {
    const events = [event(1), event(2)];
    const first = await appends.append(streamId, events, 0);
    await appends.append(streamId, [event(3)], 2);
    const writes = server.appendCalls.length;

    const atOldVersion = await appends.append(streamId, events, 0);
    const atCurrentVersion = await appends.append(streamId, events, 3);
    const withoutVersion = await appends.append(streamId, events, undefined);
    for (const retry of [atOldVersion, atCurrentVersion, withoutVersion]) {
      expect(retry).toEqual({ ...first, duplicate: true });
    }
    expect(server.appendCalls).toHaveLength(writes);
    expect(server.eventIds(streamId)).toHaveLength(3);
  });

  it('sees ids written by another process before deciding (fresh instance, same server)', async () => {
    const events = [event(1), event(2)];
    server.write(streamId, proposed(events));
    const retry = await appends.append(streamId, events, 2);
    expect(retry.duplicate).toBe(true);
    expect(retry.events.map((stored) => stored.version)).toEqual([1, 2]);
    expect(server.appendCalls).toHaveLength(0);
  });

  it('refuses a partial overlap, known beforehand or discovered through the server, and writes nothing', async () => {
    const [a, b, c] = [event(1), event(2), event(3)];
    await appends.append(streamId, [a, b], 0);
    await expect(appends.append(streamId, [c, a], undefined)).rejects.toBeInstanceOf(DuplicateEventError);
    await expect(appends.append(streamId, [b, c], 2)).rejects.toBeInstanceOf(DuplicateEventError);

    // Another writer stores the first of our events between our look at the stream and our write.
    const [d, e] = [event(4), event(5)];
    server.beforeNextAppend = () => server.write(streamId, proposed([d]));
    await expect(appends.append(streamId, [d, e], 2)).rejects.toBeInstanceOf(DuplicateEventError);
    expect(server.eventIds(streamId)).toEqual([a, b, d].map((stored) => stored.eventId));
  });

  it('returns the stored events when the server recognises a retry that raced with this append', async () => {
    await appends.append(streamId, [event(1)], 0);
    const events = [event(2), event(3)];
    server.beforeNextAppend = () => server.write(streamId, proposed(events));
    const result = await appends.append(streamId, events, 1);
    expect(result.events.map((stored) => stored.eventId)).toEqual(events.map((sent) => sent.eventId));
    expect(result.nextVersion).toBe(3);
    expect(server.eventIds(streamId)).toHaveLength(3);
  });
});
