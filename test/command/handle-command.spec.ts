import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { claimDecider } from '../../src/claims/domain/claim.decider.js';
import {
  ConflictError,
  ForbiddenError,
  IllegalStateError,
  ValidationError,
} from '../../src/event-sourcing/errors.js';
import { backoffMs, foldStream, handleCommand } from '../../src/event-sourcing/handle-command.js';
import { derivedId, deterministicEventId, newId } from '../../src/event-sourcing/ids.js';
import { CURRENT_SCHEMA_VERSION } from '../../src/event-sourcing/upcasters.js';
import {
  alice,
  attachEvidence,
  bob,
  erin,
  claimStream,
  proposeClaim,
  rawClaimEvent,
  seededRandom,
  stamp,
  tagClaim,
  vera,
} from '../support/claim-helpers.js';
import {
  createStorePlace,
  noteSkippedPostgres,
  STORE_KINDS,
  type LocalStore,
  type StorePlace,
} from '../support/store-places.js';

noteSkippedPostgres('handleCommand');

/** handleCommand against a real event store: a SQLite temp file, and a PostgreSQL database when one is set. */
describe.each(STORE_KINDS)('handleCommand (real %s event store)', (kind) => {
  let place: StorePlace;
  let store: LocalStore;
  let claimId: string;
  let stream: string;

  const run = (command: Parameters<typeof handleCommand>[3], options = {}) =>
    handleCommand(store, stream, claimDecider, command as never, options);
  const attach = (options = {}, actor = alice) =>
    run(attachEvidence(claimId, newId('evidence'), actor), options);

  beforeEach(async () => {
    place = await createStorePlace(kind, 'handle-command');
    store = await place.open();
    claimId = newId('claim');
    stream = claimStream(claimId);
    await run(proposeClaim(claimId));
  });
  afterEach(async () => {
    await store.close();
    await place.remove();
  });

  describe('concurrency within one process', () => {
    it('runs 32 concurrent commands without expectedVersion: all succeed, the stream ends at version 33', async () => {
      const results = await Promise.all(Array.from({ length: 32 }, () => attach()));
      expect(results.every((result) => !result.duplicate && result.events.length === 1)).toBe(true);
      expect(await store.streamVersion(stream)).toBe(33);
      const versions = results.map((result) => result.nextVersion).sort((a, b) => a - b);
      expect(versions).toEqual(Array.from({ length: 32 }, (_, index) => index + 2));
      const events = await store.readStream(stream);
      expect(events.map((event) => event.version)).toEqual(
        Array.from({ length: 33 }, (_, index) => index + 1),
      );
      const evidenceIds = new Set(events.slice(1).map((event) => event.data['evidenceId']));
      expect(evidenceIds.size).toBe(32);
    });

    it('with the same current expectedVersion, exactly one of 32 succeeds; 31 get a ConflictError with the current version', async () => {
      const head = await store.headPosition();
      const results = await Promise.allSettled(
        Array.from({ length: 32 }, () => attach({ expectedVersion: 1 })),
      );
      const fulfilled = results.filter((result) => result.status === 'fulfilled');
      const rejected = results.filter(
        (result): result is PromiseRejectedResult => result.status === 'rejected',
      );
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(31);
      for (const { reason } of rejected) {
        expect(reason).toBeInstanceOf(ConflictError);
        expect((reason as ConflictError).expectedVersion).toBe(1);
        expect((reason as ConflictError).currentVersion).toBe(2);
      }
      expect(await store.streamVersion(stream)).toBe(2);
      expect(await store.headPosition()).toBe(head + 1n);
    });

    it('with the same stale expectedVersion, all 32 get a ConflictError and nothing is appended', async () => {
      await attach(); // version 2
      const head = await store.headPosition();
      const results = await Promise.allSettled(
        Array.from({ length: 32 }, () => attach({ expectedVersion: 1 })),
      );
      expect(results.every((result) => result.status === 'rejected')).toBe(true);
      for (const result of results as PromiseRejectedResult[]) {
        expect(result.reason).toBeInstanceOf(ConflictError);
        expect((result.reason as ConflictError).currentVersion).toBe(2);
      }
      expect(await store.headPosition()).toBe(head);
    });

    /** The store, except that another writer (another connection to the store) appends right after each of the first `times` reads. */
    const racedStore = async (times: number) => {
      const other = await place.open();
      let reads = 0;
      let appends = 0;
      // Commands read through the store's lighter readStreamEvents.
      const raced = Object.create(store, {
        readStreamEvents: {
          value: async (...args: Parameters<LocalStore['readStreamEvents']>) => {
            const events = await store.readStreamEvents(...args);
            if (reads++ < times) await other.append(stream, [attachEvent()]);
            return events;
          },
        },
        append: {
          value: (...args: Parameters<LocalStore['append']>) => (appends++, store.append(...args)),
        },
      }) as LocalStore;
      return { raced, counts: () => ({ reads, appends }), close: () => other.close() };
    };
    const attachEvent = () =>
      rawClaimEvent({
        type: 'EvidenceAttached',
        data: {
          claimId,
          evidenceId: newId('evidence'),
          stance: 'SUPPORTS',
          summary: 'Attached by another writer',
          citation: {
            url: null,
            title: 'Summit report',
            publisher: null,
            author: null,
            publishedAt: null,
            accessedAt: null,
            quote: null,
          },
          reliability: null,
          ...stamp(bob),
        },
      });

    it('re-runs read-decide-append when another writer got in between (no expectedVersion)', async () => {
      const { raced, counts, close } = await racedStore(3);
      const result = await handleCommand(
        raced,
        stream,
        claimDecider,
        attachEvidence(claimId, newId('evidence')),
      );
      await close();
      expect(counts()).toEqual({ reads: 4, appends: 4 }); // three conflicts, then success
      expect(result.nextVersion).toBe(5);
      expect(await store.streamVersion(stream)).toBe(5);
    });

    it('gives up after maxAttempts conflicts', async () => {
      const { raced, counts, close } = await racedStore(10);
      await expect(
        handleCommand(raced, stream, claimDecider, attachEvidence(claimId, newId('evidence')), {
          maxAttempts: 3,
        }),
      ).rejects.toBeInstanceOf(ConflictError);
      await close();
      expect(counts()).toEqual({ reads: 3, appends: 3 });
    });

    it('does not retry a store-level conflict when the caller gave expectedVersion', async () => {
      const { raced, counts, close } = await racedStore(1);
      const error = await handleCommand(
        raced,
        stream,
        claimDecider,
        attachEvidence(claimId, newId('evidence')),
        {
          expectedVersion: 1,
          maxAttempts: 10,
        },
      ).catch((caught: unknown) => caught);
      await close();
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).currentVersion).toBe(2);
      expect(counts()).toEqual({ reads: 1, appends: 1 });
      expect(await store.streamVersion(stream)).toBe(2); // only the other writer's event
    });

    it('never retries a conflict the caller asked for with expectedVersion, even with maxAttempts', async () => {
      await attach();
      let appends = 0;
      const counting = Object.create(store, {
        append: {
          value: (...args: Parameters<LocalStore['append']>) => (appends++, store.append(...args)),
        },
      }) as LocalStore;
      await expect(
        handleCommand(counting, stream, claimDecider, attachEvidence(claimId, newId('evidence')), {
          expectedVersion: 1,
          maxAttempts: 10,
        }),
      ).rejects.toBeInstanceOf(ConflictError);
      expect(appends).toBe(0);
    });
  });

  describe('idempotency', () => {
    const keyed = (key: string, actor = alice) =>
      attachEvidence(claimId, derivedId('evidence', actor.id, key, stream), actor, { idempotencyKey: key });

    it('answers a repeated command with the original events and appends nothing', async () => {
      const first = await run(keyed('k-1'));
      const head = await store.headPosition();
      const second = await run(keyed('k-1'));
      expect(first.duplicate).toBe(false);
      expect(second.duplicate).toBe(true);
      expect(second.events.map((event) => [event.eventId, event.position, event.version])).toEqual(
        first.events.map((event) => [event.eventId, event.position, event.version]),
      );
      expect(second.events[0]!.data).toEqual(first.events[0]!.data);
      expect(await store.headPosition()).toBe(head);
      expect(await store.streamVersion(stream)).toBe(2);
    });

    it('recognises a retry after other commands moved the stream on, even with the stale expectedVersion', async () => {
      const first = await run(keyed('k-stale'), { expectedVersion: 1 });
      await attach();
      await attach();
      const retry = await run(keyed('k-stale'), { expectedVersion: 1 });
      expect(retry.duplicate).toBe(true);
      expect(retry.events.map((event) => event.eventId)).toEqual(first.events.map((event) => event.eventId));
      expect(await store.streamVersion(stream)).toBe(4);
    });

    it('still recognises the retry after the store is closed and reopened (a restart)', async () => {
      const first = await run(keyed('k-restart'));
      await store.close();
      store = await place.open();
      const head = await store.headPosition();
      const retry = await run(keyed('k-restart'));
      expect(retry.duplicate).toBe(true);
      expect(retry.events.map((event) => [event.eventId, event.position])).toEqual(
        first.events.map((event) => [event.eventId, event.position]),
      );
      expect(await store.headPosition()).toBe(head);
    });

    it('appends one set of events for 5 concurrent retries with one key', async () => {
      const head = await store.headPosition();
      const results = await Promise.all(Array.from({ length: 5 }, () => run(keyed('k-concurrent'))));
      expect(results.filter((result) => !result.duplicate)).toHaveLength(1);
      const ids = results.map((result) => result.events.map((event) => event.eventId).join(','));
      expect(new Set(ids).size).toBe(1);
      expect(await store.headPosition()).toBe(head + 1n);
      expect(await store.streamVersion(stream)).toBe(2);
    });

    it('recognises a retry that reaches the store directly (the store dedupes on the deterministic event ids)', async () => {
      const first = await run(keyed('k-store'));
      const stored = (await store.readStream(stream)).at(-1)!;
      const again = await store.append(stream, [stored], { expectedVersion: 1 });
      expect(again.duplicate).toBe(true);
      expect(again.events[0]!.position).toBe(first.events[0]!.position);
    });

    it('scopes keys to the actor: the same key from another actor is a new command', async () => {
      const fromAlice = await run(keyed('shared-key', alice));
      const fromBob = await run(keyed('shared-key', bob));
      expect(fromBob.duplicate).toBe(false);
      expect(fromBob.events[0]!.eventId).not.toBe(fromAlice.events[0]!.eventId);
      expect(fromBob.events[0]!.data['by']).toEqual({ id: 'bob', role: 'ANALYST' });
      expect(await store.streamVersion(stream)).toBe(3);
    });
    it('refuses the key reused on another claim, like a key reused on its own stream: nothing is appended there', async () => {
      const otherClaim = newId('claim');
      const otherStream = claimStream(otherClaim);
      await handleCommand(store, otherStream, claimDecider, proposeClaim(otherClaim) as never);
      await run(keyed('k-elsewhere'));
      const head = await store.headPosition();
      const onOther = attachEvidence(
        otherClaim,
        derivedId('evidence', alice.id, 'k-elsewhere', otherStream),
        alice,
        { idempotencyKey: 'k-elsewhere' },
      );
      const refused = handleCommand(store, otherStream, claimDecider, onOther as never);
      await expect(refused).rejects.toBeInstanceOf(ValidationError);
      await expect(refused).rejects.toMatchObject({ field: 'idempotencyKey' });
      await expect(refused).rejects.toThrow(/already used for a different request/);
      expect(await store.streamVersion(otherStream)).toBe(1);
      expect(await store.headPosition()).toBe(head);
      // Without the key the same request goes through: it is the key that was refused.
      const unkeyed = attachEvidence(otherClaim, newId('evidence'), alice);
      await handleCommand(store, otherStream, claimDecider, unkeyed as never);
      expect(await store.streamVersion(otherStream)).toBe(2);
    });

    it('recognises the retry of a run stored with the stream-scoped ids keys had before', async () => {
      const command = keyed('k-legacy');
      const [event] = claimDecider.decide(
        command as never,
        (await foldStream(store, stream, claimDecider)).state,
      );
      const legacy = {
        ...rawClaimEvent(event!),
        eventId: deterministicEventId(stream, `${alice.id}\u0000k-legacy`, 0),
      };
      const [stored] = (await store.append(stream, [legacy], { expectedVersion: 1 })).events;
      const retry = await run(command);
      expect(retry.duplicate).toBe(true);
      expect(retry.events.map((found) => found.position)).toEqual([stored!.position]);
      expect(await store.streamVersion(stream)).toBe(2);
    });
  });

  describe('domain errors append nothing', () => {
    it('rejects a tag change that changes nothing', async () => {
      const head = await store.headPosition();
      await expect(run(tagClaim(claimId, ['central-asia']))).rejects.toBeInstanceOf(IllegalStateError);
      expect(await store.headPosition()).toBe(head);
      expect(await store.streamVersion(stream)).toBe(1);
    });

    it('rejects a VIEWER, and the next command on the stream still runs', async () => {
      const head = await store.headPosition();
      await expect(attach({}, vera)).rejects.toBeInstanceOf(ForbiddenError);
      expect(await store.headPosition()).toBe(head);
      const next = await attach();
      expect(next.nextVersion).toBe(2);
    });
  });

  it('stores the full metadata on every event', async () => {
    const result = await run(
      attachEvidence(claimId, newId('evidence'), alice, {
        correlationId: 'corr-1',
        causationId: 'cause-1',
        idempotencyKey: 'meta-key',
        now: '2025-10-28T09:30:00.000Z',
      }),
    );
    const [stored] = await store.readStream(stream, { fromVersion: 2 });
    const expected = {
      actorId: 'alice',
      actorRole: 'ANALYST',
      // Evidence needs no editorial reason: the decider's reasonOf gives none.
      reason: null,
      correlationId: 'corr-1',
      causationId: 'cause-1',
      idempotencyKey: 'meta-key',
      occurredAt: '2025-10-28T09:30:00.000Z',
      schemaVersion: CURRENT_SCHEMA_VERSION,
    };
    expect(stored!.metadata).toEqual(expected);
    expect(result.events[0]!.metadata).toEqual(expected);
    // Without them: nulls, and a fresh correlation id rather than none.
    const bare = (await attach()).events[0]!.metadata;
    expect(bare).toMatchObject({
      reason: null,
      causationId: null,
      idempotencyKey: null,
      schemaVersion: CURRENT_SCHEMA_VERSION,
    });
    expect(typeof bare['correlationId']).toBe('string');
    expect(Object.keys(bare).sort()).toEqual(Object.keys(expected).sort());
  });

  it("takes the metadata's reason from the decided event, so it is the trimmed reason the event holds", async () => {
    const result = await run({
      type: 'RetractClaim',
      data: { claimId, reason: '   Misread the op-ed   ' },
      metadata: { actor: erin, now: '2025-10-28T09:30:00.000Z' },
    });
    const [event] = result.events;
    expect(event!.data['reason']).toBe('Misread the op-ed');
    expect(event!.metadata['reason']).toBe('Misread the op-ed');
    const [stored] = await store.readStream(stream, { fromVersion: event!.version });
    expect(stored!.metadata['reason']).toBe('Misread the op-ed');
  });

  describe('conflicts across processes', () => {
    const WORKER = join(process.cwd(), 'test', 'support', 'attach-evidence-worker.mjs');
    const PROCESSES = 4;
    const PER_PROCESS = 8;

    interface WorkerReport {
      code: number | null;
      stdout: string;
      stderr: string;
    }

    const spawnWorker = (actorId: string, startAt: number) =>
      new Promise<WorkerReport>((resolve) => {
        const child = spawn(
          process.execPath,
          [WORKER, place.address, claimId, String(PER_PROCESS), actorId, String(startAt)],
          {
            cwd: process.cwd(),
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('exit', (code) => resolve({ code, stdout, stderr }));
      });

    it('4 processes × 8 commands without expectedVersion all succeed through jittered retries', async () => {
      if (!existsSync(join(process.cwd(), 'dist', 'event-sourcing', 'handle-command.js'))) {
        throw new Error('dist/ is missing: build first (npx tsc -p tsconfig.build.json, or npm test)');
      }
      const startAt = Date.now() + 1500; // every worker loaded and waiting, then all fire at once
      const reports = await Promise.all(
        Array.from({ length: PROCESSES }, (_, index) => spawnWorker(`writer-${index}`, startAt)),
      );
      for (const report of reports)
        expect({ code: report.code, stderr: report.stderr }).toEqual({ code: 0, stderr: '' });
      const parsed = reports.map(
        (report) =>
          JSON.parse(report.stdout.trim()) as {
            successes: Array<{ evidenceId: string; version: number }>;
            failures: string[];
            conflicts: number;
          },
      );
      for (const worker of parsed) {
        expect(worker.failures).toEqual([]);
        expect(worker.successes).toHaveLength(PER_PROCESS);
      }

      const events = await store.readStream(stream);
      expect(events).toHaveLength(1 + PROCESSES * PER_PROCESS);
      expect(events.at(-1)!.version).toBe(33);
      const stored = events.slice(1).map((event) => event.data['evidenceId'] as string);
      expect(new Set(stored).size).toBe(32);
      const reported = parsed.flatMap((worker) => worker.successes.map((success) => success.evidenceId));
      expect(new Set(reported)).toEqual(new Set(stored));
      // Every success reported a distinct version: no two writers believe they wrote the same slot.
      expect(
        new Set(parsed.flatMap((worker) => worker.successes.map((success) => success.version))).size,
      ).toBe(32);
      // The writers did collide, so the retry path was exercised, not just the happy path.
      expect(parsed.reduce((sum, worker) => sum + worker.conflicts, 0)).toBeGreaterThan(0);
    }, 30_000);
  });
});

