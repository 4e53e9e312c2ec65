import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { ClaimCommand } from '../../src/claims/domain/claim.decider.js';
import { claimDecider } from '../../src/claims/domain/claim.decider.js';
import type { RelationKind } from '../../src/claims/domain/claim.values.js';
import { handleCommand } from '../../src/event-sourcing/handle-command.js';
import { newId } from '../../src/event-sourcing/ids.js';
import { UpcasterRegistry } from '../../src/event-sourcing/upcasters.js';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import { ClaimAtService } from '../../src/claims/history/claim-at.service.js';
import { ClaimsAtMoment } from '../../src/claims/history/claims-at-moment.js';
import type {
  HistoricalClaimView,
  HistoricalRelationView,
} from '../../src/claims/history/historical-claim.view.js';
import { EventStoreHistoryReader } from '../../src/claims/history/history.reader.js';
import { SqliteHistoryReader } from '../../src/claims/history/sqlite-history.reader.js';
import {
  claimStream,
  linkClaims,
  proposeClaim,
  raiseCounterpoint,
  respondToCounterpoint,
  retractClaim,
  seededRandom,
  tagClaim,
} from '../support/claim-helpers.js';
import { tempDir } from '../support/temp-dir.js';
import { unlink } from './history-fixture.js';

const KINDS: RelationKind[] = ['ATTACKS', 'UNDERCUTS', 'ATTACKS', 'SUPPORTS', 'REFINES'];

/** What a claim view takes from the graph, with the claims at the ends of its relations as they stood. */
const standing = async (claim: HistoricalClaimView | null) =>
  claim && {
    id: claim.id,
    version: claim.version,
    status: claim.status,
    acceptability: claim.acceptability,
    defeatedBy: claim.defeatedBy,
    relations: claim.relations!.map(({ kind, fromId, toId, linkedAt }) => ({ kind, fromId, toId, linkedAt })),
  };

/**
 * The embedded store labels a claim seen at a moment from its neighbourhood, found through the link-target
 * index; the port reader labels it from the whole graph. On a random debate dense in attack cycles, through
 * the real deciders into a real SQLite file, both must show every claim alike at every moment.
 */
