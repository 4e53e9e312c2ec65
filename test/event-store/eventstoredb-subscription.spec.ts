import { describe, expect, it } from '@jest/globals';
import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  AccessDeniedError,
  CancelledError,
  START,
  UnavailableError,
  UnknownError,
  type AllStreamResolvedEvent,
  type EventStoreDBClient,
  type SubscribeToAllOptions,
} from '@eventstore/db-client';
import { StorageError } from '../../src/event-sourcing/errors.js';
import type { StoredEvent } from '../../src/event-sourcing/event-store.js';
import {
  EventStoreDbSubscription,
  resubscribeDelayMs,
  type EventStoreDbSubscriptionOptions,
} from '../../src/event-store/eventstoredb/eventstoredb-subscription.js';

/** Each call to subscribeToAll gets its own stream that the test feeds, like a server would. */
class FakeSubscriptions {
  readonly calls: Array<{ options: SubscribeToAllOptions; stream: PassThrough; unsubscribed: boolean }> = [];

  asClient(): EventStoreDBClient {
    return {
      subscribeToAll: (options: SubscribeToAllOptions) => {
        const stream = new PassThrough({ objectMode: true });
        const call = { options, stream, unsubscribed: false };
        Object.assign(stream, { unsubscribe: async () => void (call.unsubscribed = true) });
        this.calls.push(call);
        return stream;
      },
    } as unknown as EventStoreDBClient;
  }

  get current() {
    return this.calls.at(-1)!;
  }
}

const resolved = (position: bigint, streamId = 'claim-1', type = 'Tested'): AllStreamResolvedEvent => ({
  commitPosition: position,
  event: {
    streamId,
    id: `00000000-0000-4000-8000-${position.toString().padStart(12, '0')}`,
    isJson: true,
    revision: position,
    type,
    created: new Date(1_000),
    data: { at: Number(position) },
    metadata: {},
    position: { commit: position, prepare: position },
  },
});

const open = (
  fake: FakeSubscriptions,
  overrides: Partial<EventStoreDbSubscriptionOptions> = {},
  retries: unknown[] = [],
) =>
  new EventStoreDbSubscription(fake.asClient(), {
    fromPosition: undefined,
    prefixes: ['claim-'],
    backoff: { baseMs: 1, maxMs: 4 },
    highWaterMark: 100,
    onRetry: (error) => retries.push(error),
    onClosed: () => undefined,
    ...overrides,
  });

const waitFor = async (condition: () => boolean): Promise<void> => {
  for (let tries = 0; !condition(); tries++) {
    if (tries > 500) throw new Error('timed out');
    await sleep(2);
  }
};

