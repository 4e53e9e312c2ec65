#!/usr/bin/env node
// Claimtrail benchmarks B1–B8 (issue #8): every figure side by side with what it is compared to, in one run.
//
//   node bench/run.mjs --quick            # `npm run bench`: scaled down, a few minutes
//   node bench/run.mjs --full             # `npm run bench:full`: the record (1,000,000-event figures)
//   options: --no-build  --only B1,B3  --profile (CPU profiles of the servers under B5/B6 load)
//            --no-postgres (leave out the PostgreSQL rows: B1-pg, B2-pg, B6-pg, B6-pg×2, R1)
//
// Writes bench/results/latest.json (+ quick.json / full.json) and bench/RESULTS.md. See bench/README.md.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { buildForBench } from './lib/build.mjs';
import { describeMachine, measureFsync } from './lib/machine.mjs';
import { graphql, loadTest, sequentialLatency } from './lib/load.mjs';
import { judge, writeResults } from './lib/report.mjs';
import { sampleMemory, startServer } from './lib/servers.mjs';
import {
  BUILD_DIST,
  CORES,
  ensureDir,
  freshDir,
  log,
  median,
  parseArgs,
  pinSelf,
  REPO_DIR,
  RESULTS_DIR,
  round,
  runWorker,
  TMP_DIR,
} from './lib/util.mjs';
import { summarizeProfile } from './lib/profile.mjs';
import { measureCommitLatency, postgresBin, startCluster } from './lib/postgres.mjs';

const options = parseArgs();
const mode = options.full ? 'full' : 'quick';
const only = options.only
  ? new Set(
      String(options.only)
        .split(',')
        .map((id) => id.trim().toUpperCase()),
    )
  : null;
const wants = (id) => !only || only.has(id);

const SETTINGS = {
  quick: {
    fsyncSamples: 300,
    b1: { rounds: 4, seconds: 1.5 },
    b2: { rounds: 3, seconds: 2 },
    b3: { iterations: 100 },
    events: 100_000,
    b4: { deadlineSeconds: 20 },
    b5: { rounds: 1, seconds: 10, warmup: 3 },
    b6: { seconds: 10, warmup: 3, claims: 2000 },
    b7: { events: 100_000, claimSamples: 100, graphSamples: 3, budgetSeconds: 15 },
    profileSeconds: 8,
  },
  full: {
    fsyncSamples: 1000,
    b1: { rounds: 10, seconds: 4 },
    b2: { rounds: 6, seconds: 5 },
    b3: { iterations: 1000 },
    events: 1_000_000,
    b4: { deadlineSeconds: 300 },
    b5: { rounds: 2, seconds: 30, warmup: 5 },
    b6: { seconds: 30, warmup: 5, claims: 5000 },
    b7: { events: 100_000, claimSamples: 1000, graphSamples: 20, budgetSeconds: 120 },
    profileSeconds: 15,
  },
}[mode];

