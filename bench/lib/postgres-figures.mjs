// The PostgreSQL rows: B1, B2 and B6 on PostgresEventStore beside the SQLite figures and beside Emmett's
// PostgreSQL store appending the same events, two instances sharing B6's load, and the backup round trip
// of the seeded store (SQLite → PostgreSQL → SQLite). Called by run.mjs; everything in one run.
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PostgresEventStore, restoreBackup, SqliteEventStore, writeBackup } from './app.mjs';
import { graphql, loadTest } from './load.mjs';
import { startServer } from './servers.mjs';
import { freshDir, log, median, round, runWorker } from './util.mjs';

const medianOf = (results, key) => median(results.map((result) => result[key]));

/** Rounds of the append worker on fresh databases, interleaving the stacks as run.mjs does for SQLite. */
const appendRounds = async ({ cluster, stacks, rounds, seconds, writers }) => {
  const byStack = Object.fromEntries(stacks.map((stack) => [stack, []]));
  for (let turn = 0; turn < rounds; turn++) {
    for (const stack of turn % 2 ? [...stacks].reverse() : stacks) {
      const url = await cluster.createDatabase(`append_${stack}`);
      try {
        byStack[stack].push(
          await runWorker('append', [
            '--stack',
            stack,
            '--writers',
            writers,
            '--seconds',
            seconds,
            '--url',
            url,
          ]),
        );
      } finally {
        await cluster.dropDatabase(url);
      }
    }
  }
  return byStack;
};

const where = (machine) =>
  `PostgreSQL ${machine.postgres.version}, a private cluster on loopback (fsync ${machine.postgres.commit.settings.fsync}, synchronous_commit ${machine.postgres.commit.settings.synchronous_commit}; one durable commit p50 ${machine.postgres.commit.p50Ms} ms, p99 ${machine.postgres.commit.p99Ms} ms), not pinned: the server's backends share the cores with everything else, the worker is on core 1.`;

export const b1Postgres = async ({ cluster, settings, add, raw, b1Rate, machine }) => {
  log('B1-pg: single-writer appends on PostgreSQL: ours / Emmett PostgreSQL');
  const results = await appendRounds({
    cluster,
    stacks: ['pg', 'emmett-pg'],
    rounds: settings.b1.rounds,
    seconds: settings.b1.seconds,
    writers: 1,
  });
  raw['B1-pg'] = results;
  const rate = (stack) => medianOf(results[stack], 'perSecond');
  log(`B1-pg ours ${round(rate('pg'))}/s emmett-pg ${round(rate('emmett-pg'))}/s`);
  add(
    {
      id: 'B1-pg',
      title: 'B1 on PostgreSQL: single-event appends with expected version, one writer',
      value: round(rate('pg')),
      unit: 'appends/s',
      ratios: {
        emmettPg: round(rate('pg') / rate('emmett-pg')),
        ...(b1Rate ? { sqliteB1: round(rate('pg') / b1Rate) } : {}),
      },
      p50: round(medianOf(results.pg, 'p50Ms')),
      p99: round(medianOf(results.pg, 'p99Ms')),
      compared: {
        emmettPg: {
          perSecond: round(rate('emmett-pg')),
          p50: round(medianOf(results['emmett-pg'], 'p50Ms')),
          p99: round(medianOf(results['emmett-pg'], 'p99Ms')),
        },
      },
      notes: [
        `Median of ${settings.b1.rounds} interleaved rounds of ${settings.b1.seconds} s per stack, each on a new database; ours = PostgresEventStore.append (one advisory-locked function call per commit), emmettPg = getPostgreSQLEventStore(url).appendToStream with expectedStreamVersion (@event-driven-io/emmett-postgresql 0.42.0, as shipped). Same pool of events as B1.`,
        `sqliteB1 < 1 means the embedded store is faster: one process, no round trip. ${where(machine)}`,
      ],
    },
    [],
  );
  return rate('pg');
};

