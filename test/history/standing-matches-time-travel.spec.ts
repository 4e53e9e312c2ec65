import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { ClaimCommand } from '../../src/claims/domain/claim.decider.js';
import { claimDecider } from '../../src/claims/domain/claim.decider.js';
import type { CounterpointResolution, RelationKind } from '../../src/claims/domain/claim.values.js';
import type { Label } from '../../src/claims/domain/grounded-labelling.js';
import { ClaimsAtMoment } from '../../src/claims/history/claims-at-moment.js';
import { SqliteHistoryReader } from '../../src/claims/history/sqlite-history.reader.js';
import { ClaimtrailError } from '../../src/event-sourcing/errors.js';
import { handleCommand } from '../../src/event-sourcing/handle-command.js';
import { newId } from '../../src/event-sourcing/ids.js';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import { PROJECTIONS } from '../../src/projections.js';
import { openReadModel } from '../../src/read-model/read-model.database.js';
import { rebuildReadModel, replayInto } from '../../src/read-model/rebuild.js';
import {
  alice,
  bob,
  claimStream,
  erin,
  linkClaims,
  metadata,
  proposeClaim,
  raiseCounterpoint,
  respondToCounterpoint,
  retractClaim,
  seededRandom,
} from '../support/claim-helpers.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * The standing history (standing.projection.ts) against time travel, over random argument graphs: after
 * every event of the log, each claim's label as argumentGraph(asOf) folds it from the log equals the label
 * of its last recorded change, so every recorded change is right and none is missing. A bulk rebuild and a
 * replay one event at a time record the same history.
 */
const KINDS: readonly RelationKind[] = ['ATTACKS', 'ATTACKS', 'UNDERCUTS', 'SUPPORTS', 'REFINES'];
const RESOLUTIONS: readonly CounterpointResolution[] = ['ANSWERED', 'CONCEDED', 'DISMISSED'];

/**
 * A random debate among a dozen claims: attacks (cycles included), unlinks, counterpoints (answered, conceded,
 * dismissed, reopened), retractions.
 */
const randomDebate = async (store: SqliteEventStore, seed: number, steps: number) => {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const claims: string[] = [];
  const links: Array<{ from: string; to: string; kind: RelationKind }> = [];
  const open: Array<{ claimId: string; counterpointId: string }> = [];
  // Answered or dismissed: an editor may reopen them, and they attack their claim again.
  const reopenable: Array<{ claimId: string; counterpointId: string }> = [];
  const run = async (claimId: string, command: ClaimCommand) => {
    try {
      await handleCommand(store, claimStream(claimId), claimDecider, command);
    } catch (error) {
      // The deciders refuse what the walk gets wrong (a link to a retracted claim, say): that is fine here.
      if (!(error instanceof ClaimtrailError)) throw error;
    }
  };
  for (let index = 0; index < 12; index++) {
    const claimId = newId('claim');
    claims.push(claimId);
    await run(claimId, proposeClaim(claimId, `Claim number ${index} of the debate`));
  }
  for (let step = 0; step < steps; step++) {
    const roll = random();
    if (roll < 0.45) {
      const from = pick(claims);
      const to = pick(claims.filter((claimId) => claimId !== from));
      const kind = pick(KINDS);
      links.push({ from, to, kind });
      await run(from, linkClaims(from, to, kind, pick([alice, bob])));
    } else if (roll < 0.6 && links.length > 0) {
      const { from, to, kind } = links.splice(Math.floor(random() * links.length), 1)[0]!;
      await run(from, {
        type: 'UnlinkClaims',
        data: { claimId: from, toClaimId: to, kind, reason: 'Not an attack after all' },
        metadata: metadata(erin),
      });
    } else if (roll < 0.75) {
      const claimId = pick(claims);
      const counterpointId = newId('counterpoint');
      open.push({ claimId, counterpointId });
      await run(claimId, raiseCounterpoint(claimId, counterpointId, bob));
    } else if (roll < 0.9 && open.length > 0) {
      const { claimId, counterpointId } = open.splice(Math.floor(random() * open.length), 1)[0]!;
      const resolution = pick(RESOLUTIONS);
      await run(claimId, respondToCounterpoint(claimId, counterpointId, resolution, erin));
      if (resolution !== 'CONCEDED') reopenable.push({ claimId, counterpointId });
    } else if (roll < 0.97 && reopenable.length > 0) {
      const reopened = reopenable.splice(Math.floor(random() * reopenable.length), 1)[0]!;
      open.push(reopened);
      await run(reopened.claimId, {
        type: 'ReopenCounterpoint',
        data: { ...reopened, text: 'The answer leaves the point standing', reason: 'Rebutted' },
        metadata: metadata(erin),
      });
    } else if (roll >= 0.97) {
      const claimId = pick(claims);
      await run(claimId, retractClaim(claimId, erin));
    }
  }
  return claims;
};