const B5_QUERY = `query ClaimsPage($first: Int!) {
  claims(first: $first) {
    edges { cursor node {
      id statement status tags acceptability version createdAt updatedAt createdBy { id role }
      evidence { id stance reliability }
      relations { kind from { id statement } to { id statement } }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const B5_BODY = JSON.stringify({ query: B5_QUERY, variables: { first: 20 } });

const B6_MUTATION = `mutation Attach($input: AttachEvidenceInput!) {
  attachEvidence(input: $input) { claim { id version evidence { id } } events { position type version } }
}`;

const CLAIM_FIELDS =
  'id statement status version acceptability tags evidence { id stance } counterpoints { id state } relations { kind from { id } to { id } }';
const B7_CLAIM = `query Claim($id: ID!) { claim(id: $id) { ${CLAIM_FIELDS} } }`;
const B7_CLAIM_AT = `query ClaimAt($id: ID!, $v: Int!) { claim(id: $id, atVersion: $v) { ${CLAIM_FIELDS} } }`;
const B7_GRAPH_AT = `query GraphAt($t: DateTime!) { argumentGraph(asOf: $t) { asOf nodes { id acceptability } edges { kind from { id } to { id } } } }`;

const started = performance.now();
const pinnedSelf = pinSelf(CORES.load);
log(`mode ${mode}; orchestrator ${pinnedSelf ? `pinned to core ${CORES.load}` : 'not pinned'}`);

// ── build ───────────────────────────────────────────────────────────────────────────────────────────────
let build = 'skipped (--no-build): the previous bench build was used';
if (!options['no-build']) build = buildForBench();
if (!existsSync(join(BUILD_DIST, 'main.js')))
  throw new Error(`${BUILD_DIST}/main.js is missing: run without --no-build`);

// ── machine ─────────────────────────────────────────────────────────────────────────────────────────────
log('machine: CPU, disk, fsync latency');
const machine = describeMachine({ fsyncSamples: SETTINGS.fsyncSamples });
machine.build = build;
{
  const db = new Database(':memory:');
  machine.sqlite = db.prepare('SELECT sqlite_version() AS v').get().v;
  db.close();
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      "const s=require('sqlite3');const d=new s.Database(':memory:');d.get('select sqlite_version() v',(e,r)=>{console.log(r.v);d.close()})",
    ],
    { cwd: REPO_DIR, encoding: 'utf8' },
  );
  machine.sqlite3 = probe.stdout.trim() || null;
}
log(`fsync p50 ${machine.fsync.p50Ms} ms, p99 ${machine.fsync.p99Ms} ms`);

// ── PostgreSQL (the -pg rows and R1) ────────────────────────────────────────────────────────────────────
// A private cluster for the run, when Debian's server is installed; its durable-commit latency goes into
// the machine section beside the disk's fsync.
const wantsPostgres = !options['no-postgres'] && ['B1', 'B2', 'B6', 'R1'].some(wants) && postgresBin();
let cluster = null;
if (wantsPostgres) {
  try {
    // Emmett's PostgreSQL store lives in a package of its own (bench/emmett-postgresql): install it once.
    const emmettPg = join(REPO_DIR, 'bench', 'emmett-postgresql');
    if (!existsSync(join(emmettPg, 'node_modules', '@event-driven-io', 'emmett-postgresql'))) {
      log('installing bench/emmett-postgresql (npm ci)');
      const installed = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
        cwd: emmettPg,
        encoding: 'utf8',
      });
      if (installed.status !== 0)
        throw new Error(`npm ci in bench/emmett-postgresql failed: ${installed.stderr.slice(-500)}`);
    }
    cluster = await startCluster();
    process.on('exit', () => {
      try {
        cluster?.stop();
      } catch {
        // stopping is best effort on the way out
      }
    });
    machine.postgres = { version: cluster.version, commit: await measureCommitLatency(cluster) };
    log(
      `PostgreSQL ${cluster.version}: commit p50 ${machine.postgres.commit.p50Ms} ms, p99 ${machine.postgres.commit.p99Ms} ms`,
    );
  } catch (error) {
    log(`PostgreSQL unavailable, its rows are left out: ${error.message}`);
    cluster = null;
  }
} else if (!options['no-postgres']) log('PostgreSQL rows left out: no PostgreSQL server installed');
const pgFigures = cluster ? await import('./lib/postgres-figures.mjs') : null;

// Per run (pid), so that two runs at once do not share databases or logs.
const work = freshDir(join(TMP_DIR, `${mode}-${process.pid}`));
const figures = [];
const raw = {};
const add = (figure, targets) => figures.push(judge(figure, targets));
const scaleNote =
  mode === 'quick'
    ? `Sizes scaled down for a run of a few minutes: B4, B5, B8 on a ${SETTINGS.events.toLocaleString('en-US')}-event store (the issue's B4/B8 figures are for 1,000,000); B4's production rebuild stopped after ${SETTINGS.b4.deadlineSeconds} s if unfinished; short measurement windows (B1 ${SETTINGS.b1.rounds}×${SETTINGS.b1.seconds} s per stack, B2 ${SETTINGS.b2.rounds}×${SETTINGS.b2.seconds} s, B5/B6 ${SETTINGS.b5.seconds} s after ${SETTINGS.b5.warmup} s warm-up).`
    : `Full sizes: B4, B5, B8 on a ${SETTINGS.events.toLocaleString('en-US')}-event store, B7 on a ${SETTINGS.b7.events.toLocaleString('en-US')}-event store; B1 ${SETTINGS.b1.rounds}×${SETTINGS.b1.seconds} s per stack, B2 ${SETTINGS.b2.rounds}×${SETTINGS.b2.seconds} s, B5 ${SETTINGS.b5.rounds}×${SETTINGS.b5.seconds} s per server, B6 ${SETTINGS.b6.seconds} s.`;

/**
 * Runs one figure's measurements; a failure is recorded (status "error", with the message) and the run
 * goes on with the other figures instead of dying.
 */
const section = async (ids, run) => {
  try {
    await run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`${ids.join('/')} FAILED: ${message}`);
    for (const id of ids) {
      if (id === 'profiles' || figures.some((figure) => figure.id === id)) continue;
      add(
        {
          id,
          title: id,
          status: 'error',
          pendingReason: `error: ${message.split('\n')[0].slice(0, 300)}`,
          value: null,
          unit: '',
          ratios: {},
          p50: null,
          p99: null,
          notes: [message.slice(0, 2000)],
        },
        [],
      );
    }
  }
};

// The store for B4–B8 is seeded after B1–B3, not beside them: on ext4 (data=ordered) another process's
// heavy writes make every fsync wait for its dirty pages, which measurably slowed B1's fsync-bound stacks.
const needsStore = ['B4', 'B5', 'B6', 'B7', 'B8', 'R1'].some(wants);
const mainDir = join(work, 'store');
let seed = null;

// Median of rounds, interleaving the stacks so that drift on a shared machine hits them alike.
const rounds = async (count, stacks, run) => {
  const byStack = Object.fromEntries(stacks.map((stack) => [stack, []]));
  for (let turn = 0; turn < count; turn++) {
    const order = turn % 2 ? [...stacks].reverse() : stacks;
    for (const stack of order) byStack[stack].push(await run(stack, turn));
  }
  return byStack;
};
const medianOf = (results, key) => median(results.map((result) => result[key]));

/** Whether single appends were waiting on the disk or on CPU: raw's rate against 1 / fsync p50. */
const fsyncBoundNote = (rawRate, fsync) => {
  const limit = 1000 / fsync.p50Ms;
  return rawRate > 0.5 * limit
    ? `The stacks were fsync-bound: raw reached ${round(rawRate)}/s against 1/fsync-p50 = ${round(limit)}/s.`
    : `The disk was fast (fsync p50 ${fsync.p50Ms} ms, 1/fsync = ${round(limit)}/s): raw's ${round(rawRate)}/s is SQLite's own cost per commit, so these rates compare CPU per append.`;
};

// ── B1 ──────────────────────────────────────────────────────────────────────────────────────────────────
let b1Rate = null;
if (wants('B1') || wants('B2') || wants('B6')) {
  await section(['B1'], async () => {
    log('B1: single-writer appends, FULL: ours / raw better-sqlite3 / Emmett');
    const stacks = ['ours', 'raw', 'emmett', 'emmett-conn'];
    const results = await rounds(SETTINGS.b1.rounds, stacks, (stack, turn) =>
      runWorker('append', [
        '--stack',
        stack,
        '--writers',
        1,
        '--seconds',
        SETTINGS.b1.seconds,
        '--file',
        join(work, `b1-${stack}-${turn}.db`),
      ]),
    );
    raw.B1 = results;
    const rate = (stack) => medianOf(results[stack], 'perSecond');
    b1Rate = rate('ours');
    log(
      `B1 ours ${round(b1Rate)}/s raw ${round(rate('raw'))}/s emmett ${round(rate('emmett'))}/s emmett-conn ${round(rate('emmett-conn'))}/s`,
    );
    add(
      {
        id: 'B1',
        title: 'single-event appends with expected version, synchronous=FULL, one writer',
        value: round(b1Rate),
        unit: 'appends/s',
        ratios: { raw: round(b1Rate / rate('raw')), emmett: round(b1Rate / rate('emmett')) },
        p50: round(medianOf(results.ours, 'p50Ms')),
        p99: round(medianOf(results.ours, 'p99Ms')),
        compared: {
          raw: {
            perSecond: round(rate('raw')),
            p50: round(medianOf(results.raw, 'p50Ms')),
            p99: round(medianOf(results.raw, 'p99Ms')),
          },
          emmett: {
            perSecond: round(rate('emmett')),
            p50: round(medianOf(results.emmett, 'p50Ms')),
            p99: round(medianOf(results.emmett, 'p99Ms')),
          },
        },
        diagnostics: {
          emmettOneConnection: {
            perSecond: round(rate('emmett-conn')),
            ratio: round(b1Rate / rate('emmett-conn')),
            note: "Emmett's appendToStream on one long-lived sqlite3 connection (not how getSQLiteEventStore runs: it opens and closes a connection per call)",
          },
          fsyncBound: `1 / fsync p50 = ${round(1000 / machine.fsync.p50Ms)}/s`,
          failedAppends: Object.fromEntries(
            stacks.map((stack) => [stack, results[stack].reduce((sum, r) => sum + (r.failures ?? 0), 0)]),
          ),
          firstFailure:
            stacks.map((stack) => results[stack].find((r) => r.firstFailure)?.firstFailure).find(Boolean) ??
            null,
        },
        notes: [
          `Median of ${SETTINGS.b1.rounds} interleaved rounds of ${SETTINGS.b1.seconds} s per stack, each a fresh database in a worker pinned to core 1.`,
          `raw = one INSERT per autocommit transaction into the same events table (no version check); emmett = getSQLiteEventStore().appendToStream with expectedStreamVersion, as shipped.`,
          `Diagnostic: Emmett's appendToStream on one long-lived connection ran ${round(rate('emmett-conn'))}/s (ours is ${round(b1Rate / rate('emmett-conn'))}× that): most of the shipped store's gap is its connection per call.`,
          fsyncBoundNote(rate('raw'), machine.fsync),
          ...stacks
            .filter((stack) => results[stack].some((r) => r.failures))
            .map(
              (stack) =>
                `${stack}: ${results[stack].reduce((sum, r) => sum + r.failures, 0)} appends failed and were not counted ("${results[stack].find((r) => r.firstFailure).firstFailure}").`,
            ),
        ],
      },
      [
        { text: '≥ 0.8 × raw', check: (f) => f.ratios.raw >= 0.8 },
        { text: '≥ 5 × Emmett', check: (f) => f.ratios.emmett >= 5 },
      ],
    );
  });
}

let b1PgRate = null;
if (pgFigures && (wants('B1') || wants('B2'))) {
  await section(['B1-pg'], async () => {
    b1PgRate = await pgFigures.b1Postgres({ cluster, settings: SETTINGS, add, raw, b1Rate, machine });
  });
}

// ── B2 ──────────────────────────────────────────────────────────────────────────────────────────────────
let b2Rate = null;
if (wants('B2')) {
  await section(['B2'], async () => {
    log('B2: 64 concurrent appenders, separate streams, FULL (group commit)');
    const results = await rounds(SETTINGS.b2.rounds, ['ours'], (stack, turn) =>
      runWorker('append', [
        '--stack',
        stack,
        '--writers',
        64,
        '--seconds',
        SETTINGS.b2.seconds,
        '--file',
        join(work, `b2-${turn}.db`),
      ]),
    );
    raw.B2 = results;
    const rate = medianOf(results.ours, 'perSecond');
    b2Rate = rate;
    log(`B2 ours ${round(rate)}/s p99 ${round(medianOf(results.ours, 'p99Ms'))} ms`);
    add(
      {
        id: 'B2',
        title: '64 concurrent appenders to separate streams, FULL (group commit)',
        value: round(rate),
        unit: 'appends/s',
        ratios: { b1SingleWriter: round(rate / b1Rate) },
        p50: round(medianOf(results.ours, 'p50Ms')),
        p99: round(medianOf(results.ours, 'p99Ms')),
        diagnostics: {
          appendsPerCommitEstimate: round((rate * machine.fsync.p50Ms) / 1000),
          fsyncP99Ms: machine.fsync.p99Ms,
        },
        notes: [
          `64 writers, each awaiting its own single-event append (expected version) on its own stream; median of ${SETTINGS.b2.rounds} rounds of ${SETTINGS.b2.seconds} s.`,
          `An append waits for the commit it joins (one fsync): its latency cannot be below the disk's fsync latency, p50 ${machine.fsync.p50Ms} ms / p99 ${machine.fsync.p99Ms} ms here.`,
        ],
      },
      [
        { text: '≥ 5 × B1', check: (f) => f.ratios.b1SingleWriter >= 5 },
        { text: 'p99 < 10 ms', check: (f) => f.p99 < 10 },
      ],
    );
  });
}

