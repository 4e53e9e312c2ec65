import { describe, expect, it } from '@jest/globals';
import type { NewEvent } from '../../src/event-sourcing/event-store.js';
import {
  classifyRetry,
  KnownStreams,
  repeatedEventId,
  type KnownStream,
} from '../../src/event-store/eventstoredb/eventstoredb-idempotency.js';

const event = (eventId: string): NewEvent => ({ eventId, type: 'Tested', data: {}, metadata: {} });
const known = (...ids: string[]): KnownStream => ({
  version: ids.length,
  ids: new Map(ids.map((id, index) => [id, index + 1])),
});
const refs = (first: number, ...ids: string[]) =>
  ids.map((eventId, index) => ({ eventId, version: first + index }));

describe('EventStoreDB idempotency checks', () => {
  describe('classifyRetry', () => {
    const stream = known('a', 'b', 'c', 'd');

    it('sees a new append when none of the ids is stored', () => {
      expect(classifyRetry(stream, [event('x'), event('y')])).toEqual({ kind: 'new' });
    });

    it('sees a retry when all ids are stored consecutively in the same order', () => {
      expect(classifyRetry(stream, [event('b'), event('c')])).toEqual({
        kind: 'retry',
        fromVersion: 2,
        toVersion: 3,
      });
      expect(classifyRetry(stream, [event('a')])).toEqual({ kind: 'retry', fromVersion: 1, toVersion: 1 });
    });

    it('sees reuse for a partial overlap, another order, or a gap', () => {
      expect(classifyRetry(stream, [event('x'), event('b')])).toEqual({ kind: 'reused', eventId: 'b' });
      expect(classifyRetry(stream, [event('a'), event('x')])).toEqual({ kind: 'reused', eventId: 'a' });
      expect(classifyRetry(stream, [event('c'), event('b')])).toEqual({ kind: 'reused', eventId: 'c' });
      expect(classifyRetry(stream, [event('a'), event('c')])).toEqual({ kind: 'reused', eventId: 'a' });
    });
  });

  it('finds an id repeated within one batch', () => {
    expect(repeatedEventId([event('a'), event('b'), event('a')])).toBe('a');
    expect(repeatedEventId([event('a'), event('b')])).toBeUndefined();
  });

  describe('KnownStreams', () => {
    it('records a stream read from its start and extends it with what follows', () => {
      const streams = new KnownStreams();
      expect(streams.replace('claim-1', refs(1, 'a', 'b'))).toMatchObject({ version: 2 });
      const extended = streams.extend('claim-1', refs(3, 'c'));
      expect(extended?.version).toBe(3);
      expect(extended?.ids.get('c')).toBe(3);
      expect(streams.extend('claim-1', refs(2, 'b', 'c'))?.version).toBe(3); // overlap is ignored
    });

    it('forgets a stream when events arrive with a gap, and records nothing for an unknown stream', () => {
      const streams = new KnownStreams();
      streams.replace('claim-1', refs(1, 'a'));
      expect(streams.extend('claim-1', refs(3, 'c'))).toBeUndefined();
      expect(streams.get('claim-1')).toBeUndefined();
      expect(streams.extend('claim-2', refs(1, 'a'))).toBeUndefined();
      expect(streams.get('claim-2')).toBeUndefined();
    });

    it('keeps the more recent knowledge when an older full read arrives late', () => {
      const streams = new KnownStreams();
      streams.replace('claim-1', refs(1, 'a', 'b', 'c'));
      expect(streams.replace('claim-1', refs(1, 'a')).version).toBe(3);
      expect(streams.replace('claim-1', []).version).toBe(3);
    });

    it('accepts a truncated stream that does not start at version 1', () => {
      const streams = new KnownStreams();
      expect(streams.replace('claim-1', refs(40, 'x', 'y')).version).toBe(41);
      expect(streams.extend('claim-1', refs(42, 'z'))?.version).toBe(42);
    });

    it('evicts the least recently used stream beyond its bound', () => {
      const streams = new KnownStreams(2);
      streams.replace('claim-1', refs(1, 'a'));
      streams.replace('claim-2', refs(1, 'b'));
      streams.get('claim-1');
      streams.replace('claim-3', refs(1, 'c'));
      expect(streams.size).toBe(2);
      expect(streams.get('claim-2')).toBeUndefined();
      expect(streams.get('claim-1')).toBeDefined();
      expect(streams.get('claim-3')).toBeDefined();
    });
  });
});
