import { describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EventStore } from '../../src/event-sourcing/event-store.js';
import {
  consume,
  currentStore,
  expectStrictlyIncreasing,
  ids,
  inStreams,
  newEvent,
  numbered,
  streamName,
  type ContractContext,
} from './event-store.contract.support.js';

/** Contract cases for reading: streams, the log, subscriptions, payloads, the head. */
export const describeReadCases = (context: ContractContext): void => {
  const store = currentStore(context);

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

    it('reads what a fold needs, when the store offers the lighter read, as readStream would', async () => {
      const readStreamEvents = context.store.readStreamEvents?.bind(context.store);
      if (!readStreamEvents) return; // optional: commands then fold readStream's events
      const streamId = streamName('fold');
      await store.append(streamId, [newEvent('Old', { n: 1 }, { schemaVersion: 0 }), ...numbered(2, 1)], {
        expectedVersion: 0,
      });
      const lean = await readStreamEvents(streamId);
      const full = await store.readStream(streamId);
      expect(lean).toEqual(
        full.map(({ eventId, type, data, version, metadata }) => ({
          eventId,
          type,
          data,
          version,
          schemaVersion: (metadata['schemaVersion'] as number | undefined) ?? 1,
        })),
      );
      expect(lean.map((event) => event.schemaVersion)).toEqual([0, 1, 1]);
      expect((await readStreamEvents(streamId, 3)).map((event) => event.version)).toEqual([3]);
      expect(await readStreamEvents(streamName('absent'))).toEqual([]);
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
      const all = await store.readAll({ fromPosition: context.head0 });
      expectStrictlyIncreasing(all.map((event) => event.position));
      expect(all.every((event) => event.position > context.head0)).toBe(true);
      expect(inStreams(all, streamA, streamB)).toEqual([a1, b1, a2]);
      expect(inStreams(await store.readAll(), streamA, streamB)).toEqual([a1, b1, a2]);
    });

    it('reads after fromPosition (exclusive), up to toPosition (inclusive), at most limit events', async () => {
      const { streamA, streamB, a1, b1, a2 } = await appendInterleaved();
      const own = async (range: Parameters<EventStore['readAll']>[0]) =>
        ids(inStreams(await store.readAll(range), streamA, streamB));

      expect(await own({ fromPosition: a1.position })).toEqual(ids([b1, a2]));
      expect(await own({ fromPosition: a2.position })).toEqual([]);
      const upToB1 = await store.readAll({ fromPosition: context.head0, toPosition: b1.position });
      expect(upToB1.every((event) => event.position > context.head0 && event.position <= b1.position)).toBe(
        true,
      );
      expect(ids(inStreams(upToB1, streamA, streamB))).toEqual(ids([a1, b1]));
      expect(await own({ fromPosition: a1.position, toPosition: b1.position })).toEqual(ids([b1]));

      const everything = await store.readAll({ fromPosition: context.head0 });
      expect(await store.readAll({ fromPosition: context.head0, limit: 2 })).toEqual(everything.slice(0, 2));
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
      expect(inStreams(await store.readAll({ fromPosition: context.head0 }), streamId)).toEqual([event]);
    });

    it('round-trips NUL and other control characters in data and metadata', async () => {
      const streamId = streamName('nul');
      const data = { text: 'before\u0000after', controls: '\u0001\u001f\u007f', key: { 'k\u0000': 'v' } };
      const metadata = { reason: 'a\u0000b' };
      await store.append(streamId, [newEvent('ClaimRecorded', data, metadata)], { expectedVersion: 0 });
      const [read] = await store.readStream(streamId);
      expect(read!.data).toEqual(data);
      expect(read!.metadata).toEqual(metadata);
      expect(read!.data['text']).toHaveLength('before\u0000after'.length);
      const lean = await context.store.readStreamEvents?.(streamId);
      if (lean) expect(lean[0]!.data).toEqual(data);
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
      expect(inStreams(await store.readAll({ fromPosition: context.head0 }), streamId)).toEqual([event]);
    });
  });

  describe('headPosition', () => {
    it('is the position of the last event in the log', async () => {
      expect(typeof context.head0).toBe('bigint');
      expect(context.head0).toBeGreaterThanOrEqual(0n);
      const first = await store.append(streamName('head'), numbered(2));
      const afterFirst = await store.headPosition();
      expect(first.lastPosition).toBeGreaterThan(context.head0);
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
};