if (pgFigures && wants('B2')) {
  await section(['B2-pg'], () =>
    pgFigures.b2Postgres({ cluster, settings: SETTINGS, add, raw, b1PgRate, b2Rate, machine }),
  );
}

// ── B3 ──────────────────────────────────────────────────────────────────────────────────────────────────
if (wants('B3')) {
  await section(['B3'], async () => {
    log('B3: rehydrate a 1,000-event claim stream: ours / Emmett aggregateStream');
    const stacks = ['ours', 'emmett', 'emmett-conn'];
    const results = {};
    for (const stack of stacks) {
      results[stack] = await runWorker('rehydrate', [
        '--stack',
        stack,
        '--events',
        1000,
        '--iterations',
        SETTINGS.b3.iterations,
        '--file',
        join(work, `b3-${stack}.db`),
      ]);
    }
    raw.B3 = results;
    log(`B3 ours p50 ${results.ours.p50Ms} ms, emmett p50 ${results.emmett.p50Ms} ms`);
    const breakdown = results.ours.breakdownP50;
    add(
      {
        id: 'B3',
        title: 'rehydrate a 1,000-event claim stream (read + fold)',
        value: results.ours.p50Ms,
        unit: 'ms per rehydration (p50)',
        ratios: { emmett: round(results.emmett.p50Ms / results.ours.p50Ms) },
        p50: results.ours.p50Ms,
        p99: results.ours.p99Ms,
        compared: { emmett: { p50: results.emmett.p50Ms, p99: results.emmett.p99Ms } },
        diagnostics: {
          oursBreakdownP50Ms: breakdown,
          emmettOneConnection: { p50: results['emmett-conn'].p50Ms, p99: results['emmett-conn'].p99Ms },
        },
        notes: [
          `${SETTINGS.b3.iterations} rehydrations after warm-up; ours = what handleCommand does the first time it meets a stream (foldStream: readStream → upcasters → claimDecider.fold, which builds the state in place); Emmett = aggregateStream with claimDecider.evolve over the same 1,000 events.`,
          breakdown
            ? `Where ours spends it (p50): SQL rows alone ${breakdown.sqlRowsMs} ms; readStream (rows → StoredEvent: JSON.parse of data and metadata, BigInt, Date; a fold reads 5 columns instead) ${breakdown.readStreamMs} ms; fold ${breakdown.foldMs} ms. A later command on the same stream reuses the kept state and reads only newer events: ${breakdown.keptStateMs} ms.`
            : '',
        ],
      },
      [
        { text: '≥ 3 × Emmett', check: (f) => f.ratios.emmett >= 3 },
        { text: 'p50 < 2 ms', check: (f) => f.p50 < 2 },
      ],
    );
  });
}

