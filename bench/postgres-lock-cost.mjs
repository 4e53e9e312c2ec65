#!/usr/bin/env node
// What the append lock of the PostgreSQL store costs (docs/decisions/0004-postgres-positions.md): the real
// `claimtrail_append` against the same function without the lock, positions from a sequence (the
// variant whose readers can skip events), driven by C independent connections — as many separate writers
// (instances) would, without the group commit one instance makes of its own appends. Each connection
// appends single events with an expected version to its own stream, in autocommit, for --seconds.
//
//   node bench/run.mjs --only B1 (or any run: it makes bench/results/tmp/build) && node bench/postgres-lock-cost.mjs [--seconds 4] [--connections 1,8,32]
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { startCluster, measureCommitLatency } from './lib/postgres.mjs';
import { latencySummary, log, parseArgs, round } from './lib/util.mjs';
import { MIGRATIONS } from './results/tmp/build/dist/event-store/postgres/postgres-event-store.schema.js';

const options = parseArgs();
const seconds = Number(options.seconds ?? 4);
const connectionCounts = String(options.connections ?? '1,8,32')
  .split(',')
  .map(Number);

const withLock = MIGRATIONS[0];
const withoutLock = MIGRATIONS[0]
  .replace(/PERFORM pg_advisory_xact_lock\([^)]*\);/g, '')
  .replace('SELECT head + k, stream_ids[i]', "SELECT nextval('claimtrail_positions'), stream_ids[i]");
if (withoutLock === withLock || !withoutLock.includes('nextval')) throw new Error('the variant was not made');

const APPEND = 'SELECT outcome FROM claimtrail_append($1, $2, $3, $4, $5, $6, $7)';

const drive = async (url, connections) => {
  const clients = await Promise.all(
    Array.from({ length: connections }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
  const latencies = [];
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    clients.map(async (client) => {
      const stream = `claim-lock-${randomUUID()}`;
      for (let version = 0; performance.now() < deadline; version++) {
        const started = performance.now();
        const { rows } = await client.query({
          name: 'append',
          text: APPEND,
          values: [
            [stream],
            [version],
            [1],
            [randomUUID()],
            ['EvidenceAttached'],
            ['{"n":1}'],
            ['{"actorId":"bench"}'],
          ],
        });
        if (rows[0].outcome !== 'ok') throw new Error(`append refused: ${rows[0].outcome}`);
        latencies.push(performance.now() - started);
      }
    }),
  );
  await Promise.all(clients.map((client) => client.end()));
  const summary = latencySummary(latencies);
  return {
    perSecond: round(latencies.length / seconds),
    p50Ms: round(summary.p50),
    p99Ms: round(summary.p99),
  };
};

const cluster = await startCluster();
try {
  const commit = await measureCommitLatency(cluster);
  log(
    `PostgreSQL ${cluster.version}, commit p50 ${commit.p50Ms} ms p99 ${commit.p99Ms} ms, load ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')}`,
  );
  const results = [];
  for (const connections of connectionCounts) {
    for (const [variant, schema] of [
      ['lock', withLock],
      ['no lock (sequence)', withoutLock],
    ]) {
      const url = await cluster.createDatabase('lock_cost');
      await cluster.query('CREATE SEQUENCE claimtrail_positions', [], new URL(url).pathname.slice(1));
      await cluster.query(schema, [], new URL(url).pathname.slice(1));
      const result = await drive(url, connections);
      await cluster.dropDatabase(url);
      results.push({ connections, variant, ...result });
      log(
        `${connections} connection(s), ${variant}: ${result.perSecond}/s p50 ${result.p50Ms} ms p99 ${result.p99Ms} ms`,
      );
    }
  }
  console.log(
    JSON.stringify(
      { seconds, commit, loadAverage: loadavg().map((value) => round(value)), results },
      null,
      2,
    ),
  );
} finally {
  cluster.stop();
}