export const b2Postgres = async ({ cluster, settings, add, raw, b1PgRate, b2Rate, machine }) => {
  log('B2-pg: 64 concurrent appenders on PostgreSQL: ours (group commit per instance) / Emmett PostgreSQL');
  const results = await appendRounds({
    cluster,
    stacks: ['pg', 'emmett-pg'],
    rounds: settings.b2.rounds,
    seconds: settings.b2.seconds,
    writers: 64,
  });
  raw['B2-pg'] = results;
  const rate = (stack) => medianOf(results[stack], 'perSecond');
  log(
    `B2-pg ours ${round(rate('pg'))}/s p99 ${round(medianOf(results.pg, 'p99Ms'))} ms, emmett-pg ${round(rate('emmett-pg'))}/s`,
  );
  add(
    {
      id: 'B2-pg',
      title: 'B2 on PostgreSQL: 64 concurrent appenders to separate streams',
      value: round(rate('pg')),
      unit: 'appends/s',
      ratios: {
        emmettPg: round(rate('pg') / rate('emmett-pg')),
        ...(b1PgRate ? { b1PgSingleWriter: round(rate('pg') / b1PgRate) } : {}),
        ...(b2Rate ? { sqliteB2: round(rate('pg') / b2Rate) } : {}),
      },
      p50: round(medianOf(results.pg, 'p50Ms')),
      p99: round(medianOf(results.pg, 'p99Ms')),
      compared: {
        emmettPg: {
          perSecond: round(rate('emmett-pg')),
          p50: round(medianOf(results['emmett-pg'], 'p50Ms')),
          p99: round(medianOf(results['emmett-pg'], 'p99Ms')),
        },
      },
      notes: [
        `64 writers in one process, each awaiting its own single-event append on its own stream; median of ${settings.b2.rounds} rounds of ${settings.b2.seconds} s. Ours sends the appends that queue while a write is in flight as one call (one transaction, one WAL flush) under the append lock; Emmett's store runs each append in its own transaction on its pool (10 connections), so PostgreSQL's own group commit is what batches its flushes.`,
        where(machine),
      ],
    },
    [],
  );
};

/**
 * R1: the seeded store through `backup` / `restore` SQLite → PostgreSQL → SQLite, timed, with the three
 * backups compared byte for byte. Leaves the PostgreSQL copy for B6-pg, equal to the SQLite store B6 uses.
 */
export const r1BackupRoundTrip = async ({ cluster, work, mainDir, add, seed }) => {
  log('R1: backup round trip of the seeded store, SQLite → PostgreSQL → SQLite');
  const files = ['1-sqlite', '2-postgres', '3-sqlite'].map((name) => join(work, `r1-${name}.ndjson`));
  const timed = async (action) => {
    const started = performance.now();
    const value = await action();
    return { seconds: round((performance.now() - started) / 1000, 4), value };
  };
  const sqlite = SqliteEventStore.open({ file: join(mainDir, 'events.db') });
  const backup1 = await timed(() => writeBackup(sqlite, files[0]));
  await sqlite.close();
  const pgUrl = await cluster.createDatabase('r1');
  const pgStore = await PostgresEventStore.open({ connectionString: pgUrl });
  const restorePg = await timed(() => restoreBackup(pgStore, files[0]));
  const backup2 = await timed(() => writeBackup(pgStore, files[1]));
  await pgStore.close();
  const copyDir = freshDir(join(work, 'r1-copy'));
  const copy = SqliteEventStore.open({ file: join(copyDir, 'events.db') });
  const restoreSqlite = await timed(() => restoreBackup(copy, files[1]));
  const backup3 = await timed(() => writeBackup(copy, files[2]));
  await copy.close();
  const bytes = files.map((file) => readFileSync(file));
  const identical = bytes[1].equals(bytes[0]) && bytes[2].equals(bytes[0]);
  const events = backup1.value.events;
  const size = statSync(files[0]).size;
  for (const file of files) rmSync(file, { force: true });
  rmSync(copyDir, { recursive: true, force: true });
  const steps = {
    backupSqlite: backup1.seconds,
    restorePostgres: restorePg.seconds,
    backupPostgres: backup2.seconds,
    restoreSqlite: restoreSqlite.seconds,
    backupSqliteCopy: backup3.seconds,
  };
  const total = Object.values(steps).reduce((sum, seconds) => sum + seconds, 0);
  log(`R1 ${events} events, ${identical ? 'identical' : 'DIFFERENT'} backups; ${JSON.stringify(steps)}`);
  add(
    {
      id: 'R1',
      title: `backup → restore round trip of the ${seed.events.toLocaleString('en-US')}-event store, SQLite → PostgreSQL → SQLite`,
      value: round(total, 4),
      unit: 's for the five steps',
      ratios: {},
      p50: null,
      p99: null,
      diagnostics: { steps, events, bytes: size, identical },
      notes: [
        `${events.toLocaleString('en-US')} events (${(size / 1024 / 1024).toFixed(1)} MiB of NDJSON): backup of SQLite ${steps.backupSqlite} s, restore into PostgreSQL ${steps.restorePostgres} s (${round(events / steps.restorePostgres)} events/s), backup of PostgreSQL ${steps.backupPostgres} s, restore into SQLite ${steps.restoreSqlite} s, backup of the copy ${steps.backupSqliteCopy} s; the three backups ${identical ? 'are byte-identical' : 'DIFFER'}. In the orchestrator's process (core 0), not a worker.`,
      ],
    },
    [{ text: 'the three backups byte-identical', check: (figure) => figure.diagnostics.identical }],
  );
  return pgUrl;
};