// ── the store for B4, B5, B8, B6 (and B7 in quick mode) ──────────────────────────────────────────────────
if (needsStore) {
  try {
    freshDir(mainDir);
    log(`seeding ${SETTINGS.events.toLocaleString('en-US')} events (appended straight to the store)`);
    seed = await runWorker('seed', ['--dir', mainDir, '--events', SETTINGS.events]);
    log(`seeded ${seed.events} events, ${seed.claims} claims in ${seed.seconds} s`);
  } catch (error) {
    log(`seeding FAILED, B4–B8 cannot run: ${error.message}`);
  }
}

/** The diagnostic the B4 misses need: how long one claim_search lookup by item_id takes at this size. */
const searchLookupDiagnostic = (dataDir) => {
  const pointer = join(dataDir, 'read-model.current');
  const file = join(dataDir, existsSync(pointer) ? readFileSync(pointer, 'utf8').trim() : 'read-model.db');
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare('SELECT count(*) FROM claim_search').pluck().get();
    const plan = db
      .prepare('EXPLAIN QUERY PLAN UPDATE claim_search SET statement = ? WHERE item_id = ?')
      .all('x', 'y')
      .map((row) => row.detail)
      .join('; ');
    const lookup = db.prepare('SELECT rowid FROM claim_search WHERE item_id = ?');
    const started = performance.now();
    for (let index = 0; index < 5; index++) lookup.all(`evd_missing${index}`);
    const perLookupMs = (performance.now() - started) / 5;
    const updates = db
      .prepare("SELECT count(*) FROM audit WHERE type IN ('ClaimRevised', 'EvidenceWithdrawn')")
      .pluck()
      .get();
    // Does the built claims projection still find search rows by item_id?
    const projection = readFileSync(join(BUILD_DIST, 'claims', 'read-model', 'claims.projection.js'), 'utf8');
    const stillScans = /(UPDATE claim_search SET [^`'"]*|DELETE FROM claim_search )WHERE item_id/.test(
      projection,
    );
    return {
      searchRows: rows,
      plan,
      perLookupMs: round(perLookupMs),
      scanningEvents: updates,
      projectionLooksUpByItemId: stillScans,
    };
  } finally {
    db.close();
  }
};

// ── R1: the seeded store through backup / restore, SQLite → PostgreSQL → SQLite ─────────────────────────
// Before anything writes to the store: the PostgreSQL copy it leaves is B6-pg's store, equal to B6's.
let pgStoreUrl = null;
if (pgFigures && seed && (wants('R1') || wants('B6'))) {
  await section(['R1'], async () => {
    pgStoreUrl = await pgFigures.r1BackupRoundTrip({ cluster, work, mainDir, add, seed });
  });
}

// ── B4 ──────────────────────────────────────────────────────────────────────────────────────────────────
if (needsStore) {
  await section(['B4'], async () => {
    const eventsDb = join(mainDir, 'events.db');
    let rawResult = null;
    let ours = null;
    if (wants('B4')) {
      log('B4: rebuild, raw batched inserts (the limit)');
      rawResult = await runWorker('rebuild', [
        '--events-db',
        eventsDb,
        '--data-dir',
        freshDir(join(work, 'b4-raw')),
        '--mode',
        'raw',
      ]);
      log(`B4 raw ${rawResult.perSecond} events/s`);
      rmSync(join(work, 'b4-raw'), { recursive: true, force: true });
      log(
        `B4: rebuild, ours (production path), stopped after ${SETTINGS.b4.deadlineSeconds} s if unfinished`,
      );
      ours = await runWorker('rebuild', [
        '--events-db',
        eventsDb,
        '--data-dir',
        freshDir(join(work, 'b4-ours')),
        '--mode',
        'ours',
        '--deadline-seconds',
        SETTINGS.b4.deadlineSeconds,
      ]);
      log(
        `B4 ours ${ours.perSecond} events/s over ${ours.events} events (${ours.finished ? 'finished' : 'unfinished'})`,
      );
      rmSync(join(work, 'b4-ours'), { recursive: true, force: true });
    }
    log(
      "building the servers' read model (the same rebuild; item_id lookups of claim_search redirected to the rowid if this build still has them)",
    );
    const fixture = await runWorker('rebuild', [
      '--events-db',
      eventsDb,
      '--data-dir',
      mainDir,
      '--mode',
      'fixture',
    ]);
    log(`read model built: ${fixture.perSecond} events/s`);
    if (wants('B4')) {
      const lookup = searchLookupDiagnostic(mainDir);
      raw.B4 = { raw: rawResult, ours, fixture, lookup };
      add(
        {
          id: 'B4',
          title: `rebuild the read model from ${seed.events.toLocaleString('en-US')} events`,
          status: ours.finished ? 'measured' : 'unfinished',
          value: ours.perSecond,
          unit: 'events/s',
          ratios: { raw: round(ours.perSecond / rawResult.perSecond) },
          p50: null,
          p99: null,
          peakRssMb: ours.peakRssMb,
          compared: { raw: { perSecond: rawResult.perSecond, peakRssMb: rawResult.peakRssMb } },
          diagnostics: {
            path: ours.path,
            finished: ours.finished,
            eventsRebuilt: ours.events,
            withSearchLookupByRowid: {
              perSecond: fixture.perSecond,
              ratioToRaw: round(fixture.perSecond / rawResult.perSecond),
              peakRssMb: fixture.peakRssMb,
            },
            claimSearchLookup: lookup,
          },
          notes: [
            `Production path: ${ours.path}, in a worker pinned to core 1; ${ours.finished ? `all ${ours.events.toLocaleString('en-US')} events` : `UNFINISHED: ${ours.events.toLocaleString('en-US')} of ${seed.events.toLocaleString('en-US')} events in ${ours.seconds} s, so the value is the rate reached so far (and it falls as the log grows)`}.`,
            `raw = the same rows inserted straight from the events table, 500 events per transaction: ${rawResult.perSecond} events/s.`,
            lookup.projectionLooksUpByItemId
              ? `At this size one claim_search lookup by item_id takes ${lookup.perLookupMs} ms (${lookup.plan}; ${lookup.searchRows.toLocaleString('en-US')} rows); ${lookup.scanningEvents.toLocaleString('en-US')} events (ClaimRevised, EvidenceWithdrawn) each run one.`
              : `This build's claims projection no longer looks claim_search rows up by item_id (a scan: ${lookup.perLookupMs} ms per lookup at this size, ${lookup.plan}).`,
            lookup.projectionLooksUpByItemId
              ? `The same rebuild with those lookups redirected to the rowid (bench-only, identical read model) ran ${fixture.perSecond} events/s (${round(fixture.perSecond / rawResult.perSecond)}× raw), peak RSS ${fixture.peakRssMb} MB.`
              : `The servers' fixture rebuild ran ${fixture.perSecond} events/s (${round(fixture.perSecond / rawResult.perSecond)}× raw), peak RSS ${fixture.peakRssMb} MB.`,
            `Peak RSS is the worker's resident set (Node baseline ≈ ${ours.baselineRssMb} MB included).`,
          ],
        },
        [
          { text: '≥ 50,000 events/s', check: (f) => f.status === 'measured' && f.value >= 50_000 },
          { text: '≥ 0.25 × raw', check: (f) => f.status === 'measured' && f.ratios.raw >= 0.25 },
          { text: 'peak RSS < 400 MB', check: (f) => f.peakRssMb < 400 },
        ],
      );
    }
  });
}

