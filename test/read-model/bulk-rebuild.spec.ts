import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { existsSync, readdirSync } from 'node:fs';
import { claimDecider } from '../../src/claims/domain/claim.decider.js';
import type { ClaimCommand } from '../../src/claims/domain/claim.decider.js';
import { handleCommand } from '../../src/event-sourcing/handle-command.js';
import { newId } from '../../src/event-sourcing/ids.js';
import { PROJECTIONS } from '../../src/projections.js';
import { openReadModel } from '../../src/read-model/read-model.database.js';
import { currentReadModelFile, currentReadModelName } from '../../src/read-model/read-model.files.js';
import { rebuildReadModel, verifyReadModel } from '../../src/read-model/rebuild.js';
import {
  alice,
  attachEvidence,
  claimStream,
  dumpReadModel,
  metadata,
  proposeClaim,
} from '../support/claim-helpers.js';
import { buildDebate } from '../support/debate-workload.js';
import { labelsFromScratch, ReadModelEnv, storedLabels } from '../support/read-model-env.js';

/** Every schema entry word for word (deferred indexes are created last, so their rows come later). */
const SCHEMA = 'SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name';
/** Reads that several indexes could serve: the planner must choose as it does on an incrementally built file. */
const PLANNED = [
  "SELECT id FROM claims WHERE status = 'OPEN' AND source_id IS NULL ORDER BY updated_at DESC, seq DESC LIMIT 20",
  "SELECT id FROM claims WHERE verdict = 'MISLEADING' ORDER BY statement, seq LIMIT 20",
  "SELECT id FROM claims WHERE EXISTS (SELECT 1 FROM claim_tags t WHERE t.tag = 'summit' AND t.claim_id = claims.id) ORDER BY created_at, seq",
  "SELECT id FROM claims WHERE id IN (SELECT claim_id FROM claim_search WHERE claim_search MATCH 'summit')",
  "SELECT id FROM sources JOIN source_search ON source_search.source_id = sources.id WHERE source_search MATCH 'summit'",
  'SELECT * FROM evidence WHERE claim_id IN (SELECT value FROM json_each(\'["a"]\')) ORDER BY seq',
  "SELECT * FROM relations WHERE from_id = 'a' OR to_id = 'a' ORDER BY seq",
  "SELECT * FROM audit WHERE subject_id = 'a' AND actor_id = 'alice' AND type = 'ClaimRevised' ORDER BY position DESC LIMIT 20",
  "SELECT * FROM audit WHERE occurred_at >= '2020' AND actor_id = 'alice' ORDER BY position LIMIT 20",
  'SELECT * FROM sources WHERE seq > 0 ORDER BY seq LIMIT 20',
];
const plans = (db: Database.Database) => PLANNED.map((sql) => db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all());
/** Ranked full-text answers, rowids and snippets included: the index must answer as an incrementally built one. */
const SEARCH = `SELECT rowid, claim_id, item_id, round(bm25(claim_search, 0, 0, 3, 2, 1, 1, 1), 9) AS rank,
    snippet(claim_search, -1, '[', ']', '…', 8) AS snippet
  FROM claim_search WHERE claim_search MATCH ? ORDER BY rank, rowid`;
const SOURCE_SEARCH = `SELECT rowid, source_id, round(bm25(source_search), 9) AS rank FROM source_search
  WHERE source_search MATCH ? ORDER BY rank, rowid`;
const TERMS = [
  'summit',
  'claim',
  'evidence OR counterpoint',
  '"changed the region"',
  'good',
  'withdrawn',
  'revised*',
  'chang*',
  // Stemmed: "resolve" finds the answers "Resolved as …"; the anchored quote is in its own column.
  'answer: resolve',
  // Only the claim proposed below quotes "subject"; the workload's claims quote "geopolitical object" and,
  // re-anchored, "Dushanbe summit".
  'quote: subject',
  'quote: dushanbe',
  'statement: revise',
];

const answers = (db: Database.Database): Record<string, unknown[]> => ({
  ...Object.fromEntries(TERMS.map((term) => [term, db.prepare(SEARCH).all(term)])),
  sources: db.prepare(SOURCE_SEARCH).all('dushanbe'),
});

/**
 * A bulk rebuild (no journal while loading, indexes and full-text staged, acceptability labelled once at
 * the end) must leave exactly the read model the incremental projector builds, and a file the live
 * projector goes on with.
 */