const B6_MUTATION = `mutation Attach($input: AttachEvidenceInput!) {
  attachEvidence(input: $input) { claim { id version evidence { id } } events { position type version } }
}`;

const attachBody = (claimIds, offset) => (index) =>
  JSON.stringify({
    query: B6_MUTATION,
    variables: {
      input: {
        claimId: claimIds[(index + offset) % claimIds.length],
        stance: index % 3 ? 'SUPPORTS' : 'UNDERMINES',
        summary: `Benchmark evidence ${offset}-${index}: the communique's wording on transport corridors`,
        citation: {
          title: 'Dushanbe summit communique',
          url: `https://example.org/communique/${offset}-${index}`,
        },
        reliability: 0.7,
      },
    },
  });

/** B6 on PostgreSQL: one instance, then two instances (own data dirs) sharing 32 connections. */
export const b6Postgres = async ({ work, pgUrl, claimIds, token, settings, add, raw, b6Sqlite, machine }) => {
  const env = { CLAIMTRAIL_EVENT_STORE: 'postgres', DATABASE_URL: pgUrl };
  const start = (name) =>
    startServer({ dir: work, kind: 'ours', dataDir: freshDir(join(work, name)), name, env });
  log(
    'B6-pg: attachEvidence over HTTP on PostgreSQL, one instance (it builds its read model from the store at start)',
  );
  const one = await start('b6-pg-1');
  let single;
  try {
    const probe = await graphql(
      one.graphqlUrl,
      token,
      B6_MUTATION,
      JSON.parse(attachBody(claimIds, 0)(0)).variables,
    );
    if (probe.errors) throw new Error(`B6-pg probe failed: ${JSON.stringify(probe.errors).slice(0, 500)}`);
    single = await loadTest({
      url: one.graphqlUrl,
      token,
      body: attachBody(claimIds, 1),
      connections: 32,
      seconds: settings.b6.seconds,
      warmupSeconds: settings.b6.warmup,
    });
  } catch (error) {
    await one.stop();
    throw error;
  }
  log(`B6-pg one instance ${single.perSecond}/s p99 ${single.p99Ms} ms`);
  log('B6-pg×2: two instances on the same database, 16 connections each');
  const two = await start('b6-pg-2');
  let pair;
  try {
    pair = await Promise.all(
      [one, two].map((server, index) =>
        loadTest({
          url: server.graphqlUrl,
          token,
          body: attachBody(claimIds, 2 + index),
          connections: 16,
          seconds: settings.b6.seconds,
          warmupSeconds: settings.b6.warmup,
        }),
      ),
    );
  } finally {
    await Promise.all([one.stop(), two.stop()]);
  }
  raw['B6-pg'] = { single, pair };
  const errors = (result) => result.graphqlErrors + result.non2xx + result.errors;
  add(
    {
      id: 'B6-pg',
      title: 'B6 on PostgreSQL: attachEvidence end to end over HTTP, 32 connections, one instance',
      value: single.perSecond,
      unit: 'mutations/s',
      ratios: b6Sqlite ? { sqliteB6: round(single.perSecond / b6Sqlite.perSecond) } : {},
      p50: single.p50Ms,
      p99: single.p99Ms,
      diagnostics: { errors: errors(single), firstError: single.firstError },
      notes: [
        `The same claims and mutation as B6, on a PostgreSQL copy of the seeded store (restored from its backup, R1); read-your-writes through the instance's own read model, which follows the store by LISTEN/NOTIFY. ${errors(single)} errors. ${where(machine)}`,
      ],
    },
    [],
  );
  const total = round(pair[0].perSecond + pair[1].perSecond);
  const worst = (key) => Math.max(pair[0][key], pair[1][key]);
  add(
    {
      id: 'B6-pg×2',
      title: 'two instances on one PostgreSQL store sharing B6-pg\u2019s load (16 connections each)',
      value: total,
      unit: 'mutations/s (both)',
      ratios: { oneInstance: round(total / single.perSecond) },
      p50: worst('p50Ms'),
      p99: worst('p99Ms'),
      diagnostics: {
        perInstance: pair.map((result) => result.perSecond),
        errors: errors(pair[0]) + errors(pair[1]),
      },
      notes: [
        `Two servers (own read-model dirs) on the same database, both pinned to core 1 like every measured server here, so the pair shares one core: the ratio shows what the shared store costs, not what a second machine would add. Per instance ${pair.map((result) => result.perSecond).join(' and ')} mutations/s; p50/p99 are the worse of the two; ${errors(pair[0]) + errors(pair[1])} errors.`,
      ],
    },
    [],
  );
};