// ── B5 + B8 ─────────────────────────────────────────────────────────────────────────────────────────────
let b8 = null;
if (wants('B5') || wants('B8')) {
  await section(['B5', 'B8'], async () => {
    log(
      'B5: GraphQL claims(first: 20) over HTTP, 32 connections: ours / Apollo on Express / bare Fastify+Mercurius',
    );
    const kinds = wants('B5') ? ['ours', 'apollo', 'bare'] : ['ours'];
    const checkBodies = {};
    const results = await rounds(SETTINGS.b5.rounds, kinds, async (kind, turn) => {
      const server = await startServer({
        dir: work,
        kind,
        dataDir: mainDir,
        name: `${mode}-b5-${kind}-${turn}`,
      });
      try {
        const probe = await graphql(server.graphqlUrl, seed.token, B5_QUERY, { first: 20 });
        if (probe.errors || probe.data?.claims?.edges?.length !== 20)
          throw new Error(`${kind}: bad answer ${JSON.stringify(probe).slice(0, 500)}`);
        checkBodies[kind] = probe.bytes;
        const stopSampling = kind === 'ours' ? sampleMemory(server.pid) : null;
        const result = await loadTest({
          url: server.graphqlUrl,
          token: seed.token,
          body: B5_BODY,
          connections: 32,
          seconds: SETTINGS.b5.seconds,
          warmupSeconds: SETTINGS.b5.warmup,
        });
        if (stopSampling) result.memory = stopSampling();
        log(
          `B5 ${kind}: ${result.perSecond} req/s p50 ${result.p50Ms} ms p99 ${result.p99Ms} ms${result.memory ? `, RSS peak ${round(result.memory.peakRssMb)} MB` : ''}${result.graphqlErrors ? `, ${result.graphqlErrors} errors: ${result.firstError}` : ''}`,
        );
        return result;
      } finally {
        await server.stop();
      }
    });
    raw.B5 = results;
    const rate = (kind) => medianOf(results[kind], 'perSecond');
    const errors = Object.values(results)
      .flat()
      .reduce((sum, result) => sum + result.graphqlErrors + result.non2xx + result.errors, 0);
    if (wants('B5')) {
      add(
        {
          id: 'B5',
          title: 'GraphQL claims(first: 20) with evidence and relations, HTTP, 32 connections',
          value: round(rate('ours')),
          unit: 'req/s',
          ratios: { apollo: round(rate('ours') / rate('apollo')), bare: round(rate('ours') / rate('bare')) },
          p50: medianOf(results.ours, 'p50Ms'),
          p99: medianOf(results.ours, 'p99Ms'),
          compared: Object.fromEntries(
            ['apollo', 'bare'].map((kind) => [
              kind,
              {
                perSecond: round(rate(kind)),
                p50: medianOf(results[kind], 'p50Ms'),
                p99: medianOf(results[kind], 'p99Ms'),
              },
            ]),
          ),
          diagnostics: { responseBytes: checkBodies, errors },
          notes: [
            `Store of ${seed.events.toLocaleString('en-US')} events (${seed.claims.toLocaleString('en-US')} claims). autocannon in the orchestrator on core 0, ${SETTINGS.b5.warmup} s warm-up then ${SETTINGS.b5.seconds} s; each server alone on core 1, logging one JSON line per request to a file; ${SETTINGS.b5.rounds} round(s), median.`,
            `Apollo = bench/servers/apollo-app.mjs: AppModule's feature modules and resolver classes with ApolloDriver on @nestjs/platform-express; bare = bench/servers/bare-server.mjs: Fastify + Mercurius (jit) with a hand-written schema and the same SQL, statements prepared once.`,
            `Response sizes (one probe): ${Object.entries(checkBodies)
              .map(([kind, bytes]) => `${kind} ${bytes} B`)
              .join(', ')}; ${errors} errors or non-2xx during the load.`,
          ],
        },
        [
          { text: '≥ 3 × Apollo', check: (f) => f.ratios.apollo >= 3 },
          { text: '≥ 0.6 × bare', check: (f) => f.ratios.bare >= 0.6 },
        ],
      );
    }
    const memory = results.ours.map((result) => result.memory).filter(Boolean);
    b8 = {
      peakRssMb: Math.max(...memory.map((sample) => sample.peakRssMb)),
      medianRssMb: median(memory.map((sample) => sample.medianRssMb)),
      hwmMb: Math.max(...memory.map((sample) => sample.hwmMb)),
    };
    add(
      {
        id: 'B8',
        title: `server memory, ${seed.events.toLocaleString('en-US')}-event store, under B5's load`,
        value: round(b8.peakRssMb),
        unit: 'MB RSS (peak)',
        ratios: {},
        p50: null,
        p99: null,
        diagnostics: b8,
        notes: [
          `RSS of the ours server (main.js) sampled every 250 ms from /proc during B5's load: peak ${round(b8.peakRssMb)} MB, median ${round(b8.medianRssMb)} MB; VmHWM (peak since start, start-up included) ${round(b8.hwmMb)} MB.`,
          mode === 'quick' ? `Quick mode: ${seed.events.toLocaleString('en-US')} events, not 1,000,000.` : '',
        ],
      },
      [{ text: 'RSS < 300 MB', check: (f) => f.value < 300 }],
    );
  });
}

