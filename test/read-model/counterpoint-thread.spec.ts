import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { claimDecider } from '../../src/claims/domain/claim.decider.js';
import type { ClaimCommand } from '../../src/claims/domain/claim.decider.js';
import { ClaimsQueries } from '../../src/claims/read-model/claims.queries.js';
import { handleCommand } from '../../src/event-sourcing/handle-command.js';
import { newId } from '../../src/event-sourcing/ids.js';
import { PROJECTIONS } from '../../src/projections.js';
import { openReadModelFor } from '../../src/read-model/open-read-model.js';
import { currentReadModelFile } from '../../src/read-model/read-model.files.js';
import { replayInto } from '../../src/read-model/rebuild.js';
import {
  alice,
  bob,
  claimStream,
  erin,
  memoryLogger,
  metadata,
  proposeClaim,
  raiseCounterpoint,
  respondToCounterpoint,
} from '../support/claim-helpers.js';
import { ReadModelEnv } from '../support/read-model-env.js';

/**
 * The threads of counterpoints in the read model; a read model written before threads existed is rebuilt
 * from the log (the claims projection's version says so), threads and all.
 */
describe('counterpoint threads in the read model', () => {
  let env: ReadModelEnv;
  beforeEach(() => {
    env = new ReadModelEnv();
  });
  afterEach(() => env.close());

  const run = (claimId: string, command: ClaimCommand) =>
    handleCommand(env.store, claimStream(claimId), claimDecider, command);

  /** A claim with counterpoints answered, conceded, dismissed and left open; returns their ids in that order. */
  const resolvedEveryWay = async (claimId: string): Promise<string[]> => {
    await run(claimId, proposeClaim(claimId));
    const ids = [newId('counterpoint'), newId('counterpoint'), newId('counterpoint'), newId('counterpoint')];
    for (const id of ids) await run(claimId, raiseCounterpoint(claimId, id, bob));
    await run(claimId, respondToCounterpoint(claimId, ids[0]!, 'ANSWERED'));
    await run(claimId, respondToCounterpoint(claimId, ids[1]!, 'CONCEDED'));
    await run(claimId, respondToCounterpoint(claimId, ids[2]!, 'DISMISSED'));
    return ids;
  };

  const project = async (name: string) => {
    const db = env.readModel(name);
    const projector = env.projector(db);
    projector.start();
    expect(await projector.waitFor(await env.store.headPosition(), 10_000)).toBe(true);
    await projector.stop();
    return db;
  };

  it('keeps answers and rebuttals in order, and the counterpoint row says OPEN with no response once reopened', async () => {
    const claimId = newId('claim');
    const [answered] = await resolvedEveryWay(claimId);
    await run(claimId, {
      type: 'ReopenCounterpoint',
      data: {
        claimId,
        counterpointId: answered!,
        text: 'The answer misses the treaty',
        reason: 'Unanswered',
      },
      metadata: metadata(bob),
    });
    const db = await project('reopened.db');
    const queries = new ClaimsQueries(db);
    expect(queries.threadsFor([answered!]).get(answered!)).toEqual([
      { kind: 'ANSWER', text: 'Resolved as answered', reason: null, by: alice, at: expect.any(String) },
      {
        kind: 'REBUTTAL',
        text: 'The answer misses the treaty',
        reason: 'Unanswered',
        by: bob,
        at: expect.any(String),
      },
    ]);
    const [row] = queries.counterpointsFor([claimId]).get(claimId)!;
    expect(row).toMatchObject({ state: 'OPEN', response: null, respondedBy: null, respondedAt: null });
    expect(db.prepare('SELECT status, open_counterpoints FROM claims WHERE id = ?').get(claimId)).toEqual({
      status: 'CONTESTED',
      open_counterpoints: 2,
    });
  });

  it('rebuilds a read model written before threads existed (claims projection 2) from the log, threads included', async () => {
    const claimId = newId('claim');
    const ids = await resolvedEveryWay(claimId);
    const expected = new ClaimsQueries(await project('current.db')).threadsFor(ids);
    expect(expected.get(ids[2]!)).toEqual([
      { kind: 'DISMISSAL', text: 'Resolved as dismissed', reason: null, by: erin, at: expect.any(String) },
    ]);

    // This instance's read model as the projections before threads wrote it: no thread table.
    const before = PROJECTIONS.map((projection) =>
      projection.name === 'claims' ? { ...projection, version: 2 } : projection,
    );
    const old = await openReadModelFor(env.dir.path, env.store, before, memoryLogger());
    await replayInto(old, env.store, before);
    old.exec('DROP TABLE counterpoint_thread');
    const oldFile = currentReadModelFile(env.dir.path);
    old.close();

    const logger = memoryLogger();
    const db = await openReadModelFor(env.dir.path, env.store, PROJECTIONS, logger);
    try {
      expect(currentReadModelFile(env.dir.path)).not.toBe(oldFile);
      expect(logger.lines[0]?.message).toMatch(
        /^read model: it was written by projections .*; rebuilding it/,
      );
      expect(new ClaimsQueries(db).threadsFor(ids)).toEqual(expected);
    } finally {
      db.close();
    }
  });
});