describe('EventStoreDB subscription (fake client)', () => {
  it('subscribes on first use from the given position, filtered to the stream prefixes', async () => {
    const fake = new FakeSubscriptions();
    const fromStart = open(fake);
    expect(fake.calls).toHaveLength(0);
    const iterator = fromStart[Symbol.asyncIterator]();
    const pending = iterator.next();
    expect(fake.calls).toHaveLength(1);
    expect(fake.current.options.fromPosition).toBe(START);
    expect(fake.current.options.filter).toMatchObject({ filterOn: 'streamName', prefixes: ['claim-'] });
    await fromStart.close();
    expect(await pending).toEqual({ done: true, value: undefined });

    const fromMiddle = open(fake, { fromPosition: 777n });
    void fromMiddle[Symbol.asyncIterator]().next();
    expect(fake.current.options.fromPosition).toEqual({ commit: 777n, prepare: 777n });
    await fromMiddle.close();
    expect(fake.current.unsubscribed).toBe(true);
  });

  it('resubscribes after a server cut from the last delivered position, never delivering an event twice', async () => {
    const fake = new FakeSubscriptions();
    const retries: unknown[] = [];
    const subscription = open(fake, {}, retries);
    const seen: StoredEvent[] = [];
    const loop = (async () => {
      for await (const event of subscription) seen.push(event);
    })();
    await waitFor(() => fake.calls.length === 1);
    fake.current.stream.write(resolved(10n));
    fake.current.stream.write(resolved(11n, '$stats-node', '$statsCollected'));
    fake.current.stream.write(resolved(12n, 'invoice-1'));
    fake.current.stream.write(resolved(20n));
    await waitFor(() => seen.length === 2);

    fake.current.stream.emit('error', new CancelledError());
    await waitFor(() => fake.calls.length === 2);
    expect(fake.calls[0]!.unsubscribed).toBe(true);
    expect(fake.current.options.fromPosition).toEqual({ commit: 20n, prepare: 20n });
    // A server may start again at (or before) the last position: those events are not passed on twice.
    fake.current.stream.write(resolved(20n));
    fake.current.stream.write(resolved(30n));

    fake.current.stream.emit('error', new UnavailableError());
    await waitFor(() => fake.calls.length === 3);
    expect(fake.current.options.fromPosition).toEqual({ commit: 30n, prepare: 30n });
    fake.current.stream.end(); // a server that just ends the call is also resubscribed to
    await waitFor(() => fake.calls.length === 4);
    fake.current.stream.write(resolved(40n));
    await waitFor(() => seen.length === 4);

    await subscription.close();
    await loop;
    expect(seen.map((event) => event.position)).toEqual([10n, 20n, 30n, 40n]);
    expect(
      seen.every((event) => event.streamId === 'claim-1' && event.version === Number(event.position) + 1),
    ).toBe(true);
    expect(retries).toHaveLength(3);
    expect(fake.current.unsubscribed).toBe(true);
  });

  it('ends the loop with a StorageError on an error that retrying cannot fix', async () => {
    const fake = new FakeSubscriptions();
    const subscription = open(fake);
    const seen: bigint[] = [];
    const outcome = (async () => {
      for await (const event of subscription) seen.push(event.position);
    })().then(
      () => 'ended',
      (error: unknown) => error,
    );
    await waitFor(() => fake.calls.length === 1);
    fake.current.stream.write(resolved(5n));
    await waitFor(() => seen.length === 1);
    fake.current.stream.emit('error', new AccessDeniedError());
    const error = await outcome;
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).cause).toBeInstanceOf(AccessDeniedError);
    expect(fake.calls).toHaveLength(1);
  });

  it('ends the loop on UNKNOWN (a position the server rejects, an internal error) instead of retrying for ever', async () => {
    const fake = new FakeSubscriptions();
    const retries: unknown[] = [];
    const subscription = open(fake, {}, retries);
    const outcome = (async () => {
      for await (const event of subscription) void event;
    })().then(
      () => 'ended',
      (error: unknown) => error,
    );
    await waitFor(() => fake.calls.length === 1);
    fake.current.stream.emit('error', new UnknownError());
    const error = await outcome;
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).cause).toBeInstanceOf(UnknownError);
    await sleep(20);
    expect(fake.calls).toHaveLength(1);
    expect(retries).toEqual([]);
  });

  it('pauses the server subscription while the consumer lags, and resumes when it catches up', async () => {
    const fake = new FakeSubscriptions();
    const subscription = open(fake, { highWaterMark: 4 });
    const iterator = subscription[Symbol.asyncIterator]();
    const first = iterator.next();
    await waitFor(() => fake.calls.length === 1);
    for (let position = 1n; position <= 8n; position++) fake.current.stream.write(resolved(position));
    expect((await first).value?.position).toBe(1n);
    await waitFor(() => fake.current.stream.isPaused());

    const positions: bigint[] = [];
    while (positions.length < 7) positions.push((await iterator.next()).value!.position);
    expect(positions).toEqual([2n, 3n, 4n, 5n, 6n, 7n, 8n]);
    expect(fake.current.stream.isPaused()).toBe(false);
    await subscription.close();
  });

  describe('resubscribe backoff', () => {
    const lowest = () => 0;
    const highest = () => 0.999_999;

    it('doubles from 100 ms, half fixed and half jitter', () => {
      expect([0, 1, 2, 3, 4].map((attempt) => resubscribeDelayMs(attempt, lowest))).toEqual([
        50, 100, 200, 400, 800,
      ]);
      expect(resubscribeDelayMs(0, highest)).toBeCloseTo(100, 3);
      expect(resubscribeDelayMs(3, () => 0.5)).toBe(600);
    });

    it('is capped at 30 s however many attempts failed, and never below half the cap', () => {
      for (const attempt of [9, 10, 20, 64, 10_000]) {
        const low = resubscribeDelayMs(attempt, lowest);
        const high = resubscribeDelayMs(attempt, highest);
        expect(low).toBe(15_000);
        expect(high).toBeLessThan(30_000);
        expect(high).toBeGreaterThan(29_999);
      }
    });

    it('takes its base and cap from options', () => {
      expect(resubscribeDelayMs(0, lowest, { baseMs: 10, maxMs: 40 })).toBe(5);
      expect(resubscribeDelayMs(5, lowest, { baseMs: 10, maxMs: 40 })).toBe(20);
    });
  });
});
