import { describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { ValidationError } from '../../src/event-sourcing/errors.js';
import type { RestoredEvent } from '../../src/event-sourcing/event-store.js';
import {
  currentStore,
  inStreams,
  newEvent,
  rejectionOf,
  streamName,
  type ContractContext,
} from './event-store.contract.support.js';

/** Contract cases for what concerns the store as a whole: its identity, and restoring a backup into it. */
export const describeStoreCases = (context: ContractContext): void => {
  const store = currentStore(context);

  describe('storeId', () => {
    it('is a non-empty id that stays the same for the store', async () => {
      const first = await store.storeId();
      expect(typeof first).toBe('string');
      expect(first.length).toBeGreaterThan(0);
      await store.append(streamName('identity'), [newEvent()]);
      expect(await store.storeId()).toBe(first);
    });
  });

  describe('positionAt (when the store offers it)', () => {
    it('is the position of the last event recorded at or before the moment', async () => {
      const positionAt = context.store.positionAt?.bind(context.store);
      if (!positionAt) return; // optional: time travel then scans readAll
      const streamId = streamName('position-at');
      const first = (await store.append(streamId, [newEvent()])).events[0]!;
      await sleep(25);
      const second = (await store.append(streamId, [newEvent(), newEvent()])).events[1]!;
      await sleep(25);
      const third = (await store.append(streamId, [newEvent()])).events[0]!;
      expect(await positionAt(first.recordedAt)).toBe(first.position);
      expect(await positionAt(second.recordedAt)).toBe(second.position);
      expect(await positionAt(new Date(third.recordedAt.getTime() - 1))).toBe(second.position);
      expect(await positionAt(new Date(first.recordedAt.getTime() - 1))).toBeLessThan(first.position);
      expect(await positionAt(new Date(0))).toBe(0n);
    });
  });

  describe('restore (when the store offers it)', () => {
    const restorable = (streamId: string, count: number, at: Date): RestoredEvent[] =>
      Array.from({ length: count }, (_, index) => ({
        ...newEvent('Restored', { n: index + 1, text: `nul \u0000 and "quotes" {${index}}` }, { index }),
        streamId,
        version: index + 1,
        recordedAt: at,
      }));

    it('writes the events as given, ids, versions and recording times kept, after the end of the log', async () => {
      const restore = context.store.restore?.bind(context.store);
      if (!restore) return; // optional: such a store cannot be restored into
      const streamId = streamName('restore');
      const at = new Date();
      const events = restorable(streamId, 3, at);
      await restore(events);
      const read = await store.readStream(streamId);
      expect(
        read.map(({ eventId, type, data, metadata, streamId: id, version, recordedAt }) => ({
          eventId,
          type,
          data,
          metadata,
          streamId: id,
          version,
          recordedAt,
        })),
      ).toEqual(events);
      const all = inStreams(await store.readAll({ fromPosition: context.head0 }), streamId);
      expect(all.map((event) => event.version)).toEqual([1, 2, 3]);
      expect(all[0]!.position).toBeGreaterThan(context.head0);
      expect(await store.streamVersion(streamId)).toBe(3);
      // An append after a restore carries on from the restored version.
      const next = await store.append(streamId, [newEvent()], { expectedVersion: 3 });
      expect(next.nextVersion).toBe(4);
    });

    it('refuses recording times that go back, and writes nothing', async () => {
      const restore = context.store.restore?.bind(context.store);
      if (!restore) return;
      await store.append(streamName('restore-before'), [newEvent()]);
      const streamId = streamName('restore-back');
      const error = await rejectionOf(restore(restorable(streamId, 2, new Date(Date.now() - 3_600_000))));
      expect(error).toBeInstanceOf(ValidationError);
      expect(await store.readStream(streamId)).toEqual([]);
    });
  });
};