describe('a claim at a moment: labelled from its neighbourhood as from the whole graph', () => {
  const dir = tempDir('history-neighbourhood');
  let store: SqliteEventStore;
  const claimIds: string[] = [];

  beforeAll(async () => {
    store = SqliteEventStore.open({ file: join(dir.path, 'events.db'), synchronous: 'NORMAL' });
    const random = seededRandom(2025);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const live: string[] = [];
    const links = new Map<string, Array<{ toClaimId: string; kind: RelationKind }>>();
    const open = new Map<string, string[]>();
    const run = (claimId: string, command: ClaimCommand) =>
      handleCommand(store, claimStream(claimId), claimDecider, command);
    for (let step = 0; step < 320; step++) {
      const roll = random();
      if (live.length < 3 || (claimIds.length < 30 && roll < 0.12)) {
        const claimId = newId('claim');
        await run(claimId, proposeClaim(claimId, `Claim ${claimIds.length}`));
        claimIds.push(claimId);
        live.push(claimId);
        links.set(claimId, []);
        open.set(claimId, []);
        continue;
      }
      const claimId = pick(live);
      const made = links.get(claimId)!;
      if (roll < 0.6) {
        const toClaimId = pick(live);
        const kind = pick(KINDS);
        if (toClaimId === claimId || made.some((link) => link.toClaimId === toClaimId && link.kind === kind))
          continue;
        await run(claimId, linkClaims(claimId, toClaimId, kind));
        made.push({ toClaimId, kind });
      } else if (roll < 0.68 && made.length > 0) {
        const { toClaimId, kind } = made.splice(Math.floor(random() * made.length), 1)[0]!;
        await run(claimId, unlink(claimId, toClaimId, kind));
      } else if (roll < 0.82) {
        const counterpointId = newId('counterpoint');
        await run(claimId, raiseCounterpoint(claimId, counterpointId));
        open.get(claimId)!.push(counterpointId);
      } else if (roll < 0.96 && open.get(claimId)!.length > 0) {
        await run(
          claimId,
          respondToCounterpoint(
            claimId,
            open.get(claimId)!.shift()!,
            pick(['ANSWERED', 'CONCEDED', 'DISMISSED'] as const),
          ),
        );
      } else if (roll >= 0.98) {
        await run(claimId, retractClaim(claimId));
        live.splice(live.indexOf(claimId), 1);
      }
    }
  });

  afterAll(async () => {
    await store.close();
    dir.remove();
  });

  it('shows every claim alike at moment after moment: label, defeaters, relations, and the claims at their ends', async () => {
    const sqlite = new SqliteHistoryReader(store);
    const port = new EventStoreHistoryReader(store);
    expect(sqlite.neighbourhood).toBeDefined();
    const head = await store.headPosition();
    const labels = new Set<string>();
    for (let position = 1n; position <= head; position += 17n) {
      const around = new ClaimsAtMoment(sqlite, { position });
      const whole = new ClaimsAtMoment(port, { position });
      for (const claimId of [...claimIds, newId('claim')]) {
        const seen = await around.claim(claimId);
        expect(await standing(seen)).toEqual(await standing(await whole.claim(claimId)));
        if (seen) labels.add(seen.acceptability);
        // The claims at the ends of its relations, as the GraphQL relation resolver asks for them.
        for (const relation of (seen?.relations ?? []) as HistoricalRelationView[]) {
          for (const end of [relation.fromId, relation.toId]) {
            expect(await standing(await relation.claimAt(end))).toEqual(
              await standing(await whole.claim(end)),
            );
          }
        }
      }
    }
    // Cycles and defeats did occur: the comparison covered every label.
    expect([...labels].sort()).toEqual(['IN', 'OUT', 'UNDECIDED']);
    sqlite.onApplicationShutdown();
  });

  it('keeps a version’s label after later attacks on the claim and on its attackers, and shows them from then on', async () => {
    const sqlite = new SqliteHistoryReader(store);
    const claims = new ClaimAtService(sqlite);
    const run = (claimId: string, command: ClaimCommand) =>
      handleCommand(store, claimStream(claimId), claimDecider, command);
    const propose = async (statement: string) => {
      const claimId = newId('claim');
      await run(claimId, proposeClaim(claimId, statement));
      return claimId;
    };
    const target = await propose('Central Asia acts on its own');
    const attacker = await propose('Moscow still sets the security agenda');
    const defender = await propose('The CSTO exercises were planned in Astana');
    await run(attacker, linkClaims(attacker, target, 'ATTACKS'));
    const tagged = (await run(target, tagClaim(target, ['summit']))).events[0]!;
    const atVersion = async () => standing(await claims.claimAt(target, { atVersion: tagged.version }));
    const then = await atVersion();
    expect(then).toMatchObject({ acceptability: 'OUT', defeatedBy: [attacker], version: tagged.version });

    await run(defender, linkClaims(defender, attacker, 'UNDERCUTS'));
    await run(defender, linkClaims(defender, target, 'SUPPORTS'));
    expect(await atVersion()).toEqual(then);
    const head = await store.headPosition();
    const now = await new ClaimsAtMoment(sqlite, { position: head }).claim(target);
    expect(now).toMatchObject({ acceptability: 'IN', defeatedBy: [] });
    expect(await standing(now)).toEqual(
      await standing(
        await new ClaimsAtMoment(new EventStoreHistoryReader(store), { position: head }).claim(target),
      ),
    );
    sqlite.onApplicationShutdown();
  });

  it('indexes links by target on a log written before the reader, once, and reads through indexes', () => {
    const file = join(dir.path, 'events.db');
    const indexOf = (db: Database.Database) =>
      db.prepare("SELECT sql FROM sqlite_master WHERE name = 'events_link_target'").pluck().get() as
        string | undefined;
    const first = new SqliteHistoryReader(store);
    const second = new SqliteHistoryReader(store); // idempotent
    const db = new Database(file, { readonly: true });
    expect(indexOf(db)).toMatch(/WHERE type = 'ClaimLinked'/);
    const plan = (sql: string, ...params: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>)
        .map((row) => row.detail)
        .join(' | ');
    const statements = (first as unknown as { prepared(): Record<string, Database.Statement> }).prepared();
    expect(plan(statements['links']!.source, '[]', 1)).toMatch(/USING INDEX events_link_target/);
    expect(plan(statements['streamGraph']!.source, '[]', 1)).toMatch(
      /USING INDEX sqlite_autoindex_events_\d \(stream_id=\?/,
    );
    db.close();
    first.onApplicationShutdown();
    second.onApplicationShutdown();
  });

  it('reads the whole graph instead when an upcaster reshapes graph events (the index holds stored fields)', () => {
    const registry = new UpcasterRegistry(
      [{ type: 'ClaimLinked', fromVersion: 1, upcast: (data) => data }],
      2,
    );
    const reader = new SqliteHistoryReader(store, registry);
    expect(reader.neighbourhood).toBeUndefined();
    reader.onApplicationShutdown();
  });
});
