import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { ConflictError, DuplicateEventError } from '../../src/event-sourcing/errors.js';
import type { NewEvent } from '../../src/event-sourcing/event-store.js';
import { randomEventId } from '../../src/event-sourcing/ids.js';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import { tempDir } from '../support/temp-dir.js';

const event = (n: number): NewEvent => ({
  eventId: randomEventId(),
  type: 'Tested',
  data: { n },
  metadata: {},
});

describe('SqliteEventStore specifics', () => {
  let dir: ReturnType<typeof tempDir>;
  let file: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    dir = tempDir('es-sqlite');
    file = join(dir.path, 'events.db');
    store = SqliteEventStore.open({ file });
  });
  afterEach(async () => {
    await store.close();
    dir.remove();
  });

  it('runs in WAL mode with synchronous=FULL by default, NORMAL on request', async () => {
    expect(store.database.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.database.pragma('synchronous', { simple: true })).toBe(2); // FULL
    const normal = SqliteEventStore.open({ file: join(dir.path, 'normal.db'), synchronous: 'NORMAL' });
    expect(normal.database.pragma('synchronous', { simple: true })).toBe(1);
    await normal.close();
  });

  it('commits appends requested in the same tick in one transaction, failing only the conflicting one', async () => {
    await store.append('claim-a', [event(0)]);
    const results = await Promise.allSettled([
      store.append('claim-a', [event(1)], { expectedVersion: 1 }),
      store.append('claim-a', [event(2)], { expectedVersion: 1 }), // stale once the first has gone in
      store.append('claim-b', [event(3), event(4)], { expectedVersion: 0 }),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const rejected = results[1] as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ConflictError);
    expect((rejected.reason as ConflictError).currentVersion).toBe(2);
    const all = await store.readAll();
    expect(all.map((stored) => stored.data['n'])).toEqual([0, 1, 3, 4]);
    // one commit → one recorded time for the whole group
    expect(new Set(all.slice(1).map((stored) => stored.recordedAt.getTime())).size).toBe(1);
  });

  it('rolls back only the failing append of a group, also when its second event fails', async () => {
    const taken = event(9);
    await store.append('claim-t', [taken], { expectedVersion: 0 });
    const results = await Promise.allSettled([
      store.append('claim-a', [event(1)], { expectedVersion: 0 }),
      store.append('claim-c', [event(2), { ...event(3), eventId: taken.eventId }], { expectedVersion: 0 }),
      store.append('claim-a', [event(4)], { expectedVersion: 0 }), // stale once the first has gone in
      store.append('claim-b', [event(5)], { expectedVersion: 0 }),
    ]);
    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
    ]);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventError);
    expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    expect((await store.readAll()).map((stored) => stored.data['n'])).toEqual([9, 1, 5]);
    expect(await store.streamVersion('claim-c')).toBe(0);
  });

  it('checks expected versions against what another connection wrote, not what this one remembers', async () => {
    const other = SqliteEventStore.open({ file });
    await store.append('s', [event(1), event(2)], { expectedVersion: 0 });
    // `other` has never seen stream s: it must look the version up, and refuse a version that does not exist.
    await expect(other.append('s', [event(3)], { expectedVersion: 5 })).rejects.toMatchObject({
      extensions: { code: 'CONFLICT' },
    });
    expect((await other.append('s', [event(3)], { expectedVersion: 2 })).nextVersion).toBe(3);
    // `store` remembers version 2: the UNIQUE index refuses its stale append, reported with the real version.
    const stale = store.append('s', [event(4)], { expectedVersion: 2 });
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    await expect(stale).rejects.toMatchObject({ currentVersion: 3 });
    expect((await store.readStream('s')).map((stored) => stored.data['n'])).toEqual([1, 2, 3]);
    await other.close();
  });

  it('keeps every acknowledged event after the store is closed and reopened', async () => {
    for (let index = 0; index < 20; index++) await store.append(`claim-${index % 3}`, [event(index)]);
    await store.close();
    store = SqliteEventStore.open({ file });
    expect(await store.readAll()).toHaveLength(20);
    expect(await store.streamVersion('claim-0')).toBe(7);
  });

  it('wakes a subscription for events written by another process through its fallback poll', async () => {
    await store.close();
    store = SqliteEventStore.open({ file, pollMs: 50 });
    const subscription = store.subscribeAll();
    const seen: string[] = [];
    const consumed = (async () => {
      for await (const stored of subscription) {
        seen.push(stored.streamId);
        if (seen.length === 2) break;
      }
    })();
    // a second connection stands in for the CLI writing beside the server
    const other = new Database(file);
    const insert = other.prepare(
      'INSERT INTO events (stream_id, version, event_id, type, data, metadata, recorded_at) VALUES (?, 1, ?, ?, ?, ?, ?)',
    );
    insert.run('claim-x', randomEventId(), 'Tested', '{}', '{}', Date.now());
    insert.run('claim-y', randomEventId(), 'Tested', '{}', '{}', Date.now());
    other.close();
    await consumed;
    await subscription.close();
    expect(seen).toEqual(['claim-x', 'claim-y']);
  });

  it('reports a storage failure without writing anything when the file is read-only', async () => {
    await store.append('claim-a', [event(0)]);
    await store.close();
    store = SqliteEventStore.open({ file });
    store.database.pragma('query_only = ON'); // the write fails like a read-only disk would
    await expect(store.append('claim-a', [event(1)])).rejects.toMatchObject({ code: 'INTERNAL' });
    store.database.pragma('query_only = OFF');
    expect(await store.streamVersion('claim-a')).toBe(1);
    await store.append('claim-a', [event(2)], { expectedVersion: 1 });
    expect(await store.streamVersion('claim-a')).toBe(2);
  });
});
