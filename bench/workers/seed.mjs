// Seeds an event store with a realistic interleaved debate, appended straight to SqliteEventStore (no HTTP).
//
//   node bench/workers/seed.mjs --dir DATA_DIR --events 100000 [--seed 7]
//
// Position 1 is an ADMIN token grant made the CLI's way (createToken), so servers started on the store find a
// token at once and the benchmark knows it. Then one SourceRegistered (the op-ed) and claim streams whose
// events come from the real deciders (lib/workload.mjs), in group-committed batches of 2,000 appends.
// Prints { token, events, claims, midTime, … }; midTime is a moment with half the log before it (for asOf).
import { join } from 'node:path';
import { CLI_ACTOR, createToken, SqliteEventStore } from '../lib/app.mjs';
import { debate, sourceRegistration } from '../lib/workload.mjs';
import { emit, parseArgs, round, sleep } from '../lib/util.mjs';

const options = parseArgs();
const target = Number(options.events ?? 100_000);
const store = SqliteEventStore.open({ file: join(options.dir, 'events.db'), synchronous: 'FULL' });
const started = performance.now();

const { token } = await createToken(store, { actorId: 'bench-admin', role: 'ADMIN', by: CLI_ACTOR });
const source = sourceRegistration();
await store.append(source.streamId, source.events, { expectedVersion: 0 });

let events = 2;
let claims = 0;
let midTime = null;
const generator = debate({ seed: Number(options.seed ?? 7), sourceId: source.sourceId });
let lastReport = performance.now();
while (events < target) {
  const pending = [];
  for (let index = 0; index < 2000 && events < target; index++) {
    const append = generator.next().value;
    if (append.expectedVersion === 0) claims++;
    events += append.events.length;
    pending.push(store.append(append.streamId, append.events, { expectedVersion: append.expectedVersion }));
  }
  await Promise.all(pending);
  if (midTime === null && events >= target / 2) {
    await sleep(5);
    midTime = new Date().toISOString();
    await sleep(5);
  }
  if (performance.now() - lastReport > 5000) {
    lastReport = performance.now();
    process.stderr.write(`  seed: ${events}/${target} events\n`);
  }
}
const head = Number(await store.headPosition());
await store.close();
const seconds = (performance.now() - started) / 1000;
emit({
  token,
  events: head,
  claims,
  sourceId: source.sourceId,
  midTime,
  seconds: round(seconds, 4),
  perSecond: round(head / seconds, 4),
});
