// B1 / B2 worker: single-event appends with an expected version, synchronous=FULL, for `--seconds`.
//
//   node bench/workers/append.mjs --stack ours|raw|emmett|emmett-conn --writers 1|64 --seconds 5 --file DB
//
// ours        SqliteEventStore.append(stream, [event], { expectedVersion })   (group commit per event-loop turn)
// raw         better-sqlite3, WAL + FULL, one INSERT per autocommit transaction into the same `events` table:
//             no version check, no promise, no savepoint: the limit of one durable row per commit
// emmett      @event-driven-io/emmett-sqlite getSQLiteEventStore(...).appendToStream(stream, [event],
//             { expectedStreamVersion }) as shipped (it opens and closes a sqlite3 connection per call)
// emmett-conn Emmett's lower-level appendToStream(connection, …) on one long-lived sqlite3 connection
//             (not a shipped store configuration; reported as a diagnostic only)
// pg          PostgresEventStore.append(stream, [event], { expectedVersion }) on `--url` (group commit per
//             instance, one advisory lock per write: docs/decisions/0004-postgres-positions.md)
// emmett-pg   @event-driven-io/emmett-postgresql 0.42.0 getPostgreSQLEventStore(url).appendToStream(stream,
//             [event], { expectedStreamVersion }) as shipped (bench/emmett-postgresql, a package of its own)
//
// Every stack appends the same pool of realistic claim events (see lib/workload.mjs). `--writers N` runs N
// concurrent appenders, each on its own stream; one writer cycles over 64 streams.
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import {
  appendToStream,
  createEventStoreSchema,
  getSQLiteEventStore,
  sqliteConnection,
} from '@event-driven-io/emmett-sqlite';
import { EVENT_STORE_SCHEMA, PostgresEventStore, randomEventId, SqliteEventStore } from '../lib/app.mjs';
import { debate } from '../lib/workload.mjs';
import { emit, latencySummary, parseArgs, round } from '../lib/util.mjs';

const options = parseArgs();
const stack = options.stack;
const writers = Number(options.writers ?? 1);
const seconds = Number(options.seconds ?? 3);
const file = options.file;
const url = options.url;
const warmupAppends = Number(options.warmup ?? 100);
if (file) for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });

// A pool of realistic events, reused round-robin with fresh ids: time-ordered UUIDv7, as commands make them.
const POOL = [];
for (const append of debate({ seed: 3 })) {
  POOL.push(...append.events);
  if (POOL.length >= 4000) break;
}
let poolIndex = 0;
const nextEvent = () => {
  const template = POOL[poolIndex++ % POOL.length];
  return { ...template, eventId: randomEventId() };
};

const streams = Array.from({ length: Math.max(writers, 64) }, (_, index) => ({
  id: `claim-clm_BENCH${String(index).padStart(21, '0')}`,
  version: 0,
}));

