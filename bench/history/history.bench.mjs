// Time travel benchmark: folds a long claim and labels the argument graph as of a time over a 100,000-event
// log, on the embedded SQLite store. Run after a build:
//
//   npx tsc -p tsconfig.build.json && node bench/history/history.bench.mjs [events=100000]
//
// The log is written through the store's append (group commit), with valid claim events for the real fold;
// the measured code is the server's (dist/claims/history). Nothing is cached between runs but what the server keeps
// too: the reader's graph checkpoints (the "cold" lines use a reader of their own per run, without any).
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SqliteEventStore } from '../../dist/event-store/sqlite/sqlite-event-store.js';
import { newId } from '../../dist/event-sourcing/ids.js';
import { ArgumentGraphState } from '../../dist/claims/history/argument-graph.state.js';
import { ClaimAtService } from '../../dist/claims/history/claim-at.service.js';
import { GraphAtService } from '../../dist/claims/history/graph-at.service.js';
import { EventStoreHistoryReader } from '../../dist/claims/history/history.reader.js';
import { SqliteHistoryReader } from '../../dist/claims/history/sqlite-history.reader.js';

const TARGET_EVENTS = Number(process.argv[2] ?? 100_000);
const EVENTS_PER_CLAIM = 50;
const LONG_CLAIM_EVENTS = 1_000;
const RUNS = Number(process.env.RUNS ?? 15);

const actors = [
  { id: 'alice', role: 'ANALYST' },
  { id: 'bob', role: 'ANALYST' },
  { id: 'erin', role: 'EDITOR' },
];
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = (items) => items[Math.floor(random() * items.length)];

const event = (type, data, by = pick(actors)) => {
  const at = new Date().toISOString();
  return {
    eventId: randomUUID(),
    type,
    data: { ...data, at, by },
    metadata: {
      actorId: by.id,
      actorRole: by.role,
      reason: data.reason ?? null,
      correlationId: randomUUID(),
      causationId: null,
      idempotencyKey: null,
      occurredAt: at,
      schemaVersion: 1,
    },
  };
};

