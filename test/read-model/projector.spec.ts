import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ClaimCommand } from '../../src/claims/domain/claim.decider.js';
import { claimDecider } from '../../src/claims/domain/claim.decider.js';
import { fold } from '../../src/event-sourcing/decider.js';
import type { ClaimEvent } from '../../src/claims/domain/claim.events.js';
import type { RelationKind } from '../../src/claims/domain/claim.values.js';
import type { NewEvent } from '../../src/event-sourcing/event-store.js';
import { handleCommand } from '../../src/event-sourcing/handle-command.js';
import { newId } from '../../src/event-sourcing/ids.js';
import type { Projection } from '../../src/read-model/projection.js';
import { PROJECTIONS } from '../../src/projections.js';
import { readCheckpoint, writeCheckpoint } from '../../src/read-model/read-model.database.js';
import {
  alice,
  attachEvidence,
  claimStream,
  dumpReadModel,
  linkClaims,
  memoryLogger,
  proposeClaim,
  raiseCounterpoint,
  rawClaimEvent,
  respondToCounterpoint,
  retractClaim,
  stamp,
} from '../support/claim-helpers.js';
import { buildDebate } from '../support/debate-workload.js';
import {
  applyDirectly,
  labelsFromScratch,
  ReadModelEnv,
  storedLabels,
  until,
} from '../support/read-model-env.js';