const makeAppender = async () => {
  switch (stack) {
    case 'ours': {
      const store = SqliteEventStore.open({ file, synchronous: 'FULL' });
      return {
        append: async (stream, event) => {
          await store.append(stream.id, [event], { expectedVersion: stream.version });
          stream.version++;
        },
        close: () => store.close(),
      };
    }
    case 'raw': {
      const db = new Database(file);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.exec(EVENT_STORE_SCHEMA);
      const insert = db.prepare(
        'INSERT INTO events (stream_id, version, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      return {
        sync: true,
        append: (stream, event) => {
          insert.run(
            stream.id,
            ++stream.version,
            event.eventId,
            event.type,
            JSON.stringify(event.data),
            JSON.stringify(event.metadata),
            Date.now(),
          );
        },
        close: () => db.close(),
      };
    }
    case 'emmett': {
      const store = getSQLiteEventStore({ fileName: file });
      return {
        append: async (stream, event) => {
          await store.appendToStream(
            stream.id,
            [{ type: event.type, data: event.data, metadata: event.metadata }],
            {
              expectedStreamVersion: BigInt(stream.version),
            },
          );
          stream.version++;
        },
        close: () => {},
      };
    }
    case 'emmett-conn': {
      const connection = sqliteConnection({ fileName: file });
      await connection.command('PRAGMA synchronous = FULL');
      await createEventStoreSchema(connection);
      return {
        append: async (stream, event) => {
          const result = await appendToStream(
            connection,
            stream.id,
            'claim',
            [{ type: event.type, data: event.data, metadata: event.metadata }],
            {
              expectedStreamVersion: BigInt(stream.version),
            },
          );
          if (!result.success) throw new Error('emmett: expected version mismatch');
          stream.version++;
        },
        close: () => connection.close(),
      };
    }
    case 'pg': {
      const store = await PostgresEventStore.open({ connectionString: url });
      return {
        append: async (stream, event) => {
          await store.append(stream.id, [event], { expectedVersion: stream.version });
          stream.version++;
        },
        close: () => store.close(),
      };
    }
    case 'emmett-pg': {
      // Its own package (bench/emmett-postgresql): it needs emmett 0.42 beside the root's emmett-sqlite 0.38.5.
      const { getPostgreSQLEventStore } =
        await import('../emmett-postgresql/node_modules/@event-driven-io/emmett-postgresql/dist/index.js');
      const store = getPostgreSQLEventStore(url);
      return {
        append: async (stream, event) => {
          await store.appendToStream(
            stream.id,
            [{ type: event.type, data: event.data, metadata: event.metadata }],
            { expectedStreamVersion: BigInt(stream.version) },
          );
          stream.version++;
        },
        close: () => store.close(),
      };
    }
    default:
      throw new Error(`unknown stack ${stack}`);
  }
};

const appender = await makeAppender();
const latencies = [];
let appended = 0;

/**
 * A failed append is counted, not fatal: Emmett's SQLite store intermittently fails a commit with
 * "SQLITE_BUSY: cannot commit transaction - SQL statements in progress" (its INSERT … RETURNING read with
 * sqlite3's Database#get leaves the statement unfinished). The stream then continues under a new id, since
 * its version is no longer known for sure.
 */
let failures = 0;
let firstFailure = null;
let renamed = 0;
const tryAppend = async (slot, event) => {
  try {
    await appender.append(streams[slot], event);
    return true;
  } catch (error) {
    failures++;
    firstFailure ??= String(error?.message ?? error).slice(0, 300);
    streams[slot] = { id: `claim-clm_BENCHX${String(++renamed).padStart(20, '0')}`, version: 0 };
    return false;
  }
};

// Warm-up (not measured): JIT, schema, first WAL frames.
for (let index = 0; index < warmupAppends; index++) await tryAppend(index % streams.length, nextEvent());
failures = 0;
firstFailure = null;

const started = performance.now();
const deadline = started + seconds * 1000;
const writer = async (index) => {
  let turn = 0;
  while (performance.now() < deadline) {
    const slot = writers === 1 ? turn++ % streams.length : index;
    const event = nextEvent();
    const begin = performance.now();
    if (!(await tryAppend(slot, event))) continue;
    latencies.push(performance.now() - begin);
    appended++;
  }
};
if (appender.sync && writers === 1) {
  // No promise per insert for the raw limit.
  let turn = 0;
  while (performance.now() < deadline) {
    const event = nextEvent();
    const begin = performance.now();
    appender.append(streams[turn++ % streams.length], event);
    latencies.push(performance.now() - begin);
    appended++;
  }
} else {
  await Promise.all(Array.from({ length: writers }, (_, index) => writer(index)));
}
const elapsed = (performance.now() - started) / 1000;
await appender.close();
if (file) for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });

const summary = latencySummary(latencies);
emit({
  stack,
  writers,
  appends: appended,
  seconds: round(elapsed, 4),
  perSecond: round(appended / elapsed, 4),
  p50Ms: round(summary.p50, 4),
  p99Ms: round(summary.p99, 4),
  maxMs: round(summary.max, 4),
  failures,
  firstFailure,
});