describe('bulk rebuild', () => {
  let env: ReadModelEnv;
  beforeEach(() => {
    env = new ReadModelEnv();
  });
  afterEach(async () => {
    await env.close();
  });

  const run = (claimId: string, command: ClaimCommand) =>
    handleCommand(env.store, claimStream(claimId), claimDecider, command);

  /** A claim anchored to the debate's source: its quote is indexed with its statement. */
  const proposeAnchored = async (sourceId: string) => {
    const claimId = newId('claim');
    await run(claimId, {
      type: 'ProposeClaim',
      data: {
        claimId,
        statement: 'The region became a subject',
        sourceId,
        quote: { exact: 'moved from geopolitical object to subject' },
        source: {
          sourceId,
          text: 'Central Asia moved from geopolitical object to subject at the Dushanbe summit.',
        },
      },
      metadata: metadata(alice),
    });
    return claimId;
  };

  /** Revisions and withdrawals of older texts, and a withdrawal of the newest one (its FTS rowid is reused). */
  const editTexts = async (claimId: string, statement: string) => {
    const older = newId('evidence');
    await run(claimId, attachEvidence(claimId, older));
    const newest = newId('evidence');
    await run(claimId, attachEvidence(claimId, newest));
    await run(claimId, {
      type: 'WithdrawEvidence',
      data: { claimId, evidenceId: newest, reason: 'withdrawn newest' },
      metadata: metadata(alice),
    });
    await run(claimId, attachEvidence(claimId, newId('evidence')));
    await run(claimId, {
      type: 'ReviseClaim',
      data: { claimId, statement, reason: 'revised' },
      metadata: metadata(alice),
    });
    await run(claimId, {
      type: 'WithdrawEvidence',
      data: { claimId, evidenceId: older, reason: 'withdrawn older' },
      metadata: metadata(alice),
    });
  };

  /** The live read model: the incremental projector over the whole log. */
  const projected = async () => {
    const db = env.readModel();
    const projector = env.projector(db);
    projector.start();
    expect(await projector.waitFor(await env.store.headPosition(), 30_000)).toBe(true);
    await projector.stop();
    return db;
  };

  it('leaves the same rows, schema and search answers as the incremental projector, across many batches', async () => {
    const debate = await buildDebate(env.store, 300);
    await editTexts(debate.claimIds[4]!, 'Claim 4 revised after the summit'); // index 3 is retracted
    const anchored = await proposeAnchored(debate.sourceId);
    const live = await projected();

    const { file, position } = await rebuildReadModel(env.dir.path, env.store, PROJECTIONS, undefined, {
      batchSize: 97,
    });
    expect(position).toBe(BigInt(debate.events + 7));
    expect(currentReadModelFile(env.dir.path)).toBe(file);
    expect(readdirSync(env.dir.path).filter((name) => name.endsWith('.building'))).toEqual([]);
    expect(existsSync(`${file}-wal`)).toBe(false);

    const rebuilt = new Database(file, { readonly: true });
    try {
      expect(dumpReadModel(rebuilt)).toEqual(dumpReadModel(live));
      expect(rebuilt.prepare(SCHEMA).all()).toEqual(live.prepare(SCHEMA).all());
      expect(plans(rebuilt)).toEqual(plans(live));
      expect(answers(rebuilt)).toEqual(answers(live));
      const rebuiltAnswers = answers(rebuilt);
      for (const term of ['"changed the region"', 'answer: resolve', 'statement: revise', 'chang*'])
        expect(rebuiltAnswers[term]).not.toEqual([]);
      expect(rebuiltAnswers['quote: subject']).toEqual([expect.objectContaining({ item_id: anchored })]);
      // A re-anchored claim is found by the words it now quotes.
      expect(rebuiltAnswers['quote: dushanbe']).not.toEqual([]);
      expect(rebuiltAnswers['sources']).toEqual([expect.objectContaining({ source_id: debate.sourceId })]);
      expect(storedLabels(rebuilt)).toEqual(labelsFromScratch(rebuilt));
      expect(rebuilt.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(rebuilt.pragma('journal_mode', { simple: true })).toBe('delete'); // self-contained until opened
    } finally {
      rebuilt.close();
    }
    // verify replays incrementally: the rebuilt generation is now the current one it checks.
    const report = await verifyReadModel(env.dir.path, env.store, PROJECTIONS);
    expect(report.position).toBe(position);
    expect(report.differences).toEqual([]);
  });

  it('hands over a file the live projector goes on with (WAL, synchronous NORMAL, search rows found by rowid)', async () => {
    const debate = await buildDebate(env.store, 30);
    const live = await projected();
    const { file } = await rebuildReadModel(env.dir.path, env.store, PROJECTIONS);

    const db = openReadModel(file, PROJECTIONS); // as the server and the swapper open it
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    const projector = env.projector(db);
    projector.start();
    const claimId = newId('claim');
    await run(claimId, proposeClaim(claimId, 'A claim after the rebuild'));
    await editTexts(claimId, 'A claim after the rebuild, revised');
    await editTexts(debate.claimIds[0]!, 'Claim 0 revised after the rebuild');
    const head = await env.store.headPosition();
    expect(await projector.waitFor(head, 10_000)).toBe(true);
    await projector.stop();

    const incremental = env.projector(live);
    incremental.start();
    expect(await incremental.waitFor(head, 10_000)).toBe(true);
    await incremental.stop();
    expect(dumpReadModel(db)).toEqual(dumpReadModel(live));
    expect(answers(db)).toEqual(answers(live));
    expect(
      db
        .prepare(SEARCH)
        .all('rebuild')
        .map((row) => (row as { item_id: string }).item_id),
    ).toContain(claimId);
    db.close();
  });

  it('a rebuild that fails part-way leaves the current generation in place and no file behind', async () => {
    await buildDebate(env.store, 20);
    const before = currentReadModelName(env.dir.path);
    const stop = new Error('stopped mid-load');
    await expect(
      rebuildReadModel(
        env.dir.path,
        env.store,
        PROJECTIONS,
        (position) => {
          if (position > 100n) throw stop;
        },
        { batchSize: 50 },
      ),
    ).rejects.toBe(stop);
    expect(currentReadModelName(env.dir.path)).toBe(before);
    expect(readdirSync(env.dir.path).filter((name) => name.startsWith('read-model-'))).toEqual([]);
  });
});