describe('backoffMs', () => {
  it('stays within [0, min(200, 2 × 2^attempt)) for any random in [0, 1)', () => {
    const random = seededRandom(42);
    const outOfBounds: Array<[number, number]> = [];
    for (let attempt = 0; attempt < 40; attempt++) {
      for (let sample = 0; sample < 50; sample++) {
        const delay = backoffMs(attempt, random);
        if (!(delay >= 0 && delay < Math.min(200, 2 * 2 ** attempt))) outOfBounds.push([attempt, delay]);
      }
    }
    expect(outOfBounds).toEqual([]);
    // The bounds are reached: a draw near 1 gives nearly the cap, a draw of 0 no wait at all.
    expect(backoffMs(39, () => 0)).toBe(0);
    expect(backoffMs(39, () => 0.999)).toBeCloseTo(199.8, 5);
  });

  it('grows with the attempt until it reaches its cap', () => {
    const ceiling = (attempt: number) => backoffMs(attempt, () => 0.999999);
    const ceilings = Array.from({ length: 12 }, (_, attempt) => ceiling(attempt));
    for (let attempt = 1; attempt < 7; attempt++)
      expect(ceilings[attempt]!).toBeGreaterThan(ceilings[attempt - 1]!);
    expect(ceilings[0]).toBeCloseTo(2, 3);
    expect(ceilings[6]).toBeCloseTo(128, 2);
    expect(ceilings[7]).toBeCloseTo(200, 2);
    expect(ceilings[11]).toBeCloseTo(200, 2);
    expect(backoffMs(5, () => 0.5)).toBe(32);
    expect(backoffMs(30, () => 0.5)).toBe(100);
  });

  it('is jittered: the same attempt gives different delays for different draws', () => {
    const random = seededRandom(7);
    const delays = new Set(Array.from({ length: 20 }, () => backoffMs(6, random)));
    expect(delays.size).toBeGreaterThan(15);
  });
});
