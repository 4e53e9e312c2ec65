import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { ConflictError } from '../../src/event-sourcing/errors.js';
import type { NewEvent } from '../../src/event-sourcing/event-store.js';
import {
  asNew,
  currentStore,
  expectConflict,
  expectDuplicateEventError,
  ids,
  inStreams,
  expectStrictlyIncreasing,
  newEvent,
  numbered,
  streamName,
  type ContractContext,
} from './event-store.contract.support.js';

/** Contract cases for writing: append, expected versions, idempotent retries. */
export const describeWriteCases = (
  context: ContractContext,
  rejectsEventIdsOfOtherStreams: boolean,
): void => {
  const store = currentStore(context);

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
        expect(event.position).toBeGreaterThan(context.head0);
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
      const written = ids(inStreams(await store.readAll({ fromPosition: context.head0 }), streamId, fresh));
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
      expect(inStreams(await store.readAll({ fromPosition: context.head0 }), streamId)).toEqual(
        stored.events,
      );
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
      expect(inStreams(await store.readAll({ fromPosition: context.head0 }), streamId)).toEqual([]);
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
      const all = await store.readAll({ fromPosition: context.head0 });
      expect(inStreams(all, streamId).map((event) => event.data['n'])).toEqual([1, 2]);
      expect(ids(all)).not.toContain(attempted[0]!.eventId);
    });

    it('refuses a version ahead of the stream, one event or several, and leaves no gap', async () => {
      const streamId = streamName('ahead');
      await store.append(streamId, numbered(2), { expectedVersion: 0 });
      for (const [events, expectedVersion] of [
        [numbered(1, 2), 3],
        [numbered(2, 2), 5],
      ] as const) {
        await expectConflict(store.append(streamId, events, { expectedVersion }), {
          streamId,
          expectedVersion,
          currentVersion: 2,
        });
      }
      expect(await store.streamVersion(streamId)).toBe(2);
      expect((await store.readStream(streamId)).map((event) => event.version)).toEqual([1, 2]);
      const next = await store.append(streamId, numbered(1, 2), { expectedVersion: 2 });
      expect(next.nextVersion).toBe(3);
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
      expect(inStreams(await store.readAll({ fromPosition: context.head0 }), streamId)).toEqual(first.events);
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
      const all = await store.readAll({ fromPosition: context.head0 });
      expect(inStreams(all, streamId)).toEqual(stored.events);
      expect(ids(all)).not.toContain(c.eventId);
    });

    const otherStreams = rejectsEventIdsOfOtherStreams ? it : it.skip;
    otherStreams('refuses ids already stored in another stream', async () => {
      const [first, second] = [streamName('owner'), streamName('borrower')];
      const stored = await store.append(first, numbered(1), { expectedVersion: 0 });
      await expectDuplicateEventError(store.append(second, stored.events.map(asNew), { expectedVersion: 0 }));
      expect(await store.streamVersion(second)).toBe(0);
      expect(await store.readStream(second)).toEqual([]);
    });
  });
};
