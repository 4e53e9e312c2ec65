// B3 worker: rehydrate one 1,000-event claim stream (read + fold), `--iterations` times.
//
//   node bench/workers/rehydrate.mjs --stack ours|emmett|emmett-conn --events 1000 --iterations 300 --file DB
//
// ours        what handleCommand does the first time it meets a stream: foldStream (readStream → upcasters →
//             claimDecider.fold); later commands reuse the kept state (rehydrate, a diagnostic here)
// emmett      getSQLiteEventStore(...).aggregateStream(stream, { evolve, initialState }) as shipped, with the
//             same evolve (claimDecider.evolve) over the same events
// emmett-conn Emmett's readStream(connection, …) on one long-lived sqlite3 connection + the same fold (diagnostic)
import { rmSync } from 'node:fs';
import {
  appendToStream,
  createEventStoreSchema,
  getSQLiteEventStore,
  readStream,
  sqliteConnection,
} from '@event-driven-io/emmett-sqlite';
import {
  claimDecider,
  foldStream,
  rehydrate as keptState,
  SqliteEventStore,
  upcasters,
} from '../lib/app.mjs';
import { longClaim } from '../lib/workload.mjs';
import { emit, latencySummary, parseArgs, round } from '../lib/util.mjs';

const options = parseArgs();
const stack = options.stack;
const length = Number(options.events ?? 1000);
const iterations = Number(options.iterations ?? 200);
const file = options.file;
const warmup = Number(options.warmup ?? Math.min(50, iterations));
for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });

const claim = longClaim(length);
const events = claim.appends.flatMap((append) => append.events);
const emmettEvent = (event) => ({ type: event.type, data: event.data, metadata: event.metadata });
const evolve = (state, event) => claimDecider.evolve(state, { type: event.type, data: event.data });

let rehydrate;
let close = async () => {};
let diagnose = null;
switch (stack) {
  case 'ours': {
    const store = SqliteEventStore.open({ file, synchronous: 'FULL' });
    await Promise.all(
      claim.appends.map((append) =>
        store.append(append.streamId, append.events, { expectedVersion: append.expectedVersion }),
      ),
    );
    rehydrate = () => foldStream(store, claim.streamId, claimDecider, upcasters);
    close = () => store.close();
    // Where ours spends the time: the SQL alone, the rows turned into StoredEvents (JSON.parse of data, BigInt,
    // Date; metadata is parsed only when read), the fold; and what a later command on the stream pays.
    diagnose = async (count) => {
      const select = store.database.prepare('SELECT * FROM events WHERE stream_id = ? ORDER BY version');
      const timing = { sqlRowsMs: [], readStreamMs: [], foldMs: [], keptStateMs: [] };
      await keptState(store, claim.streamId, claimDecider, upcasters);
      for (let index = 0; index < count; index++) {
        let begin = performance.now();
        select.all(claim.streamId);
        timing.sqlRowsMs.push(performance.now() - begin);
        begin = performance.now();
        const stream = (await store.readStream(claim.streamId)).map((event) => upcasters.apply(event));
        timing.readStreamMs.push(performance.now() - begin);
        begin = performance.now();
        claimDecider.fold(stream.map((event) => ({ type: event.type, data: event.data })));
        timing.foldMs.push(performance.now() - begin);
        begin = performance.now();
        await keptState(store, claim.streamId, claimDecider, upcasters);
        timing.keptStateMs.push(performance.now() - begin);
      }
      return Object.fromEntries(
        Object.entries(timing).map(([key, values]) => [key, round(latencySummary(values).p50, 4)]),
      );
    };
    break;
  }
  case 'emmett': {
    const store = getSQLiteEventStore({ fileName: file });
    // Emmett's commit intermittently fails with SQLITE_BUSY "SQL statements in progress" (see append.mjs).
    for (let attempt = 1; ; attempt++) {
      try {
        await store.appendToStream(claim.streamId, events.map(emmettEvent), { expectedStreamVersion: 0n });
        break;
      } catch (error) {
        if (attempt >= 5) throw error;
      }
    }
    rehydrate = async () => {
      const result = await store.aggregateStream(claim.streamId, {
        evolve,
        initialState: claimDecider.initialState,
      });
      return { state: result.state, version: Number(result.currentStreamVersion) };
    };
    break;
  }
  case 'emmett-conn': {
    const connection = sqliteConnection({ fileName: file });
    await createEventStoreSchema(connection);
    await appendToStream(connection, claim.streamId, 'claim', events.map(emmettEvent), {
      expectedStreamVersion: 0n,
    });
    rehydrate = async () => {
      const result = await readStream(connection, claim.streamId);
      let state = claimDecider.initialState();
      for (const event of result.events) state = evolve(state, event);
      return { state, version: Number(result.currentStreamVersion) };
    };
    close = async () => connection.close();
    break;
  }
  default:
    throw new Error(`unknown stack ${stack}`);
}

// Same result on every stack: the fold of the same events.
const check = await rehydrate();
if (check.version !== events.length || check.state.evidence.length !== claim.state.evidence.length) {
  throw new Error(
    `${stack}: rehydrated version ${check.version}, ${check.state.evidence.length} evidence; expected ${events.length}, ${claim.state.evidence.length}`,
  );
}
for (let index = 0; index < warmup; index++) await rehydrate();
const latencies = [];
const started = performance.now();
for (let index = 0; index < iterations; index++) {
  const begin = performance.now();
  await rehydrate();
  latencies.push(performance.now() - begin);
}
const elapsed = (performance.now() - started) / 1000;
const breakdownP50 = diagnose ? await diagnose(Math.min(iterations, 100)) : undefined;
await close();
for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
const summary = latencySummary(latencies);
emit({
  stack,
  events: events.length,
  iterations,
  perSecond: round(iterations / elapsed, 4),
  p50Ms: round(summary.p50, 4),
  p99Ms: round(summary.p99, 4),
  meanMs: round(summary.mean, 4),
  breakdownP50,
});
