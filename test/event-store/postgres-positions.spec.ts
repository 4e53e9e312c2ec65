import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from '@jest/globals';
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.js';
import type { Projection } from '../../src/read-model/projection.js';
import { Projector } from '../../src/read-model/projector.js';
import { openReadModel } from '../../src/read-model/read-model.database.js';
import { memoryLogger } from '../support/claim-helpers.js';
import { describeWithPostgres, freshDatabase, type TestDatabase } from '../support/postgres.js';
import { tempDir } from '../support/temp-dir.js';

/** Records every event it is given, with the position, so a skip or a repeat shows. */
const recorder: Projection = {
  name: 'recorder',
  version: 1,
  handles: new Set(['Slow', 'Later', 'Burst']),
  schema: 'CREATE TABLE IF NOT EXISTS applied (seq INTEGER PRIMARY KEY, position INTEGER, event_id TEXT)',
  verifiedTables: [{ name: 'applied', rows: 'SELECT * FROM applied ORDER BY seq' }],
  apply: (db, event) =>
    void db
      .prepare('INSERT INTO applied (position, event_id) VALUES (?, ?)')
      .run(event.position, event.eventId),
};

const applied = (db: Database.Database) =>
  db.prepare('SELECT position, event_id AS eventId FROM applied ORDER BY seq').all() as Array<{
    position: number;
    eventId: string;
  }>;

/**
 * The gap every SQL event store must close: positions handed out in one order can commit in another, and
 * a reader that passes position n + 1 while n is still uncommitted never comes back for n.
 */
describeWithPostgres('PostgresEventStore: readers never skip an event', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;
  let raw: pg.Client;
  const dir = tempDir('pg-positions');

  beforeAll(async () => {
    database = await freshDatabase('positions');
  });
  afterAll(async () => {
    await database?.drop();
    dir.remove();
  });
  beforeEach(async () => {
    store = await PostgresEventStore.open({ connectionString: database.url });
    raw = new pg.Client({ connectionString: database.url });
    await raw.connect();
  });
  afterEach(async () => {
    await raw.end();
    await store.close();
  });

  it('a slow transaction holding a lower position, a later append meanwhile: the projector applies both, in order, once', async () => {
    const db = openReadModel(`${dir.path}/trap-${randomUUID()}.db`, [recorder]);
    const projector = new Projector(db, store, [recorder], memoryLogger());
    projector.start();
    const head0 = await store.headPosition();

    // A writer from another session takes the next position through the same append path and stalls
    // before committing, as a slow transaction would.
    const slowId = randomUUID();
    await raw.query('BEGIN');
    const { rows } = await raw.query<{ outcome: string; first_position: string }>(
      `SELECT * FROM claimtrail_append(ARRAY['claim-slow-${slowId}'], ARRAY[NULL]::integer[], ARRAY[1],
         ARRAY[$1], ARRAY['Slow'], ARRAY['{}'], ARRAY['{}'])`,
      [slowId],
    );
    expect(rows[0]).toMatchObject({ outcome: 'ok', first_position: String(head0 + 1n) });

    const later = { eventId: randomUUID(), type: 'Later', data: {}, metadata: {} };
    let laterDone = false;
    const laterAppend = store.append(`claim-later-${later.eventId}`, [later]).then((result) => {
      laterDone = true;
      return result;
    });
    await sleep(400);
    // The later append waits for the slow one instead of taking a position past it and committing first.
    expect(laterDone).toBe(false);
    expect(await store.headPosition()).toBe(head0);
    expect(projector.checkpoint).toBe(head0);

    await raw.query('COMMIT');
    const result = await laterAppend;
    expect(result.lastPosition).toBe(head0 + 2n);
    expect(await projector.waitFor(head0 + 2n, 10_000)).toBe(true);
    await sleep(300); // room for a repeat, if the projector were to see one
    await projector.stop();
    expect(applied(db)).toEqual([
      { position: Number(head0 + 1n), eventId: slowId },
      { position: Number(head0 + 2n), eventId: later.eventId },
    ]);
    db.close();
  });

  it('the same interleaving loses the slow event with positions from a bare sequence (the trap is real)', async () => {
    await raw.query('CREATE TABLE IF NOT EXISTS naive (position bigserial PRIMARY KEY, label text)');
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    try {
      await raw.query('BEGIN');
      await raw.query("INSERT INTO naive (label) VALUES ('slow')");
      await other.query("INSERT INTO naive (label) VALUES ('later')");
      // A reader by position, as a subscription reads: it sees the later row and moves past it.
      const read = async (after: number) =>
        (
          await other.query<{ position: string; label: string }>(
            'SELECT position, label FROM naive WHERE position > $1 ORDER BY position',
            [after],
          )
        ).rows;
      const first = await read(0);
      expect(first.map((row) => row.label)).toEqual(['later']);
      const checkpoint = Number(first.at(-1)!.position);
      await raw.query('COMMIT');
      expect((await read(checkpoint)).map((row) => row.label)).toEqual([]);
      expect((await read(0)).map((row) => row.label)).toEqual(['slow', 'later']);
    } finally {
      await other.end();
    }
  });

  it('keeps positions dense and recording times rising under concurrent appends from two stores', async () => {
    const second = await PostgresEventStore.open({ connectionString: database.url });
    try {
      const head0 = await store.headPosition();
      const streams = Array.from({ length: 8 }, () => `claim-burst-${randomUUID()}`);
      const burst = (writer: PostgresEventStore, count: number) =>
        Array.from({ length: count }, (_, index) =>
          writer.append(streams[index % streams.length]!, [
            { eventId: randomUUID(), type: 'Burst', data: { index }, metadata: {} },
            { eventId: randomUUID(), type: 'Burst', data: { index, part: 2 }, metadata: {} },
          ]),
        );
      // Stale expected versions among them: their failures must leave no hole behind.
      const stale = streams.map((streamId) =>
        store.append(streamId, [{ eventId: randomUUID(), type: 'Burst', data: {}, metadata: {} }], {
          expectedVersion: 1,
        }),
      );
      const outcomes = await Promise.allSettled([...burst(store, 60), ...burst(second, 60), ...stale]);
      const written = outcomes.filter((outcome) => outcome.status === 'fulfilled').length;
      expect(written).toBeGreaterThanOrEqual(120);
      const all = await store.readAll({ fromPosition: head0 });
      expect(all.map((event) => event.position)).toEqual(all.map((_, index) => head0 + BigInt(index) + 1n));
      expect(all.length).toBe(240 + (written - 120));
      for (let index = 1; index < all.length; index++)
        expect(all[index]!.recordedAt.getTime()).toBeGreaterThanOrEqual(all[index - 1]!.recordedAt.getTime());
      for (const streamId of streams) {
        const versions = (await store.readStream(streamId)).map((event) => event.version);
        expect(versions).toEqual(versions.map((_, index) => index + 1));
      }
    } finally {
      await second.close();
    }
  });
});
