import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import { clockMovesPast } from './history-fixture.js';
import { tempDir } from '../support/temp-dir.js';

const event = (type: string) => ({ eventId: crypto.randomUUID(), type, data: {}, metadata: {} });

describe('SQLite positionAt: where the log stood at a time', () => {
  const dir = tempDir('position-at');
  let store: SqliteEventStore;
  beforeEach(() => {
    store = SqliteEventStore.open({ file: join(dir.path, `events-${Date.now()}.db`), synchronous: 'NORMAL' });
  });
  afterEach(async () => {
    await store.close();
  });
  afterAll(() => dir.remove());

  it('is 0n for an empty log and for a time before its first event', async () => {
    expect(await store.positionAt(new Date())).toBe(0n);
    const [appended] = (await store.append('claim-a', [event('ClaimProposed')])).events;
    expect(await store.positionAt(new Date(appended!.recordedAt.getTime() - 1))).toBe(0n);
  });

  it('includes every event recorded at that very millisecond: one group commit shares its time', async () => {
    const [first, second] = await Promise.all([
      store.append('claim-a', [event('ClaimProposed')]),
      store.append('claim-b', [event('ClaimProposed')]),
    ]);
    expect(first!.events[0]!.recordedAt).toEqual(second!.events[0]!.recordedAt);
    await clockMovesPast(second!.events[0]!.recordedAt);
    const [third] = (await store.append('claim-a', [event('ClaimTagged')])).events;
    expect(await store.positionAt(first!.events[0]!.recordedAt)).toBe(second!.lastPosition);
    expect(await store.positionAt(third!.recordedAt)).toBe(third!.position);
    expect(await store.positionAt(new Date(third!.recordedAt.getTime() + 60_000))).toBe(third!.position);
  });

  it('walks the recorded_at index rather than the table', () => {
    const plan = store.database
      .prepare(
        'EXPLAIN QUERY PLAN SELECT position FROM events WHERE recorded_at <= ? ORDER BY recorded_at DESC, position DESC LIMIT 1',
      )
      .all(0) as Array<{ detail: string }>;
    expect(plan.map((row) => row.detail).join(' ')).toMatch(/USING (COVERING )?INDEX events_recorded_at/);
    expect(plan.map((row) => row.detail).join(' ')).not.toMatch(/TEMP B-TREE/);
  });
});
