/**
 * The one contract every EventStore adapter must meet (DESIGN §2). Each adapter's spec calls
 * `describeEventStoreContract` with a factory for a fresh store.
 *
 * The cases must also hold against a shared, non-empty EventStoreDB server: every test uses its own
 * streams (`claim-test-…-<uuid>`; the `claim-` prefix is inside what the EventStoreDB adapter reads
 * and follows), positions are compared with `headPosition()` taken at the start of the test, and reads
 * of the whole log are filtered to the test's own streams where other writers could interleave.
 * Positions handed back to the store are always positions the store returned.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConflictError, DuplicateEventError } from '../../src/event-sourcing/errors.js';
import type {
  EventStore,
  JsonObject,
  NewEvent,
  StoredEvent,
  Subscription,
} from '../../src/event-sourcing/event-store.js';

export type EventStoreFactory = () => Promise<{ store: EventStore; cleanup: () => Promise<void> }>;

export interface EventStoreContractOptions {
  /**
   * Whether the adapter refuses an event id already stored in *another* stream. True by default;
   * EventStoreDB scopes event ids to a stream and has no index by id, so its adapter cannot.
   */
  readonly rejectsEventIdsOfOtherStreams?: boolean;
}

const streamName = (label: string): string => `claim-test-${label}-${randomUUID()}`;

const newEvent = (type = 'ContractTested', data: JsonObject = {}, metadata: JsonObject = {}): NewEvent => ({
  eventId: randomUUID(),
  type,
  data,
  metadata,
});

const numbered = (count: number, offset = 0): NewEvent[] =>
  Array.from({ length: count }, (_, index) =>
    newEvent('ContractTested', { n: offset + index + 1 }, { actorId: 'tester' }),
  );

const asNew = ({ eventId, type, data, metadata }: StoredEvent): NewEvent => ({
  eventId,
  type,
  data,
  metadata,
});

const ids = (events: readonly { eventId: string }[]): string[] => events.map((event) => event.eventId);

const inStreams = (events: readonly StoredEvent[], ...streamIds: string[]): StoredEvent[] =>
  events.filter((event) => streamIds.includes(event.streamId));

const expectStrictlyIncreasing = (positions: readonly bigint[]): void => {
  positions.slice(1).forEach((position, index) => expect(position).toBeGreaterThan(positions[index]!));
};

const rejectionOf = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => new Error('expected the call to fail, but it succeeded'),
    (error: unknown) => error,
  );

const expectConflict = async (
  promise: Promise<unknown>,
  expected: { streamId: string; expectedVersion: number; currentVersion: number },
): Promise<void> => {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(ConflictError);
  expect(error).toMatchObject(expected);
};

const expectDuplicateEventError = async (promise: Promise<unknown>): Promise<void> => {
  expect(await rejectionOf(promise)).toBeInstanceOf(DuplicateEventError);
};

const waitFor = async (condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
};

/** Runs a for-await loop over the subscription in the background, recording what it sees. */
const consume = (subscription: Subscription, ...streamIds: string[]) => {
  const state = {
    own: [] as StoredEvent[],
    positions: [] as bigint[],
    ended: false,
    error: undefined as unknown,
  };
  const loop = (async () => {
    try {
      for await (const event of subscription) {
        state.positions.push(event.position);
        if (streamIds.includes(event.streamId)) state.own.push(event);
      }
    } catch (error) {
      state.error = error;
    }
    state.ended = true;
  })();
  const until = async (count: number) => {
    await waitFor(
      () => state.own.length >= count || state.error !== undefined || state.ended,
      `${count} events`,
    );
    if (state.error !== undefined) throw state.error;
  };
  return { state, loop, until };
};

