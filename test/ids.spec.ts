import { describe, expect, it } from '@jest/globals';
import { derivedId, deterministicEventId, isId, kindOfId, newId } from '../src/event-sourcing/ids.js';

describe('ids', () => {
  it('prefixes new ids by kind and recognises them', () => {
    const id = newId('claim');
    expect(isId(id, 'claim')).toBe(true);
    expect(isId(id, 'source')).toBe(false);
    expect(kindOfId(id)).toBe('claim');
    expect(kindOfId('clm_123')).toBeUndefined();
  });

  it('derives the same valid id from the same parts, and a different one from others', () => {
    const first = derivedId('claim', 'alice', 'key-1');
    expect(derivedId('claim', 'alice', 'key-1')).toBe(first);
    expect(derivedId('claim', 'bob', 'key-1')).not.toBe(first);
    expect(isId(first, 'claim')).toBe(true);
  });

  it('derives UUID-shaped event ids deterministically', () => {
    const eventId = deterministicEventId('claim-x', 'k', 0);
    expect(eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deterministicEventId('claim-x', 'k', 0)).toBe(eventId);
    expect(deterministicEventId('claim-x', 'k', 1)).not.toBe(eventId);
  });
});