// ── B7 ──────────────────────────────────────────────────────────────────────────────────────────────────
if (wants('B7')) {
  await section(['B7'], async () => {
    let b7Dir = mainDir;
    let b7Seed = seed;
    if (SETTINGS.b7.events !== SETTINGS.events) {
      b7Dir = freshDir(join(work, 'store-b7'));
      log(`B7: seeding ${SETTINGS.b7.events.toLocaleString('en-US')} events`);
      b7Seed = await runWorker('seed', ['--dir', b7Dir, '--events', SETTINGS.b7.events, '--seed', 9]);
      await runWorker('rebuild', [
        '--events-db',
        join(b7Dir, 'events.db'),
        '--data-dir',
        b7Dir,
        '--mode',
        'fixture',
      ]);
    }
    log('B7: claim(atVersion:) and argumentGraph(asOf:) against claim(id) from the read model');
    const pointer = join(b7Dir, 'read-model.current');
    const readModel = new Database(
      join(b7Dir, existsSync(pointer) ? readFileSync(pointer, 'utf8').trim() : 'read-model.db'),
      { readonly: true },
    );
    const samples = readModel
      .prepare(
        "SELECT id, version FROM claims WHERE version >= 4 AND status != 'RETRACTED' ORDER BY random() LIMIT 500",
      )
      .all();
    readModel.close();
    const server = await startServer({ dir: work, kind: 'ours', dataDir: b7Dir, name: `${mode}-b7` });
    const figure = {
      id: 'B7',
      title: `claim(atVersion:) and argumentGraph(asOf:) over a ${b7Seed.events.toLocaleString('en-US')}-event log`,
      unit: 'ms (claim atVersion p50)',
      ratios: {},
      notes: [],
    };
    try {
      const probeClaim = await graphql(server.graphqlUrl, b7Seed.token, B7_CLAIM_AT, {
        id: samples[0].id,
        v: 2,
      });
      const probeGraph = await graphql(server.graphqlUrl, b7Seed.token, B7_GRAPH_AT, { t: b7Seed.midTime });
      const notServed = [probeClaim, probeGraph]
        .map((result) => result.errors?.[0])
        .find((error) => error && /not served by this version yet/i.test(error.message));
      if (notServed) {
        Object.assign(figure, {
          status: 'pending',
          pendingReason: `${notServed.extensions?.code ?? 'error'} "${notServed.message}"`,
          value: null,
          p50: null,
          p99: null,
        });
        figure.notes.push(
          'Time travel answered "not served by this version yet": recorded as pending; the harness measures it as soon as the feature is built.',
        );
        log(`B7 pending: ${notServed.message}`);
      } else {
        for (const probe of [probeClaim, probeGraph])
          if (probe.errors) throw new Error(`B7 probe failed: ${JSON.stringify(probe.errors).slice(0, 500)}`);
        const pickClaim = (index) => samples[index % samples.length];
        const readModelLatency = await sequentialLatency({
          url: server.graphqlUrl,
          token: b7Seed.token,
          count: SETTINGS.b7.claimSamples,
          make: (index) => ({ query: B7_CLAIM, variables: { id: pickClaim(index).id } }),
        });
        const atVersion = await sequentialLatency({
          url: server.graphqlUrl,
          token: b7Seed.token,
          count: SETTINGS.b7.claimSamples,
          budgetSeconds: SETTINGS.b7.budgetSeconds,
          minCount: 20,
          make: (index) => ({
            query: B7_CLAIM_AT,
            variables: { id: pickClaim(index).id, v: Math.max(1, Math.floor(pickClaim(index).version / 2)) },
          }),
        });
        const graphAt = await sequentialLatency({
          url: server.graphqlUrl,
          token: b7Seed.token,
          count: SETTINGS.b7.graphSamples,
          warmup: 1,
          budgetSeconds: SETTINGS.b7.budgetSeconds,
          minCount: 3,
          make: () => ({ query: B7_GRAPH_AT, variables: { t: b7Seed.midTime } }),
        });
        raw.B7 = { readModelLatency, atVersion, graphAt };
        log(
          `B7 claim(id) p50 ${readModelLatency.p50Ms} ms; claim(atVersion) p50 ${atVersion.p50Ms} ms; argumentGraph(asOf) p50 ${graphAt.p50Ms} ms`,
        );
        Object.assign(figure, {
          status: 'measured',
          value: atVersion.p50Ms,
          p50: atVersion.p50Ms,
          p99: atVersion.p99Ms,
          ratios: { readModel: round(readModelLatency.p50Ms / atVersion.p50Ms) },
          argumentGraphAsOf: {
            p50: graphAt.p50Ms,
            p99: graphAt.p99Ms,
            bytesPerResponse: graphAt.bytesPerResponse,
          },
          compared: { readModel: { p50: readModelLatency.p50Ms, p99: readModelLatency.p99Ms } },
          diagnostics: {
            errors: readModelLatency.errors + atVersion.errors + graphAt.errors,
            firstError: readModelLatency.firstError ?? atVersion.firstError ?? graphAt.firstError,
          },
        });
        figure.notes.push(
          `Sequential requests over HTTP (one at a time, after warm-up) to the ours server pinned to core 1: ${readModelLatency.count} claim(id) from the read model and ${atVersion.count} claim(id, atVersion: ⌊version/2⌋) over random claims with ≥ 4 events; ${graphAt.count} argumentGraph(asOf: the moment half the log was written) over every claim (${graphAt.bytesPerResponse.toLocaleString('en-US')} B per answer). Slow series stop after ${SETTINGS.b7.budgetSeconds} s.`,
          `claim(id) from the read model: p50 ${readModelLatency.p50Ms} ms, p99 ${readModelLatency.p99Ms} ms. argumentGraph(asOf): p50 ${graphAt.p50Ms} ms, p99 ${graphAt.p99Ms} ms.`,
          `The readModel ratio is a latency ratio (read model p50 ÷ time travel p50): below 1 means time travel is slower than the read model.`,
        );
      }
    } finally {
      await server.stop();
    }
    add(figure, [
      { text: 'claim(atVersion) p50 < 5 ms', check: (f) => f.p50 < 5 },
      { text: 'argumentGraph(asOf) p50 < 500 ms', check: (f) => f.argumentGraphAsOf.p50 < 500 },
    ]);
  });
}

