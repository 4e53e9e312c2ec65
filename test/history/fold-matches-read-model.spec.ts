import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { ClaimsQueries } from '../../src/claims/read-model/claims.queries.js';
import type { ClaimView, CounterpointView } from '../../src/claims/read-model/claim.views.js';
import type { StoredEvent } from '../../src/event-sourcing/event-store.js';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import { ClaimsAtMoment } from '../../src/claims/history/claims-at-moment.js';
import { GraphAtService } from '../../src/claims/history/graph-at.service.js';
import { PROJECTIONS } from '../../src/projections.js';
import { openReadModel } from '../../src/read-model/read-model.database.js';
import { buildDebate, type Debate } from '../support/debate-workload.js';
import { tempDir } from '../support/temp-dir.js';
import { closeReader, readerFor, READER_KINDS } from './history-fixture.js';
import { applyDirectly } from '../support/read-model-env.js';

/** A read model that applied exactly the events up to a position, as the projector applies a batch. */
const readModelAt = (events: readonly StoredEvent[]): Database.Database => {
  const db = openReadModel(':memory:', PROJECTIONS);
  applyDirectly(db, events);
  return db;
};

/** Every field of a claim view but the lists loaded per field; read one by one (a folded view's are getters). */
const SCALAR_FIELDS = [
  'id',
  'statement',
  'status',
  'tags',
  'attributedTo',
  'anchor',
  'assessment',
  'acceptability',
  'defeatedBy',
  'version',
  'createdBy',
  'createdAt',
  'updatedAt',
] as const satisfies ReadonlyArray<keyof ClaimView>;

/** The read model loads a counterpoint's thread apart (when asked for); a fold has it in the view. */
const withThreads = (queries: ClaimsQueries, counterpoints: readonly CounterpointView[]) => {
  const threads = queries.threadsFor(counterpoints.map((counterpoint) => counterpoint.id));
  return counterpoints.map((counterpoint) => ({ ...counterpoint, thread: threads.get(counterpoint.id) }));
};

/** What GraphQL shows of a claim, from either side; tags as a set (the read model keeps them sorted). */
const comparable = (
  claim: ClaimView,
  parts: Pick<ClaimView, 'evidence' | 'counterpoints' | 'relations'>,
) => ({
  ...Object.fromEntries(SCALAR_FIELDS.map((field) => [field, claim[field]])),
  // A folded anchor also names its moment (for its source as of then); the words are what must agree.
  anchor: claim.anchor && { sourceId: claim.anchor.sourceId, quote: claim.anchor.quote },
  tags: [...claim.tags].sort(),
  evidence: parts.evidence,
  counterpoints: parts.counterpoints,
  relations: parts.relations?.map(({ kind, fromId, toId, rationale, linkedBy, linkedAt }) => ({
    kind,
    fromId,
    toId,
    rationale,
    linkedBy,
    linkedAt,
  })),
});

/**
 * Two independent roads to the same past: the projector's read model of the log cut at a position, and the
 * fold of the streams cut at that position. Every claim, every field, at several moments of a debate that
 * has every kind of event (revisions, withdrawals, answered, conceded, rebutted and re-answered
 * counterpoints, re-anchored claims, attack cycles, unlinks, retractions).
 */
describe('time travel agrees with the read model built from the same prefix of the log', () => {
  const dir = tempDir('history-equivalence');
  let store: SqliteEventStore;
  let debate: Debate;
  let cuts: bigint[];
  beforeAll(async () => {
    store = SqliteEventStore.open({ file: join(dir.path, 'events.db'), synchronous: 'NORMAL' });
    debate = await buildDebate(store, 40, 3);
    const head = await store.headPosition();
    cuts = [head / 5n, head / 2n, (head * 4n) / 5n, head];
  });
  afterAll(async () => {
    await store.close();
    dir.remove();
  });

  it.each(READER_KINDS)('every claim at every cut (%s reader)', async (kind) => {
    const reader = readerFor(store, kind);
    let compared = 0;
    for (const position of cuts) {
      const db = readModelAt(await store.readAll({ toPosition: position }));
      const queries = new ClaimsQueries(db);
      // One claim at a time; a batch, as a graph reads its nodes; and all of them from one pass over the log.
      const moment = new ClaimsAtMoment(reader, { position });
      const batch = new Map(
        (await new ClaimsAtMoment(reader, { position }).claims(debate.claimIds)).map((claim) => [
          claim.id,
          claim,
        ]),
      );
      const onePass = new ClaimsAtMoment(reader, { position });
      await onePass.everyClaim();
      const together = new Map((await onePass.claims(debate.claimIds)).map((claim) => [claim.id, claim]));
      expect([...together.keys()].sort()).toEqual([...batch.keys()].sort());
      expect((await onePass.graphState()).labelling()).toEqual((await moment.graphState()).labelling());
      for (const claimId of debate.claimIds) {
        const folded = await moment.claim(claimId);
        const withoutFunctions = (claim: ClaimView | null | undefined) => claim && comparable(claim, claim);
        expect(withoutFunctions(together.get(claimId) ?? null)).toEqual(withoutFunctions(folded));
        expect(withoutFunctions(batch.get(claimId) ?? null)).toEqual(withoutFunctions(folded));
        const projected = queries.claim(claimId);
        if (!projected) {
          expect(folded).toBeNull();
          continue;
        }
        expect(comparable(folded!, folded!)).toEqual(
          comparable(projected, {
            evidence: queries.evidenceFor([claimId]).get(claimId),
            counterpoints: withThreads(queries, queries.counterpointsFor([claimId]).get(claimId)!),
            relations: queries.relationsFor([claimId]).get(claimId),
          }),
        );
        compared++;
      }
      db.close();
    }
    expect(compared).toBeGreaterThan(debate.claimIds.length * 2);
    closeReader(reader);
  });

  it('labels the whole graph as of a time exactly as the read model of that time does', async () => {
    const reader = readerFor(store, 'sqlite');
    const graphs = new GraphAtService(reader);
    for (const cut of cuts) {
      const [event] = await store.readAll({ fromPosition: cut - 1n, toPosition: cut });
      // Events of one group commit share their recording time: the moment of that time is the last of them.
      const position = await store.positionAt(event!.recordedAt);
      expect(position).toBeGreaterThanOrEqual(cut);
      const db = readModelAt(await store.readAll({ toPosition: position }));
      const live = db
        .prepare('SELECT id, acceptability, defeated_by FROM claims WHERE retracted = 0')
        .all() as Array<{ id: string; acceptability: string; defeated_by: string }>;
      const graph = await graphs.graphAt(null, 3, event!.recordedAt.toISOString());
      const labelled = Object.fromEntries(
        graph.nodes.map((node) => [node.id, [node.acceptability, node.defeatedBy]]),
      );
      expect(labelled).toEqual(
        Object.fromEntries(live.map((row) => [row.id, [row.acceptability, JSON.parse(row.defeated_by)]])),
      );
      db.close();
    }
    closeReader(reader);
  });
});