/** The projector against a real SQLite event store and real SQLite read models on temp files. */
describe('Projector (real SQLite store and read model)', () => {
  let env: ReadModelEnv;
  beforeEach(() => {
    env = new ReadModelEnv();
  });
  afterEach(async () => {
    await env.close();
  });

  const run = (claimId: string, command: ClaimCommand) =>
    handleCommand(env.store, claimStream(claimId), claimDecider, command);

  describe('catch-up and live', () => {
    it('catches up a few thousand events in batches of at most 500, then applies live events', async () => {
      const debate = await buildDebate(env.store, 200);
      expect(debate.events).toBeGreaterThan(2500);
      const db = env.readModel();
      const projector = env.projector(db);
      const batches: bigint[][] = [];
      projector.onBatch((events) => batches.push(events.map((event) => event.position)));
      projector.start();
      expect(await projector.waitFor(BigInt(debate.events), 20_000)).toBe(true);
      expect(await projector.isCaughtUp()).toBe(true);

      const sizes = batches.map((batch) => batch.length);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(500);
      expect(batches.length).toBeGreaterThanOrEqual(Math.ceil(debate.events / 500));
      expect(batches.length).toBeLessThan(debate.events / 100);
      // Every event once, in log order.
      expect(batches.flat()).toEqual(Array.from({ length: debate.events }, (_, index) => BigInt(index + 1)));
      expect(readCheckpoint(db)).toBe(BigInt(debate.events));
      expect(db.prepare('SELECT count(*) FROM claims').pluck().get()).toBe(200);
      // Every event, token grants included (shown to ADMINs only).
      expect(db.prepare('SELECT count(*) FROM audit').pluck().get()).toBe((await env.store.readAll()).length);
      expect(db.prepare('SELECT count(*) FROM tokens').pluck().get()).toBe(2);
      // Batched incremental acceptability equals a from-scratch labelling of the whole graph.
      expect(storedLabels(db)).toEqual(labelsFromScratch(db));

      // Live: one command, one batch of one event, visible once waitFor resolves.
      const claimId = debate.claimIds[1]!;
      const evidenceId = newId('evidence');
      const result = await run(claimId, attachEvidence(claimId, evidenceId));
      const position = result.events[0]!.position;
      expect(await projector.waitFor(position, 5000)).toBe(true);
      expect(batches.at(-1)).toEqual([position]);
      expect(db.prepare('SELECT claim_id FROM evidence WHERE id = ?').pluck().get(evidenceId)).toBe(claimId);

      // A burst of live commands on many claims: all applied, in fewer batches than events.
      const before = batches.length;
      const burst = await Promise.all(
        debate.claimIds
          .filter((_, index) => index % 11 !== 3) // the workload retracted those
          .slice(20, 60)
          .map((id) => run(id, attachEvidence(id, newId('evidence')))),
      );
      const last = burst.map((entry) => entry.events[0]!.position).reduce((a, b) => (a > b ? a : b));
      expect(await projector.waitFor(last, 5000)).toBe(true);
      expect(batches.slice(before).flat()).toHaveLength(40);
      expect(batches.length - before).toBeLessThan(40);
      expect(await projector.isCaughtUp()).toBe(true);

      // waitFor gives up on a position never reached.
      expect(await projector.waitFor(last + 1000n, 30)).toBe(false);
    });
    it('the read model agrees with each claim stream folded by the decider', async () => {
      const debate = await buildDebate(env.store, 60);
      const db = env.readModel();
      const projector = env.projector(db);
      projector.start();
      expect(await projector.waitFor(BigInt(debate.events), 20_000)).toBe(true);
      for (const claimId of debate.claimIds) {
        const state = fold(
          claimDecider,
          (await env.store.readStream(claimStream(claimId))).map(
            (event) => ({ type: event.type, data: event.data }) as unknown as ClaimEvent,
          ),
        );
        if (state.status !== 'live') throw new Error(`claim ${claimId} not folded`);
        const row = db.prepare('SELECT * FROM claims WHERE id = ?').get(claimId) as Record<string, unknown>;
        expect({
          statement: row['statement'],
          status: row['status'],
          tags: [...(JSON.parse(row['tags'] as string) as string[])].sort(),
          version: row['version'],
          evidenceCount: row['evidence_count'],
          counterpointCount: row['counterpoint_count'],
          openCounterpoints: row['open_counterpoints'],
          verdict: row['verdict'],
          retracted: row['retracted'] === 1,
          updatedAt: row['updated_at'],
        }).toEqual({
          statement: state.statement,
          status: state.claimStatus,
          tags: [...state.tags].sort(),
          version: await env.store.streamVersion(claimStream(claimId)),
          evidenceCount: state.evidence.filter((evidence) => !evidence.withdrawn).length,
          counterpointCount: state.counterpoints.length,
          openCounterpoints: state.counterpoints.filter((counterpoint) => counterpoint.state === 'OPEN')
            .length,
          verdict: state.assessment?.verdict ?? null,
          retracted: state.retraction !== null,
          updatedAt: state.updatedAt,
        });
        expect(
          db
            .prepare('SELECT id, stance, summary, withdrawn FROM evidence WHERE claim_id = ? ORDER BY seq')
            .all(claimId),
        ).toEqual(
          state.evidence.map((evidence) => ({
            id: evidence.evidenceId,
            stance: evidence.stance,
            summary: evidence.summary,
            withdrawn: evidence.withdrawn ? 1 : 0,
          })),
        );
        expect(
          db
            .prepare('SELECT id, state, response FROM counterpoints WHERE claim_id = ? ORDER BY seq')
            .all(claimId),
        ).toEqual(
          state.counterpoints.map((counterpoint) => ({
            id: counterpoint.counterpointId,
            state: counterpoint.state,
            response: counterpoint.response,
          })),
        );
        expect(
          db.prepare('SELECT to_id, kind FROM relations WHERE from_id = ? ORDER BY seq').all(claimId),
        ).toEqual(state.relations.map((relation) => ({ to_id: relation.toClaimId, kind: relation.kind })));
        // Search holds the statement and every live evidence summary, counterpoint, answer and rebuttal of the claim,
        // each in the column of its kind.
        const searchable = db
          .prepare(
            `SELECT item_id, coalesce('statement: ' || statement, 'evidence: ' || evidence,
               'counterpoint: ' || counterpoint, 'answer: ' || answer) AS text
             FROM claim_search WHERE claim_id = ?`,
          )
          .all(claimId)
          .map((row) => JSON.stringify(row))
          .sort();
        expect(searchable).toEqual(
          [
            { item_id: claimId, text: `statement: ${state.statement}` },
            ...state.evidence
              .filter((evidence) => !evidence.withdrawn)
              .map((evidence) => ({ item_id: evidence.evidenceId, text: `evidence: ${evidence.summary}` })),
            ...state.counterpoints.flatMap((counterpoint) => [
              { item_id: counterpoint.counterpointId, text: `counterpoint: ${counterpoint.text}` },
              // Every answer and rebuttal of its thread is searched as an answer.
              ...counterpoint.thread.map((entry) => ({
                item_id: counterpoint.counterpointId,
                text: `answer: ${entry.text}`,
              })),
            ]),
          ]
            .map((row) => JSON.stringify(row))
            .sort(),
        );
      }
    });

    it('yields to the event loop between catch-up batches, so a long rebuild does not freeze the server', async () => {
      const at = new Date().toISOString();
      await Promise.all(
        Array.from({ length: 2000 }, (_, index) => {
          const claimId = newId('claim');
          const event: ClaimEvent = {
            type: 'ClaimProposed',
            data: {
              claimId,
              statement: `Claim ${index}`,
              tags: [],
              attributedTo: null,
              anchor: null,
              note: null,
              ...stamp(alice, at),
            },
          };
          return env.store.append(claimStream(claimId), [rawClaimEvent(event)], { expectedVersion: 0 });
        }),
      );
      const db = env.readModel();
      const projector = env.projector(db);
      let batches = 0;
      projector.onBatch(() => batches++);
      projector.start();
      // What HTTP requests, health checks and timers need: a turn of the event loop.
      let batchesWhenTheLoopTurned: number | undefined;
      setImmediate(() => (batchesWhenTheLoopTurned = batches));
      expect(await projector.waitFor(2000n, 10_000)).toBe(true);
      await new Promise((resolve) => setImmediate(resolve));
      expect(batches).toBe(4);
      expect(batchesWhenTheLoopTurned).toBeLessThan(batches);
    });
  });

  describe('exactly-once effect', () => {
    it('applying the same events twice changes nothing (direct redelivery, rewound checkpoint, second projector)', async () => {
      await buildDebate(env.store, 120);
      const head = await env.store.headPosition();
      const db = env.readModel();
      const projector = env.projector(db);
      projector.start();
      expect(await projector.waitFor(head, 20_000)).toBe(true);
      await projector.stop();
      const once = dumpReadModel(db);
      expect(once['evidence']!.length).toBeGreaterThan(500);
      expect(once['claim_search']!.length).toBeGreaterThan(500);
      expect(once['sources']).toHaveLength(1);

      // At-least-once redelivery: every projection sees every event again, checkpoint bypassed.
      applyDirectly(db, await env.store.readAll());
      expect(dumpReadModel(db)).toEqual(once);
      // Redelivery of just the tail (the common case: a batch applied but the process died before the ack).
      applyDirectly(db, await env.store.readAll({ fromPosition: head - 300n }));
      expect(dumpReadModel(db)).toEqual(once);

      // The same through a projector: rewind the checkpoint and let a new projector re-deliver everything.
      writeCheckpoint(db, 0n);
      const replaying = env.projector(db);
      replaying.start();
      expect(await replaying.waitFor(head, 20_000)).toBe(true);
      await replaying.stop();
      expect(dumpReadModel(db)).toEqual(once);

      // A second projector on the same read model starts at the checkpoint and applies nothing.
      const second = env.projector(db);
      const applied: number[] = [];
      second.onBatch((events) => applied.push(events.length));
      second.start();
      await sleep(100);
      expect(second.checkpoint).toBe(head);
      expect(await second.isCaughtUp()).toBe(true);
      expect(applied).toEqual([]);
      expect(dumpReadModel(db)).toEqual(once);
    });
  });

  describe('failures', () => {
    const FAIL_AT = 750n;

    it('a projection that throws mid-batch rolls the whole batch back, stops on that event, and resumes from the checkpoint', async () => {
      const debate = await buildDebate(env.store, 80);
      expect(debate.events).toBeGreaterThan(1000);
      let failing = true;
      const attempts: number[] = [];
      const faulty: Projection = {
        name: 'faulty',
        version: 1,
        handles: { has: () => true } as unknown as ReadonlySet<string>,
        schema: '',
        verifiedTables: [],
        apply(_db, event) {
          if (event.position !== FAIL_AT) return;
          attempts.push(performance.now());
          if (failing) throw new Error('injected fault');
        },
      };
      const db = env.readModel();
      const logger = memoryLogger();
      const projector = env.projector(db, [...PROJECTIONS, faulty], logger);
      projector.start();
      await until(() => projector.fault !== undefined, 10_000, 'the fault');

      expect(projector.fault).toEqual({ position: String(FAIL_AT), message: 'injected fault' });
      expect(readCheckpoint(db)).toBe(500n);
      expect(projector.checkpoint).toBe(500n);
      expect(await projector.isCaughtUp()).toBe(false);
      expect(logger.lines).toContainEqual({
        level: 'error',
        message: 'projector: stopped on an event it could not apply',
        fields: { position: String(FAIL_AT), error: 'injected fault' },
      });
      // No partial rows: the read model is exactly the state after event 500.
      expect(dumpReadModel(db)).toEqual(await env.stateAt(500n));

      // Still failing: it retries after its pause and stops on the same event again, never skipping it.
      await until(() => attempts.length >= 2, 5000, 'the retry');
      expect(attempts[1]! - attempts[0]!).toBeGreaterThan(900);
      await until(() => projector.fault !== undefined, 1000, 'the second fault');
      expect(readCheckpoint(db)).toBe(500n);

      // Fault removed: the next retry goes through, from the checkpoint.
      failing = false;
      const cleared = performance.now();
      expect(await projector.waitFor(BigInt(debate.events), 5000)).toBe(true);
      expect(performance.now() - cleared).toBeLessThan(2500);
      expect(projector.fault).toBeUndefined();
      expect(await projector.isCaughtUp()).toBe(true);
      expect(logger.lines).toContainEqual({
        level: 'info',
        message: 'projector: resuming from checkpoint',
        fields: { position: '500' },
      });
      // Neither skipped nor duplicated.
      expect(dumpReadModel(db)).toEqual(await env.freshReplay());
    });

    it('a projector stopped halfway through catch-up is finished by a new one from its checkpoint', async () => {
      const debate = await buildDebate(env.store, 80);
      let db = env.readModel('interrupted.db');
      const first = env.projector(db);
      first.onBatch(() => void first.stop());
      first.start();
      await until(() => first.checkpoint > 0n, 10_000, 'the first batch');
      await sleep(50);
      expect(first.checkpoint).toBe(500n);
      expect(readCheckpoint(db)).toBe(500n);
      db.close(); // the process is gone

      db = env.readModel('interrupted.db');
      expect(readCheckpoint(db)).toBe(500n);
      const second = env.projector(db);
      const positions: bigint[] = [];
      second.onBatch((events) => positions.push(...events.map((event) => event.position)));
      second.start();
      expect(await second.waitFor(BigInt(debate.events), 20_000)).toBe(true);
      expect(positions[0]).toBe(501n);
      expect(positions).toHaveLength(debate.events - 500);
      expect(dumpReadModel(db)).toEqual(await env.freshReplay());
    });

    it('a projector process killed (kill -9) inside a batch transaction loses that batch only; a new one resumes', async () => {
      const worker = join(process.cwd(), 'test', 'support', 'projector-worker.mjs');
      if (!existsSync(join(process.cwd(), 'dist', 'read-model', 'projector.js'))) {
        throw new Error('dist/ is missing: build first (npx tsc -p tsconfig.build.json, or npm test)');
      }
      const debate = await buildDebate(env.store, 80);
      const file = join(env.dir.path, 'killed.db');
      const child = spawn(process.execPath, [worker, env.storeFile, file, String(FAIL_AT)], {
        cwd: process.cwd(),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.on('exit', (_code, signal) => resolve(signal)),
      );
      try {
        await until(
          () => output.includes(`hanging ${FAIL_AT}`),
          15_000,
          `the worker to reach ${FAIL_AT}:\n${output}`,
        );
      } finally {
        child.kill('SIGKILL');
      }
      expect(await exited).toBe('SIGKILL');
      expect(output).toContain('projector: batch applied {"events":500,"position":"500"');

      const db = env.readModel('killed.db');
      expect(readCheckpoint(db)).toBe(500n);
      expect(dumpReadModel(db)).toEqual(await env.stateAt(500n));
      const projector = env.projector(db);
      projector.start();
      expect(await projector.waitFor(BigInt(debate.events), 20_000)).toBe(true);
      expect(dumpReadModel(db)).toEqual(await env.freshReplay());
    }, 30_000);
  });

  describe('acceptability end to end (docs/architecture.md §3)', () => {
    let db: ReturnType<ReadModelEnv['readModel']>;
    let projector: ReturnType<ReadModelEnv['projector']>;

    beforeEach(() => {
      db = env.readModel();
      projector = env.projector(db);
      projector.start();
    });

    const exec = async (claimId: string, command: ClaimCommand) => {
      const result = await run(claimId, command);
      expect(await projector.waitFor(result.events.at(-1)!.position)).toBe(true);
      return result;
    };
    const claim = async () => {
      const id = newId('claim');
      await exec(id, proposeClaim(id, `Claim ${id}`));
      return id;
    };
    const counter = async (claimId: string) => {
      const id = newId('counterpoint');
      await exec(claimId, raiseCounterpoint(claimId, id));
      return id;
    };
    const link = (from: string, to: string, kind: RelationKind) => exec(from, linkClaims(from, to, kind));
    const label = (id: string) => {
      const row = db.prepare('SELECT acceptability, defeated_by FROM claims WHERE id = ?').get(id) as {
        acceptability: string;
        defeated_by: string;
      };
      return { label: row.acceptability, defeatedBy: JSON.parse(row.defeated_by) as string[] };
    };
    const IN = { label: 'IN', defeatedBy: [] };

    afterEach(() => {
      // Whatever the case, the incremental labels equal a from-scratch labelling of the whole graph.
      expect(storedLabels(db)).toEqual(labelsFromScratch(db));
    });

    it('no attackers → IN', async () => {
      expect(label(await claim())).toEqual(IN);
    });

    it('an open counterpoint → OUT, defeated by it; answered → IN; dismissed → IN', async () => {
      const a = await claim();
      const first = await counter(a);
      expect(label(a)).toEqual({ label: 'OUT', defeatedBy: [first] });
      await exec(a, respondToCounterpoint(a, first, 'ANSWERED'));
      expect(label(a)).toEqual(IN);
      const second = await counter(a);
      expect(label(a)).toEqual({ label: 'OUT', defeatedBy: [second] });
      await exec(a, respondToCounterpoint(a, second, 'DISMISSED'));
      expect(label(a)).toEqual(IN);
    });

    it('a CONCEDED counterpoint still attacks', async () => {
      const a = await claim();
      const cpt = await counter(a);
      await exec(a, respondToCounterpoint(a, cpt, 'CONCEDED'));
      expect(label(a)).toEqual({ label: 'OUT', defeatedBy: [cpt] });
    });

    it('mutual ATTACKS → both UNDECIDED', async () => {
      const a = await claim();
      const b = await claim();
      await link(a, b, 'ATTACKS');
      expect(label(b)).toEqual({ label: 'OUT', defeatedBy: [a] });
      await link(b, a, 'ATTACKS');
      expect(label(a)).toEqual({ label: 'UNDECIDED', defeatedBy: [b] });
      expect(label(b)).toEqual({ label: 'UNDECIDED', defeatedBy: [a] });
    });

    it('chain A ← B ← C → A IN, B OUT, C IN; retracting the attacker B reinstates A', async () => {
      const a = await claim();
      const b = await claim();
      const c = await claim();
      await link(b, a, 'ATTACKS');
      expect(label(a)).toEqual({ label: 'OUT', defeatedBy: [b] });
      await link(c, b, 'ATTACKS');
      expect(label(a)).toEqual(IN);
      expect(label(b)).toEqual({ label: 'OUT', defeatedBy: [c] });
      expect(label(c)).toEqual(IN);
      // A counterpoint on C flips the whole chain.
      const cpt = await counter(c);
      expect([label(a).label, label(b).label, label(c).label]).toEqual(['OUT', 'IN', 'OUT']);
      expect(label(a).defeatedBy).toEqual([b]);
      expect(label(c).defeatedBy).toEqual([cpt]);
      // B retracted: it stands for nothing and attacks nothing.
      await exec(b, retractClaim(b));
      expect(label(a)).toEqual(IN);
      expect(label(c)).toEqual({ label: 'OUT', defeatedBy: [cpt] });
    });

    it('retracting the only attacker of A → A IN again', async () => {
      const a = await claim();
      const b = await claim();
      await link(b, a, 'ATTACKS');
      expect(label(a).label).toBe('OUT');
      await exec(b, retractClaim(b));
      expect(label(a)).toEqual(IN);
    });

    it('UNDERCUTS attacks', async () => {
      const a = await claim();
      const b = await claim();
      await link(b, a, 'UNDERCUTS');
      expect(label(a)).toEqual({ label: 'OUT', defeatedBy: [b] });
    });

    it('SUPPORTS, REFINES and DUPLICATES do not change labels', async () => {
      const a = await claim();
      const attacked = await claim();
      const attacker = await claim();
      await link(attacker, attacked, 'ATTACKS');
      const others = [await claim(), await claim(), await claim()];
      await link(others[0]!, a, 'SUPPORTS');
      await link(others[1]!, a, 'REFINES');
      await link(others[2]!, a, 'DUPLICATES');
      await link(others[0]!, attacked, 'SUPPORTS');
      expect(label(a)).toEqual(IN);
      for (const other of others) expect(label(other)).toEqual(IN);
      expect(label(attacked)).toEqual({ label: 'OUT', defeatedBy: [attacker] });
    });

    it('unlinking the attack restores the label', async () => {
      const a = await claim();
      const b = await claim();
      await link(b, a, 'ATTACKS');
      await exec(b, {
        type: 'UnlinkClaims',
        data: { claimId: b, toClaimId: a, kind: 'ATTACKS', reason: 'Not an attack' },
        metadata: { actor: alice, now: new Date().toISOString() },
      });
      expect(label(a)).toEqual(IN);
    });

    it('an odd cycle and what it attacks are UNDECIDED', async () => {
      const [a, b, c, d] = [await claim(), await claim(), await claim(), await claim()];
      await link(a!, b!, 'ATTACKS');
      await link(b!, c!, 'ATTACKS');
      await link(c!, a!, 'ATTACKS');
      await link(c!, d!, 'ATTACKS');
      for (const id of [a, b, c, d]) expect(label(id!).label).toBe('UNDECIDED');
    });
  });

  describe('incremental recompute at scale', () => {
    it('one counterpoint updates only its component, ≥ 10× faster than recomputing every claim', async () => {
      await env.close();
      env = new ReadModelEnv('NORMAL'); // bulk set-up and live latency without an fsync per commit

      // 1,000 components of 5 claims each, four shapes.
      const components = Array.from({ length: 1000 }, () => Array.from({ length: 5 }, () => newId('claim')));
      const at = new Date().toISOString();
      const proposed = (claimId: string, index: number): ClaimEvent => ({
        type: 'ClaimProposed',
        data: {
          claimId,
          statement: `Claim ${index}`,
          tags: [],
          attributedTo: null,
          anchor: null,
          note: null,
          ...stamp(alice, at),
        },
      });
      await Promise.all(
        components
          .flat()
          .map((id, index) =>
            env.store.append(claimStream(id), [rawClaimEvent(proposed(id, index))], { expectedVersion: 0 }),
          ),
      );
      const links = new Map<string, NewEvent[]>();
      const addLink = (from: string, to: string, kind: RelationKind) => {
        const event: ClaimEvent = {
          type: 'ClaimLinked',
          data: { claimId: from, toClaimId: to, kind, rationale: null, ...stamp(alice, at) },
        };
        links.set(from, [...(links.get(from) ?? []), rawClaimEvent(event)]);
      };
      components.forEach(([c0, c1, c2, c3, c4], k) => {
        switch (k % 4) {
          case 0: // chain with a support and an undercut: c0 OUT, c1 IN, c2 OUT, c3 IN, c4 IN
            addLink(c1!, c0!, 'ATTACKS');
            addLink(c2!, c1!, 'ATTACKS');
            addLink(c3!, c0!, 'SUPPORTS');
            addLink(c4!, c2!, 'UNDERCUTS');
            break;
          case 1: // a mutual attack beside a refined attack
            addLink(c0!, c1!, 'ATTACKS');
            addLink(c1!, c0!, 'ATTACKS');
            addLink(c2!, c3!, 'ATTACKS');
            addLink(c4!, c2!, 'REFINES');
            break;
          case 2: // supports only
            for (const from of [c1, c2, c3, c4]) addLink(from!, c0!, 'SUPPORTS');
            break;
          default: // an attack chain of five: c4 → c3 → c2 → c1 → c0
            addLink(c1!, c0!, 'ATTACKS');
            addLink(c2!, c1!, 'ATTACKS');
            addLink(c3!, c2!, 'ATTACKS');
            addLink(c4!, c3!, 'ATTACKS');
        }
      });
      await Promise.all(
        [...links].map(([from, events]) =>
          env.store.append(claimStream(from), events, { expectedVersion: 1 }),
        ),
      );
      const head = await env.store.headPosition();
      expect(Number(head)).toBeGreaterThan(8000);

      const db = env.readModel();
      const logger = memoryLogger();
      const projector = env.projector(db, PROJECTIONS, logger);
      projector.start();
      expect(await projector.waitFor(head, 30_000)).toBe(true);
      const allIds = components.flat();
      expect(db.prepare('SELECT count(*) FROM claims').pluck().get()).toBe(5000);
      const labelled = storedLabels(db);
      expect(labelled).toEqual(labelsFromScratch(db));
      const labelsOf = (ids: readonly string[]) => ids.map((id) => labelled[id]!.label);
      expect(labelsOf(components[0]!)).toEqual(['OUT', 'IN', 'OUT', 'IN', 'IN']);
      expect(labelsOf(components[1]!)).toEqual(['UNDECIDED', 'UNDECIDED', 'IN', 'OUT', 'IN']);
      expect(labelsOf(components[2]!)).toEqual(['IN', 'IN', 'IN', 'IN', 'IN']);
      expect(labelsOf(components[3]!)).toEqual(['IN', 'OUT', 'IN', 'OUT', 'IN']);

      const snapshot = () =>
        new Map(
          (
            db.prepare('SELECT id, acceptability, defeated_by FROM claims').all() as Array<{
              id: string;
              acceptability: string;
              defeated_by: string;
            }>
          ).map((row) => [row.id, `${row.acceptability} ${row.defeated_by}`]),
        );
      for (const k of [3, 7, 11, 15, 19, 23, 27]) {
        const component = components[k]!;
        const head4 = component[4]!;
        const before = snapshot();
        const counterpointId = newId('counterpoint');
        const result = await run(head4, raiseCounterpoint(head4, counterpointId));
        expect(await projector.waitFor(result.events[0]!.position, 5000)).toBe(true);
        const after = snapshot();
        const changed = allIds.filter((id) => before.get(id) !== after.get(id));
        // The counterpoint flips the whole chain and nothing else.
        expect(new Set(changed)).toEqual(new Set(component));
        expect(after.get(component[4]!)).toBe(`OUT ${JSON.stringify([counterpointId])}`);
        expect(after.get(component[3]!)).toBe('IN []');
        expect(after.get(component[2]!)).toBe(`OUT ${JSON.stringify([component[3]])}`);
        expect(after.get(component[1]!)).toBe('IN []');
        expect(after.get(component[0]!)).toBe(`OUT ${JSON.stringify([component[1]])}`);
        expect(logger.lines.at(-1)).toMatchObject({
          message: 'projector: batch applied',
          fields: { events: 1 },
        });
      }
      // What the increments left behind is what labelling the whole graph from scratch gives.
      expect(storedLabels(db)).toEqual(labelsFromScratch(db));
    }, 60_000);
  });
});
