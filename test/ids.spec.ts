import { describe, expect, it } from '@jest/globals';
import { derivedId, deterministicEventId, newId, randomEventId, ulid } from '../src/event-sourcing/ids.js';
import { isId, kindOfId } from '../src/event-sourcing/id-kinds.js';

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

  it('makes ULIDs that start with the time and differ in their random part', () => {
    const at = Date.UTC(2026, 10, 27, 12, 0, 0);
    const ids = Array.from({ length: 5000 }, () => ulid(at));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
    expect(new Set(ids.map((id) => id.slice(0, 10))).size).toBe(1);
    // Later milliseconds sort later, whatever the random part.
    expect(ulid(at + 1).slice(0, 10) > ids[0]!.slice(0, 10)).toBe(true);
    // The ulid package encodes this millisecond as 01M8EE0VG0 too.
    expect(ids[0]!.slice(0, 10)).toBe('01M8EE0VG0');
  });

  it('spreads the random characters over the whole alphabet', () => {
    const counts = new Map<string, number>();
    for (let index = 0; index < 2000; index++)
      for (const char of ulid().slice(10)) counts.set(char, (counts.get(char) ?? 0) + 1);
    expect(counts.size).toBe(32);
    // 32,000 characters over 32 symbols: about 1,000 each.
    for (const count of counts.values()) expect(count).toBeGreaterThan(800);
  });

  it('makes event ids that are UUIDv7: time first, then random', () => {
    const at = Date.UTC(2026, 10, 27, 12, 0, 0);
    const eventId = randomEventId(at);
    expect(eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(eventId.replace('-', '').slice(0, 12)).toBe(at.toString(16).padStart(12, '0'));
    expect(randomEventId(at)).not.toBe(eventId);
    expect(randomEventId(at + 1) > eventId).toBe(true);
  });
});