// ── B6 (last: it writes to the store) ───────────────────────────────────────────────────────────────────
let b6Result = null;
let b6ClaimIds = null;
if (wants('B6')) {
  await section(['B6'], async () => {
    log('B6: attachEvidence mutations over HTTP, FULL, 32 connections, many claims');
    const pointer = join(mainDir, 'read-model.current');
    const readModel = new Database(
      join(mainDir, existsSync(pointer) ? readFileSync(pointer, 'utf8').trim() : 'read-model.db'),
      { readonly: true },
    );
    const claimIds = readModel
      .prepare("SELECT id FROM claims WHERE status != 'RETRACTED' ORDER BY random() LIMIT ?")
      .pluck()
      .all(SETTINGS.b6.claims);
    readModel.close();
    const server = await startServer({ dir: work, kind: 'ours', dataDir: mainDir, name: `${mode}-b6` });
    let result;
    try {
      const body = (index) =>
        JSON.stringify({
          query: B6_MUTATION,
          variables: {
            input: {
              claimId: claimIds[index % claimIds.length],
              stance: index % 3 ? 'SUPPORTS' : 'UNDERMINES',
              summary: `Benchmark evidence ${index}: the communique's wording on transport corridors`,
              citation: {
                title: 'Dushanbe summit communique',
                url: `https://example.org/communique/${index}`,
              },
              reliability: 0.7,
            },
          },
        });
      const probe = await graphql(server.graphqlUrl, seed.token, B6_MUTATION, JSON.parse(body(0)).variables);
      if (probe.errors) throw new Error(`B6 probe failed: ${JSON.stringify(probe.errors).slice(0, 500)}`);
      result = await loadTest({
        url: server.graphqlUrl,
        token: seed.token,
        body,
        connections: 32,
        seconds: SETTINGS.b6.seconds,
        warmupSeconds: SETTINGS.b6.warmup,
      });
    } finally {
      await server.stop();
    }
    raw.B6 = result;
    b6Result = result;
    b6ClaimIds = claimIds;
    log(
      `B6 ${result.perSecond} mutations/s p50 ${result.p50Ms} ms p99 ${result.p99Ms} ms${result.graphqlErrors ? `, ${result.graphqlErrors} errors: ${result.firstError}` : ''}`,
    );
    add(
      {
        id: 'B6',
        title: 'attachEvidence mutations end to end over HTTP, FULL, 32 connections, many claims',
        value: result.perSecond,
        unit: 'mutations/s',
        ratios: b1Rate ? { b1SingleWriter: round(result.perSecond / b1Rate) } : {},
        p50: result.p50Ms,
        p99: result.p99Ms,
        diagnostics: {
          errors: result.graphqlErrors + result.non2xx + result.errors,
          firstError: result.firstError,
          claims: claimIds.length,
        },
        notes: [
          `attachEvidence on ${claimIds.length.toLocaleString('en-US')} random live claims of the ${seed.events.toLocaleString('en-US')}-event store (round-robin), each answered after the read model applied it (read-your-writes); ${SETTINGS.b6.warmup} s warm-up then ${SETTINGS.b6.seconds} s; ${result.graphqlErrors + result.non2xx} errors.`,
        ],
      },
      [
        { text: '≥ 2,000 mutations/s', check: (f) => f.value >= 2000 },
        { text: 'p99 < 50 ms', check: (f) => f.p99 < 50 },
      ],
    );
  });
}