interface Change {
  readonly claim_id: string;
  readonly position: number;
  readonly from_label: Label | null;
  readonly to_label: Label;
}

describe.each([1, 2, 3, 4, 5, 6])('standing history over a random debate (seed %i)', (seed) => {
  const dir = tempDir(`standing-${seed}`);
  let store: SqliteEventStore;
  let claims: string[];
  let changes: Change[];
  let replayed: Database.Database;
  beforeAll(async () => {
    store = SqliteEventStore.open({ file: join(dir.path, 'events.db'), synchronous: 'NORMAL' });
    claims = await randomDebate(store, seed, 140);
    // One event at a time, as a live projector meets them…
    replayed = openReadModel(join(dir.path, 'replayed.db'), PROJECTIONS);
    for (let position = 1n; position <= (await store.headPosition()); position++) {
      await replayInto(replayed, store, PROJECTIONS, { toPosition: position });
    }
    changes = replayed
      .prepare(
        'SELECT claim_id, position, from_label, to_label FROM claim_standing ORDER BY position, claim_id',
      )
      .all() as Change[];
  }, 60_000);
  afterAll(async () => {
    replayed.close();
    await store.close();
    dir.remove();
  });

  it('labels every claim, after every event, as time travel folds it from the log', async () => {
    const reader = new SqliteHistoryReader(store);
    try {
      const head = Number(await store.headPosition());
      const lastChange = new Map<string, Label>();
      let next = 0;
      let flips = 0;
      for (let position = 1; position <= head; position++) {
        for (; next < changes.length && changes[next]!.position === position; next++) {
          const change = changes[next]!;
          if (change.from_label !== null) flips++;
          // A change is a change: from one label to another (or into the graph).
          expect(change.from_label).not.toBe(change.to_label);
          expect(change.from_label).toBe(lastChange.get(change.claim_id) ?? null);
          lastChange.set(change.claim_id, change.to_label);
        }
        const graph = await new ClaimsAtMoment(reader, { position: BigInt(position) }).graphState();
        const { labels } = graph.labelling();
        for (const claimId of claims) {
          if (!graph.exists(claimId)) continue;
          // Time travel leaves a retracted claim out of the labelling; the read model shows it OUT.
          const expected = graph.isLive(claimId) ? labels.get(claimId) : 'OUT';
          expect([claimId, position, lastChange.get(claimId)]).toEqual([claimId, position, expected]);
        }
      }
      // The walk is worth its name: labels did move, more than once per claim on average.
      expect(flips).toBeGreaterThan(claims.length);
      // And reopened counterpoints (an editor's rebuttals), which attack their claim again.
      const rebuttals = replayed
        .prepare("SELECT count(*) FROM counterpoint_thread WHERE kind = 'REBUTTAL'")
        .pluck()
        .get() as number;
      expect(rebuttals).toBeGreaterThan(0);
    } finally {
      reader.onApplicationShutdown();
    }
  });

  it('records the same history when the log is rebuilt in bulk batches', async () => {
    const { file } = await rebuildReadModel(dir.path, store, PROJECTIONS, undefined, { batchSize: 37 });
    const rebuilt = new Database(file, { readonly: true });
    try {
      const all = (db: Database.Database, table: string) =>
        db.prepare(`SELECT * FROM ${table} ORDER BY claim_id, position`).all();
      expect(all(rebuilt, 'claim_standing')).toEqual(all(replayed, 'claim_standing'));
      expect(all(rebuilt, 'claim_influences')).toEqual(all(replayed, 'claim_influences'));
    } finally {
      rebuilt.close();
    }
  });
});