/** A claim's life in valid events: evidence (some withdrawn), counterpoints (some resolved), tags, revisions, links, an unlink, an assessment, sometimes a retraction. */
const script = (claimId, length, earlier) => {
  const events = [
    event('ClaimProposed', {
      claimId,
      statement: `Claim ${claimId}: the summit changed the region`,
      tags: ['summit'],
      attributedTo: null,
      anchor: null,
      note: null,
    }),
  ];
  const evidence = [];
  const open = [];
  const links = [];
  let statement = events[0].data.statement;
  let tags = ['summit'];
  while (events.length < length - 1) {
    const roll = random();
    if (roll < 0.45) {
      const evidenceId = newId('evidence');
      evidence.push(evidenceId);
      events.push(
        event('EvidenceAttached', {
          claimId,
          evidenceId,
          stance: random() < 0.7 ? 'SUPPORTS' : 'UNDERMINES',
          summary: 'CSTO exercises in 2025 still ran under Russian command, as the communique shows',
          citation: {
            url: 'https://example.org/communique',
            title: 'Communique',
            publisher: null,
            author: null,
            publishedAt: null,
            accessedAt: null,
            quote: null,
          },
          reliability: 0.8,
        }),
      );
    } else if (roll < 0.55 && evidence.length > 0) {
      events.push(
        event('EvidenceWithdrawn', {
          claimId,
          evidenceId: evidence.shift(),
          reason: 'Duplicate of another entry',
        }),
      );
    } else if (roll < 0.65) {
      const counterpointId = newId('counterpoint');
      open.push(counterpointId);
      events.push(
        event('CounterpointRaised', {
          claimId,
          counterpointId,
          text: 'Trade with Russia grew in 2024, so dependence did not fall',
          citation: null,
        }),
      );
    } else if (roll < 0.73 && open.length > 0) {
      events.push(
        event('CounterpointResolved', {
          claimId,
          counterpointId: open.shift(),
          resolution: pick(['ANSWERED', 'CONCEDED', 'DISMISSED']),
          response: 'Growth in trade is not dependence',
        }),
      );
    } else if (roll < 0.8) {
      const tag = `topic-${Math.floor(random() * 30)}`;
      const added = tags.includes(tag) ? [] : [tag];
      const removed = tags.includes(tag) ? [tag] : [];
      tags = [...tags.filter((existing) => !removed.includes(existing)), ...added];
      events.push(event('ClaimTagged', { claimId, added, removed }));
    } else if (roll < 0.86) {
      const next = `${statement.slice(0, 60)} (rev ${events.length})`;
      events.push(
        event('ClaimRevised', { claimId, statement: next, previousStatement: statement, reason: 'Sharper' }),
      );
      statement = next;
    } else if (roll < 0.95 && earlier.length > 0) {
      const toClaimId = pick(earlier);
      const kind = pick(['ATTACKS', 'SUPPORTS', 'UNDERCUTS', 'REFINES', 'ATTACKS']);
      if (links.some((link) => link.toClaimId === toClaimId && link.kind === kind)) continue;
      links.push({ toClaimId, kind });
      events.push(event('ClaimLinked', { claimId, toClaimId, kind, rationale: null }));
    } else if (roll < 0.97 && links.length > 0) {
      const { toClaimId, kind } = links.shift();
      events.push(event('ClaimUnlinked', { claimId, toClaimId, kind, reason: 'Not an attack after all' }));
    } else {
      events.push(
        event(
          'ClaimAssessed',
          { claimId, verdict: 'MISLEADING', confidence: 0.7, rationale: 'Overstates the change' },
          actors[2],
        ),
      );
    }
  }
  events.push(
    random() < 0.05
      ? event('ClaimRetracted', { claimId, reason: 'Misread the op-ed' }, actors[2])
      : event('ClaimTagged', { claimId, added: ['argued'], removed: [] }),
  );
  return events;
};

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const p95 = (values) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(values.length * 0.95) - 1)];
// Wall time and this process's CPU time (user + system): on a shared machine the second is the steadier one.
const measure = async (label, run, runs = RUNS) => {
  await run(); // warm-up: statements prepared, code optimised
  const times = [];
  const cpu = [];
  let result;
  for (let index = 0; index < runs; index++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    result = await run();
    times.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  const ms = (value) => value.toFixed(2).padStart(8);
  console.log(
    `${label.padEnd(70)} | wall median ${ms(median(times))} p95 ${ms(p95(times))} | cpu median ${ms(median(cpu))} ms`,
  );
  return result;
};

// KEEP_DIR=path writes the log there and leaves it, for profiling (whatever was there is replaced).
const keep = process.env.KEEP_DIR;
if (keep) rmSync(join(keep, 'events.db'), { force: true });
const dir = keep ?? mkdtempSync(join(tmpdir(), 'history-bench-'));
const store = SqliteEventStore.open({ file: join(dir, 'events.db'), synchronous: 'NORMAL' });
try {
  const claims = Math.round((TARGET_EVENTS - LONG_CLAIM_EVENTS) / EVENTS_PER_CLAIM);
  const claimIds = Array.from({ length: claims }, () => newId('claim'));
  const longClaim = newId('claim');
  const scripts = claimIds.map((claimId, index) => ({
    claimId,
    events: script(claimId, EVENTS_PER_CLAIM, claimIds.slice(Math.max(0, index - 200), index)),
  }));
  scripts.push({ claimId: longClaim, events: script(longClaim, LONG_CLAIM_EVENTS, claimIds.slice(0, 50)) });

  // Interleaved rounds, as claims are argued in parallel: every claim's next few events per round.
  const written = performance.now();
  const rounds = [];
  for (let round = 0, more = true; more; round++) {
    more = false;
    const appends = [];
    for (const { claimId, events } of scripts) {
      const slice = events.slice(round * 5, round * 5 + 5);
      if (slice.length === 0) continue;
      more = true;
      appends.push(store.append(`claim-${claimId}`, slice));
    }
    if (appends.length === 0) break;
    await Promise.all(appends);
    rounds.push({ round, head: await store.headPosition(), time: new Date(Date.now()) });
    await new Promise((resolve) => setTimeout(resolve, 3));
  }
  const head = await store.headPosition();
  console.log(
    `log: ${head} events, ${scripts.length} claims (one of ${LONG_CLAIM_EVENTS} events), ${rounds.length} rounds, written in ${((performance.now() - written) / 1000).toFixed(1)} s`,
  );
  console.log(
    `node ${process.version}, ${process.platform} ${process.arch}; median and p95 of ${RUNS} runs after a warm-up\n`,
  );

  // The time by which half of the log had been written.
  const middle = rounds.find((round) => round.head >= head / 2n).time;
  const end = new Date(Date.now() + 1000);
  const sqlite = new SqliteHistoryReader(store);
  const port = new EventStoreHistoryReader(store);
  const claimsAt = new ClaimAtService(sqlite);
  const graphs = new GraphAtService(sqlite);

  // Every field of a view read, as a query asking for all of them would; and the claims at the ends of its
  // relations, as the B7 query asks for `relations { from { id } to { id } }`.
  const everyField = (view) =>
    view && [
      view.statement,
      view.status,
      view.tags,
      view.version,
      view.updatedAt,
      view.counterpoints.length,
      view.evidence.length,
      view.relations.length,
    ];
  const withEnds = async (view) => {
    everyField(view);
    for (const relation of view?.relations ?? [])
      for (const end of [relation.fromId, relation.toId]) await relation.claimAt(end);
    return view;
  };
  const whole = await measure(
    `claim(id, atVersion: ${LONG_CLAIM_EVENTS}), every field, relations' ends`,
    async () => withEnds(await claimsAt.claimAt(longClaim, { atVersion: LONG_CLAIM_EVENTS })),
  );
  if (whole.version !== LONG_CLAIM_EVENTS) throw new Error(`folded version ${whole.version}`);
  console.log(
    `    → ${whole.acceptability}, ${whole.relations.length} relations, ${whole.evidence.length} evidence`,
  );
  await measure(`the same claim at version 500`, async () =>
    withEnds(await claimsAt.claimAt(longClaim, { atVersion: 500 })),
  );
  await measure(`positionAt(asOf) on the recorded_at index`, () => store.positionAt(middle));
  await measure(
    `positionAt(asOf) by scanning readAll (adapters without it)`,
    () => new EventStoreHistoryReader({ readAll: (options) => store.readAll(options) }).positionAt(middle),
    5,
  );
  const middlePosition = await store.positionAt(middle);
  await measure(`claim(id, asOf: middle) of a 50-event claim, relations' ends`, async () =>
    withEnds(await claimsAt.claimAt(claimIds[10], { asOf: middle.toISOString() })),
  );
  await measure(`claim(id, atVersion: 25) of 50-event claims, relations' ends`, async () => {
    for (const claimId of claimIds.slice(100, 110))
      await withEnds(await claimsAt.claimAt(claimId, { atVersion: 25 }));
  }); // ten claims per run

  // A reader of its own per run: no checkpoint yet, the graph folded from the start of the log.
  await measure(
    `argumentGraph(asOf: middle), ${middlePosition} events, cold (no checkpoint)`,
    async () => {
      const reader = new SqliteHistoryReader(store);
      try {
        return await new GraphAtService(reader).graphAt(null, 3, middle.toISOString());
      } finally {
        reader.onApplicationShutdown();
      }
    },
    5,
  );
  const graphMiddle = await measure(
    `argumentGraph(asOf: middle), ${middlePosition} events, from a checkpoint`,
    () => graphs.graphAt(null, 3, middle.toISOString()),
  );
  console.log(`    → ${graphMiddle.nodes.length} nodes, ${graphMiddle.edges.length} edges`);
  const graphEnd = await measure(`argumentGraph(asOf: now), ${head} events, from a checkpoint`, () =>
    graphs.graphAt(null, 3, end.toISOString()),
  );
  console.log(`    → ${graphEnd.nodes.length} nodes, ${graphEnd.edges.length} edges`);
  await measure(`the same, every node's statement and version read`, async () => {
    const graph = await graphs.graphAt(null, 3, end.toISOString());
    let read = 0;
    for (const node of graph.nodes) read += node.statement.length + node.version;
    return read;
  });
  const rooted = await measure(`argumentGraph(rootId, depth: 2, asOf: now), ${head} events`, () =>
    graphs.graphAt(claimIds[claims - 1], 2, end.toISOString()),
  );
  console.log(`    → ${rooted.nodes.length} nodes, ${rooted.edges.length} edges`);
  await measure(
    `the same through the port alone (what EventStoreDB gets), cold`,
    () =>
      new GraphAtService(new EventStoreHistoryReader(store)).graphAt(
        claimIds[claims - 1],
        2,
        end.toISOString(),
      ),
    5,
  );
  await measure(`  parts: graph events up to the position (SQL, json_extract)`, () =>
    sqlite.graphEvents(head),
  );
  await measure(`  parts: the same through the port (readAll pages)`, () => port.graphEvents(head), 5);
  await measure(`  parts: every claim's stream but its evidence, one pass (SQL)`, () =>
    sqlite.claimStreams(head, 'all'),
  );
  const graphEvents = await sqlite.graphEvents(head);
  await measure(`  parts: folding ${graphEvents.length} graph events`, async () =>
    ArgumentGraphState.fold(graphEvents),
  );
  await measure(`  parts: the same and grounded labels of the whole graph`, async () =>
    ArgumentGraphState.fold(graphEvents).labelling(),
  );
  await measure(`  parts: the graph at the head from a checkpoint, and its labels`, async () =>
    (await sqlite.graphAt(head)).labelling(),
  );
} finally {
  await store.close();
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