if (pgFigures && pgStoreUrl && b6ClaimIds && wants('B6')) {
  await section(['B6-pg', 'B6-pg×2'], () =>
    pgFigures.b6Postgres({
      work,
      pgUrl: pgStoreUrl,
      claimIds: b6ClaimIds,
      token: seed.token,
      settings: SETTINGS,
      add,
      raw,
      b6Sqlite: b6Result,
      machine,
    }),
  );
}
if (cluster) {
  cluster.stop();
  cluster = null;
}

// ── profiles (optional) ─────────────────────────────────────────────────────────────────────────────────
// CPU profiles of each server under B5's load and of ours under B6's: self time per function and per
// package, and the busy CPU time per request (what the ratios come from, without the machine's noise).
const profiles = {};
if (options.profile && seed) {
  await section(['profiles'], async () => {
    const pointer = join(mainDir, 'read-model.current');
    const readModel = new Database(
      join(mainDir, existsSync(pointer) ? readFileSync(pointer, 'utf8').trim() : 'read-model.db'),
      { readonly: true },
    );
    const ids = readModel
      .prepare("SELECT id FROM claims WHERE status != 'RETRACTED' ORDER BY random() LIMIT 2000")
      .pluck()
      .all();
    readModel.close();
    const mutation = (index) =>
      JSON.stringify({
        query: B6_MUTATION,
        variables: {
          input: {
            claimId: ids[index % ids.length],
            stance: 'SUPPORTS',
            summary: `Profiled evidence ${index}`,
            citation: { title: 'Profile' },
            reliability: 0.5,
          },
        },
      });
    for (const [label, kind, body] of [
      ['B5-ours', 'ours', B5_BODY],
      ['B5-apollo', 'apollo', B5_BODY],
      ['B5-bare', 'bare', B5_BODY],
      ['B6-ours', 'ours', mutation],
    ]) {
      log(`profiling ${kind} under ${label.slice(0, 2)}'s load`);
      const server = await startServer({
        kind,
        dataDir: mainDir,
        name: `${mode}-profile-${label}`,
        profile: true,
      });
      const result = await loadTest({
        url: server.graphqlUrl,
        token: seed.token,
        body,
        connections: 32,
        seconds: SETTINGS.profileSeconds,
        warmupSeconds: 2,
      });
      await server.stop();
      const file = readdirSync(server.profileDir)
        .filter((name) => name.endsWith('.cpuprofile'))
        .map((name) => join(server.profileDir, name))
        .at(-1);
      const summary = summarizeProfile(file, 30);
      // Warm-up and start-up are in the profile too; requests counted over both load phases.
      const requests = result.requests + Math.round(result.perSecond * 2);
      profiles[label] = {
        perSecondWhileProfiled: result.perSecond,
        busyCpuMsPerRequest: round(summary.busyMs / requests, 3),
        file,
        ...summary,
      };
      log(
        `${label}: ${result.perSecond} req/s while profiled, ≈ ${profiles[label].busyCpuMsPerRequest} ms CPU per request`,
      );
    }
  });
}

// ── results ─────────────────────────────────────────────────────────────────────────────────────────────
machine.loadAverageAtEnd = loadavg().map((value) => round(value, 3));
// The disk's fsync latency moves a lot on a shared host (measured from 0.05 ms to 4 ms p50 within minutes
// here): measured again at the end, so the spread is on record beside the fsync-bound figures.
machine.fsyncAtEnd = measureFsync(SETTINGS.fsyncSamples);
const order = ['B1', 'B1-pg', 'B2', 'B2-pg', 'B3', 'B4', 'B5', 'B6', 'B6-pg', 'B6-pg×2', 'B7', 'B8', 'R1'];
figures.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
const result = {
  mode,
  finishedAt: new Date().toISOString(),
  seconds: round((performance.now() - started) / 1000, 4),
  scaleNote,
  machine,
  figures,
  ...(Object.keys(profiles).length ? { profiles } : {}),
  raw,
};
if (only) {
  // A partial run (--only) does not replace the record of a whole run.
  writeFileSync(
    join(RESULTS_DIR, 'partial.json'),
    `${JSON.stringify({ ...result, only: [...only] }, null, 2)}\n`,
  );
  log(
    `done in ${round(result.seconds / 60, 3)} min; partial run (--only): bench/results/partial.json written`,
  );
} else {
  writeResults(result);
  log(`done in ${round(result.seconds / 60, 3)} min; bench/results/latest.json and bench/RESULTS.md written`);
}
for (const figure of figures) {
  const ratios = Object.entries(figure.ratios)
    .map(([name, value]) => `${value}× ${name}`)
    .join(', ');
  log(
    `${figure.id} ${figure.status === 'pending' ? 'pending' : `${figure.value} ${figure.unit}`} ${ratios ? `(${ratios})` : ''} ${figure.targets.length === 0 ? '(no target)' : figure.met === true ? 'MET' : figure.met === false ? 'MISSED' : 'pending'}`,
  );
}
ensureDir(TMP_DIR);
if (!options.keep) rmSync(work, { recursive: true, force: true });