export const describeEventStoreContract = (
  name: string,
  factory: EventStoreFactory,
  options: EventStoreContractOptions = {},
): void => {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    let cleanup: () => Promise<void>;
    let head0: bigint;

    beforeEach(async () => {
      ({ store, cleanup } = await factory());
      head0 = await store.headPosition();
    });
    afterEach(async () => {
      await cleanup();
    });

    describe('append', () => {
      it('starts a stream at expected version 0 and returns the events as stored', async () => {
        const streamId = streamName('new');
        const events = [
          newEvent(
            'ClaimRecorded',
            { text: 'A claim', weight: 0.5, tags: ['a', 'b'], nested: { ok: true, none: null } },
            {
              actorId: 'analyst-1',
              correlationId: randomUUID(),
            },
          ),
          newEvent('ClaimTagged', { tag: 'geopolitics' }, { actorId: 'analyst-1' }),
        ];
        const result = await store.append(streamId, events, { expectedVersion: 0 });

        expect(result.duplicate).toBe(false);
        expect(result.nextVersion).toBe(2);
        expect(result.events.map(asNew)).toEqual(events);
        expect(result.events.map((event) => event.version)).toEqual([1, 2]);
        for (const event of result.events) {
          expect(event.streamId).toBe(streamId);
          expect(typeof event.position).toBe('bigint');
          expect(event.position).toBeGreaterThan(head0);
          expect(event.recordedAt).toBeInstanceOf(Date);
          expect(Number.isNaN(event.recordedAt.getTime())).toBe(false);
        }
        expectStrictlyIncreasing(result.events.map((event) => event.position));
        expect(result.lastPosition).toBe(result.events[1]!.position);
        expect(await store.readStream(streamId)).toEqual(result.events);
        expect(await store.streamVersion(streamId)).toBe(2);
      });

      it('appends without an expected version, to a new stream and to an existing one', async () => {
        const streamId = streamName('any');
        const first = await store.append(streamId, numbered(1));
        const second = await store.append(streamId, numbered(2, 1));
        expect(first.nextVersion).toBe(1);
        expect(second.nextVersion).toBe(3);
        expect(second.events.map((event) => event.version)).toEqual([2, 3]);
        expect((await store.readStream(streamId)).map((event) => event.data['n'])).toEqual([1, 2, 3]);
      });

      it('writes a batch all or nothing', async () => {
        const streamId = streamName('atomic');
        const stored = await store.append(streamId, numbered(2), { expectedVersion: 0 });
        const [c, d] = numbered(2, 2);
        // The third event reuses a stored id: the first two must not be written either.
        await expectDuplicateEventError(
          store.append(streamId, [c!, d!, asNew(stored.events[0]!)], { expectedVersion: 2 }),
        );
        const fresh = streamName('atomic-repeat');
        const repeated = newEvent();
        await expectDuplicateEventError(
          store.append(fresh, [repeated, newEvent(), repeated], { expectedVersion: 0 }),
        );

        expect(await store.readStream(streamId)).toEqual(stored.events);
        expect(await store.streamVersion(fresh)).toBe(0);
        const written = ids(inStreams(await store.readAll({ fromPosition: head0 }), streamId, fresh));
        expect(written).toEqual(ids(stored.events));
      });
    });

    describe('expected version', () => {
      it('refuses expected version 0 on an existing stream and writes nothing', async () => {
        const streamId = streamName('exists');
        const stored = await store.append(streamId, numbered(1), { expectedVersion: 0 });
        await expectConflict(store.append(streamId, numbered(1, 1), { expectedVersion: 0 }), {
          streamId,
          expectedVersion: 0,
          currentVersion: 1,
        });
        expect(await store.streamVersion(streamId)).toBe(1);
        expect(inStreams(await store.readAll({ fromPosition: head0 }), streamId)).toEqual(stored.events);
      });

      it('refuses a version above 0 on a missing stream and writes nothing', async () => {
        const streamId = streamName('missing');
        await expectConflict(store.append(streamId, numbered(2), { expectedVersion: 3 }), {
          streamId,
          expectedVersion: 3,
          currentVersion: 0,
        });
        expect(await store.streamVersion(streamId)).toBe(0);
        expect(await store.readStream(streamId)).toEqual([]);
        expect(inStreams(await store.readAll({ fromPosition: head0 }), streamId)).toEqual([]);
      });

      it('refuses a stale version and writes nothing', async () => {
        const streamId = streamName('stale');
        await store.append(streamId, numbered(1), { expectedVersion: 0 });
        await store.append(streamId, numbered(1, 1), { expectedVersion: 1 });
        const attempted = numbered(1, 2);
        await expectConflict(store.append(streamId, attempted, { expectedVersion: 1 }), {
          streamId,
          expectedVersion: 1,
          currentVersion: 2,
        });
        expect(await store.streamVersion(streamId)).toBe(2);
        const all = await store.readAll({ fromPosition: head0 });
        expect(inStreams(all, streamId).map((event) => event.data['n'])).toEqual([1, 2]);
        expect(ids(all)).not.toContain(attempted[0]!.eventId);
      });

      it('lets exactly one of two concurrent appends at the same version win', async () => {
        const streamId = streamName('race');
        const [left, right] = [newEvent('Left'), newEvent('Right')];
        const outcomes = await Promise.allSettled([
          store.append(streamId, [left], { expectedVersion: 0 }),
          store.append(streamId, [right], { expectedVersion: 0 }),
        ]);
        const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
        const lost = outcomes.filter(
          (outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected',
        );
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect(lost[0]!.reason).toBeInstanceOf(ConflictError);
        expect(lost[0]!.reason).toMatchObject({ streamId, expectedVersion: 0, currentVersion: 1 });
        const winner = outcomes[0]!.status === 'fulfilled' ? left : right;
        expect(ids(await store.readStream(streamId))).toEqual([winner.eventId]);
      });

      it('lets exactly one of five concurrent appends to an existing stream win', async () => {
        const streamId = streamName('race-5');
        await store.append(streamId, numbered(1), { expectedVersion: 0 });
        const outcomes = await Promise.allSettled(
          numbered(5, 1).map((event) => store.append(streamId, [event], { expectedVersion: 1 })),
        );
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        for (const outcome of outcomes) {
          if (outcome.status === 'fulfilled') continue;
          expect(outcome.reason).toBeInstanceOf(ConflictError);
          expect(outcome.reason).toMatchObject({ streamId, expectedVersion: 1, currentVersion: 2 });
        }
        expect(await store.streamVersion(streamId)).toBe(2);
      });
    });

    describe('idempotent retries', () => {
      it('answers a repeated append with the original result and writes nothing', async () => {
        const streamId = streamName('retry');
        const events = numbered(2);
        const first = await store.append(streamId, events, { expectedVersion: 0 });
        const retry = await store.append(streamId, events, { expectedVersion: 0 });

        expect(first.duplicate).toBe(false);
        expect(retry.duplicate).toBe(true);
        expect(retry.nextVersion).toBe(first.nextVersion);
        expect(retry.lastPosition).toBe(first.lastPosition);
        expect(retry.events).toEqual(first.events);
        expect(await store.streamVersion(streamId)).toBe(2);
        expect(inStreams(await store.readAll({ fromPosition: head0 }), streamId)).toEqual(first.events);
      });

      it('answers a repeated append without an expected version the same way', async () => {
        const streamId = streamName('retry-any');
        const events = numbered(3);
        const first = await store.append(streamId, events);
        const retry = await store.append(streamId, events);
        expect(retry).toEqual({ ...first, duplicate: true });
        expect(await store.streamVersion(streamId)).toBe(3);
      });

      it('recognises a retry after later appends, at its old version or at the current one', async () => {
        const streamId = streamName('retry-later');
        const events = numbered(2);
        const first = await store.append(streamId, events, { expectedVersion: 0 });
        await store.append(streamId, numbered(1, 2), { expectedVersion: 2 });

        const atOldVersion = await store.append(streamId, events, { expectedVersion: 0 });
        const atCurrentVersion = await store.append(streamId, events, { expectedVersion: 3 });
        for (const retry of [atOldVersion, atCurrentVersion]) {
          expect(retry.duplicate).toBe(true);
          expect(retry.events).toEqual(first.events);
          expect(retry.lastPosition).toBe(first.lastPosition);
        }
        expect(await store.streamVersion(streamId)).toBe(3);
      });

      it('refuses ids that overlap stored ones without being the same append, and writes nothing', async () => {
        const streamId = streamName('overlap');
        const stored = await store.append(streamId, numbered(2), { expectedVersion: 0 });
        const [a, b] = stored.events.map(asNew) as [NewEvent, NewEvent];
        const [c] = numbered(1, 2) as [NewEvent];

        await expectDuplicateEventError(store.append(streamId, [a, c], { expectedVersion: 0 }));
        await expectDuplicateEventError(store.append(streamId, [b, c], { expectedVersion: 2 }));
        await expectDuplicateEventError(store.append(streamId, [b, a], { expectedVersion: 0 }));
        await expectDuplicateEventError(store.append(streamId, [c, a]));

        expect(await store.streamVersion(streamId)).toBe(2);
        const all = await store.readAll({ fromPosition: head0 });
        expect(inStreams(all, streamId)).toEqual(stored.events);
        expect(ids(all)).not.toContain(c.eventId);
      });

      const otherStreams = options.rejectsEventIdsOfOtherStreams === false ? it.skip : it;
      otherStreams('refuses ids already stored in another stream', async () => {
        const [first, second] = [streamName('owner'), streamName('borrower')];
        const stored = await store.append(first, numbered(1), { expectedVersion: 0 });
        await expectDuplicateEventError(
          store.append(second, stored.events.map(asNew), { expectedVersion: 0 }),
        );
        expect(await store.streamVersion(second)).toBe(0);
        expect(await store.readStream(second)).toEqual([]);
      });
    });

    describe('readStream', () => {
      it('reads a missing stream as empty, at version 0', async () => {
        const streamId = streamName('absent');
        expect(await store.readStream(streamId)).toEqual([]);
        expect(await store.readStream(streamId, { fromVersion: 2, toVersion: 5 })).toEqual([]);
        expect(await store.streamVersion(streamId)).toBe(0);
      });

      it('reads version ranges, both ends inclusive', async () => {
        const streamId = streamName('range');
        await store.append(streamId, numbered(5), { expectedVersion: 0 });
        const versions = async (range: { fromVersion?: number; toVersion?: number }) =>
          (await store.readStream(streamId, range)).map((event) => event.version);

        expect(await versions({})).toEqual([1, 2, 3, 4, 5]);
        expect(await versions({ fromVersion: 2 })).toEqual([2, 3, 4, 5]);
        expect(await versions({ toVersion: 3 })).toEqual([1, 2, 3]);
        expect(await versions({ fromVersion: 2, toVersion: 4 })).toEqual([2, 3, 4]);
        expect(await versions({ fromVersion: 4, toVersion: 4 })).toEqual([4]);
        expect(await versions({ fromVersion: 5, toVersion: 9 })).toEqual([5]);
        expect(await versions({ fromVersion: 6 })).toEqual([]);
        expect(await versions({ fromVersion: 3, toVersion: 2 })).toEqual([]);
      });

      it('reads the stream as it stood at a moment (until, inclusive)', async () => {
        const streamId = streamName('until');
        const first = await store.append(streamId, numbered(1), { expectedVersion: 0 });
        await sleep(30);
        const second = await store.append(streamId, numbered(1, 1), { expectedVersion: 1 });
        await sleep(30);
        await store.append(streamId, numbered(1, 2), { expectedVersion: 2 });
        const [firstAt, secondAt] = [first.events[0]!.recordedAt, second.events[0]!.recordedAt];
        expect(secondAt.getTime()).toBeGreaterThan(firstAt.getTime());
        const versions = async (until: Date, fromVersion?: number) =>
          (await store.readStream(streamId, { until, fromVersion })).map((event) => event.version);

        expect(await versions(secondAt)).toEqual([1, 2]);
        expect(await versions(new Date(secondAt.getTime() - 1))).toEqual([1]);
        expect(await versions(new Date(firstAt.getTime() - 1))).toEqual([]);
        expect(await versions(new Date(Date.now() + 60_000))).toEqual([1, 2, 3]);
        expect(await versions(secondAt, 2)).toEqual([2]);
      });
    });

    describe('readAll', () => {
      const appendInterleaved = async () => {
        const [streamA, streamB] = [streamName('all-a'), streamName('all-b')];
        const a1 = (await store.append(streamA, numbered(1), { expectedVersion: 0 })).events[0]!;
        const b1 = (await store.append(streamB, numbered(1), { expectedVersion: 0 })).events[0]!;
        const a2 = (await store.append(streamA, numbered(1, 1), { expectedVersion: 1 })).events[0]!;
        return { streamA, streamB, a1, b1, a2 };
      };

      it('reads the log in append order with strictly increasing positions', async () => {
        const { streamA, streamB, a1, b1, a2 } = await appendInterleaved();
        const all = await store.readAll({ fromPosition: head0 });
        expectStrictlyIncreasing(all.map((event) => event.position));
        expect(all.every((event) => event.position > head0)).toBe(true);
        expect(inStreams(all, streamA, streamB)).toEqual([a1, b1, a2]);
        expect(inStreams(await store.readAll(), streamA, streamB)).toEqual([a1, b1, a2]);
      });

      it('reads after fromPosition (exclusive), up to toPosition (inclusive), at most limit events', async () => {
        const { streamA, streamB, a1, b1, a2 } = await appendInterleaved();
        const own = async (range: Parameters<EventStore['readAll']>[0]) =>
          ids(inStreams(await store.readAll(range), streamA, streamB));

        expect(await own({ fromPosition: a1.position })).toEqual(ids([b1, a2]));
        expect(await own({ fromPosition: a2.position })).toEqual([]);
        const upToB1 = await store.readAll({ fromPosition: head0, toPosition: b1.position });
        expect(upToB1.every((event) => event.position > head0 && event.position <= b1.position)).toBe(true);
        expect(ids(inStreams(upToB1, streamA, streamB))).toEqual(ids([a1, b1]));
        expect(await own({ fromPosition: a1.position, toPosition: b1.position })).toEqual(ids([b1]));

        const everything = await store.readAll({ fromPosition: head0 });
        expect(await store.readAll({ fromPosition: head0, limit: 2 })).toEqual(everything.slice(0, 2));
        const [next] = await store.readAll({ fromPosition: a1.position, limit: 1 });
        expect(next!.position).toBeGreaterThan(a1.position);
        expect(next!.position).toBeLessThanOrEqual(b1.position);
      });
    });

    describe('subscribeAll', () => {
      it('catches up from the start, then follows live appends in order, each once; close() ends the loop', async () => {
        const streamId = streamName('sub');
        const before = await store.append(streamId, numbered(2), { expectedVersion: 0 });
        const subscription = store.subscribeAll();
        const consumer = consume(subscription, streamId);
        await consumer.until(2);

        const live1 = await store.append(streamId, numbered(1, 2), { expectedVersion: 2 });
        const live2 = await store.append(streamId, numbered(2, 3), { expectedVersion: 3 });
        await consumer.until(5);
        await sleep(200); // room for a duplicate to show up, if the adapter delivered one
        await subscription.close();
        await consumer.loop;

        expect(consumer.state.ended).toBe(true);
        expect(consumer.state.error).toBeUndefined();
        expect(consumer.state.own).toEqual([...before.events, ...live1.events, ...live2.events]);
        expectStrictlyIncreasing(consumer.state.positions);
      });

      it('catches up from a position in the middle (exclusive), then follows live appends', async () => {
        const streamId = streamName('sub-mid');
        const before = await store.append(streamId, numbered(3), { expectedVersion: 0 });
        const from = before.events[0]!.position;
        const subscription = store.subscribeAll({ fromPosition: from });
        const consumer = consume(subscription, streamId);
        await consumer.until(2);
        const live = await store.append(streamId, numbered(1, 3), { expectedVersion: 3 });
        await consumer.until(3);
        await sleep(200);
        await subscription.close();
        await consumer.loop;

        expect(consumer.state.own).toEqual([...before.events.slice(1), ...live.events]);
        expect(consumer.state.positions.every((position) => position > from)).toBe(true);
        expectStrictlyIncreasing(consumer.state.positions);
      });

      it('ends a loop that is waiting for the next event when closed', async () => {
        const subscription = store.subscribeAll({ fromPosition: await store.headPosition() });
        const consumer = consume(subscription);
        await sleep(100);
        expect(consumer.state.ended).toBe(false);
        await subscription.close();
        const timeout = new AbortController();
        await Promise.race([
          consumer.loop,
          sleep(5_000, undefined, { signal: timeout.signal }).catch(() => undefined),
        ]);
        timeout.abort();
        expect(consumer.state.ended).toBe(true);
        expect(consumer.state.error).toBeUndefined();
      });
    });

    describe('payloads', () => {
      it('round-trips unicode in data and metadata exactly (no normalisation)', async () => {
        const streamId = streamName('unicode');
        const data = {
          emoji: '🧪 👩🏽‍🔬 🏳️‍🌈 🇰🇿',
          rtl: 'مرحبا بالعالم — שלום עולם',
          combining: 'e\u0301 a\u0308 \u1E9B\u0323 (decomposed, must stay so)',
          composed: 'é ä',
          scripts: 'Қазақстан Ўзбекистон 漢字 かな 한국어 ελληνικά',
          astral: '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \u{1F600}',
          invisible: 'a\u200Db\u200Cc\u00A0d\uFEFF',
          'clé-ключ-مفتاح': 'keys too',
        };
        const metadata = { reason: '«Central Asia» — from object to subject', actorId: 'анализ-1' };
        const [event] = (await store.append(streamId, [newEvent('ClaimRecorded', data, metadata)])).events;
        const [read] = await store.readStream(streamId);
        expect(read!.data).toEqual(data);
        expect(read!.metadata).toEqual(metadata);
        expect(read!.data['combining']).toBe(data.combining);
        expect(read!.data['combining']).not.toBe(data.combining.normalize('NFC'));
        expect(inStreams(await store.readAll({ fromPosition: head0 }), streamId)).toEqual([event]);
      });

      it('round-trips a 1 MB payload', async () => {
        const streamId = streamName('large');
        const blob = 'Claimtrail-0123456789-'.repeat(Math.ceil(1_000_000 / 22)).slice(0, 1_000_000);
        const [event] = (
          await store.append(streamId, [newEvent('SourceImported', { blob })], { expectedVersion: 0 })
        ).events;
        const [read] = await store.readStream(streamId);
        expect(read!.data['blob']).toHaveLength(1_000_000);
        expect(read!.data['blob']).toBe(blob);
        expect(inStreams(await store.readAll({ fromPosition: head0 }), streamId)).toEqual([event]);
      });
    });

    describe('headPosition', () => {
      it('is the position of the last event in the log', async () => {
        expect(typeof head0).toBe('bigint');
        expect(head0).toBeGreaterThanOrEqual(0n);
        const first = await store.append(streamName('head'), numbered(2));
        const afterFirst = await store.headPosition();
        expect(first.lastPosition).toBeGreaterThan(head0);
        expect(afterFirst).toBeGreaterThanOrEqual(first.lastPosition);
        const second = await store.append(streamName('head'), numbered(1));
        expect(second.lastPosition).toBeGreaterThan(first.lastPosition);
        const afterSecond = await store.headPosition();
        expect(afterSecond).toBeGreaterThanOrEqual(second.lastPosition);
        // The head is an event's position: reading after it finds nothing the head did not already cover.
        const beyond = await store.readAll({ fromPosition: afterSecond });
        expect(beyond.every((event) => event.position > afterSecond)).toBe(true);
      });
    });
  });
};
