import type { RelationKind } from '../../src/claims/domain/claim.values.js';
import type { ArgumentGraphState } from '../../src/claims/history/argument-graph.state.js';
import type { GraphEvent } from '../../src/claims/history/graph-event.js';
import type { NeighbourhoodReader } from '../../src/claims/history/history.reader.js';
import { seededRandom } from '../support/claim-helpers.js';

const KINDS: readonly RelationKind[] = [
  'ATTACKS',
  'UNDERCUTS',
  'ATTACKS',
  'SUPPORTS',
  'REFINES',
  'DUPLICATES',
];
const RESOLUTIONS = ['ANSWERED', 'CONCEDED', 'DISMISSED'] as const;

/**
 * A random log of graph events over a few claims, dense in attacks so that it has chains, cycles (mutual
 * attacks, longer rings, odd and even), unlinks, counterpoints resolved every way (and answers or dismissals
 * reopened) and retractions, as the
 * deciders allow them: links only between live claims and never to the claim itself, a (to, kind) link at
 * most once at a time, nothing from a retracted claim.
 */
export const randomGraphLog = (seed: number, claims = 12, length = 80): GraphEvent[] => {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const events: GraphEvent[] = [];
  const live: string[] = [];
  const links = new Map<string, Array<{ toClaimId: string; kind: RelationKind }>>();
  const open = new Map<string, string[]>();
  const reopenable = new Map<string, string[]>();
  let proposed = 0;
  let position = 0n;
  while (events.length < length) {
    position += 1n + BigInt(Math.floor(random() * 3)); // other streams' events between graph events
    const roll = random();
    if (proposed < claims && (live.length < 2 || roll < 0.15)) {
      const claimId = `clm_${seed}_${proposed++}`;
      live.push(claimId);
      links.set(claimId, []);
      open.set(claimId, []);
      reopenable.set(claimId, []);
      events.push({ type: 'ClaimProposed', claimId, position });
      continue;
    }
    if (live.length === 0) break;
    const claimId = pick(live);
    if (roll < 0.6) {
      const toClaimId = pick(live);
      const kind = pick(KINDS);
      const made = links.get(claimId)!;
      if (toClaimId === claimId || made.some((link) => link.toClaimId === toClaimId && link.kind === kind))
        continue;
      made.push({ toClaimId, kind });
      const by = { id: 'alice', role: 'ANALYST' } as const;
      events.push({
        type: 'ClaimLinked',
        claimId,
        position,
        toClaimId,
        kind,
        rationale: null,
        by,
        at: `t${position}`,
      });
    } else if (roll < 0.7 && links.get(claimId)!.length > 0) {
      const made = links.get(claimId)!;
      const { toClaimId, kind } = made.splice(Math.floor(random() * made.length), 1)[0]!;
      events.push({ type: 'ClaimUnlinked', claimId, position, toClaimId, kind });
    } else if (roll < 0.82) {
      const counterpointId = `cpt_${seed}_${events.length}`;
      open.get(claimId)!.push(counterpointId);
      events.push({ type: 'CounterpointRaised', claimId, position, counterpointId });
    } else if (roll < 0.95 && open.get(claimId)!.length > 0) {
      const counterpointId = open.get(claimId)!.shift()!;
      const resolution = pick(RESOLUTIONS);
      if (resolution !== 'CONCEDED') reopenable.get(claimId)!.push(counterpointId);
      events.push({ type: 'CounterpointResolved', claimId, position, counterpointId, resolution });
    } else if (roll < 0.97 && reopenable.get(claimId)!.length > 0) {
      const counterpointId = reopenable.get(claimId)!.shift()!;
      open.get(claimId)!.push(counterpointId);
      events.push({ type: 'CounterpointReopened', claimId, position, counterpointId });
    } else if (roll >= 0.97) {
      live.splice(live.indexOf(claimId), 1);
      events.push({ type: 'ClaimRetracted', claimId, position });
    }
  }
  return events;
};

/** Every claim a log mentions, proposed or linked to. */
export const claimIdsOf = (events: readonly GraphEvent[]): string[] => [
  ...new Set(events.map((event) => event.claimId)),
];

/** The events of the log up to a position (inclusive). */
export const upTo = (events: readonly GraphEvent[], position: bigint): GraphEvent[] =>
  events.filter((event) => event.position <= position);

/** The neighbourhood reads over a log in memory: what the SQLite reader answers from its indexes. */
export const memoryNeighbourhood = (events: readonly GraphEvent[]): NeighbourhoodReader => ({
  linksTo: async (toClaimIds, toPosition) =>
    upTo(events, toPosition).flatMap((event) =>
      event.type === 'ClaimLinked' && toClaimIds.includes(event.toClaimId)
        ? [{ fromClaimId: event.claimId, toClaimId: event.toClaimId, kind: event.kind }]
        : [],
    ),
  graphEventsOf: async (claimIds, toPosition) =>
    upTo(events, toPosition).filter((event) => claimIds.includes(event.claimId)),
});

/** What a claim view takes from a graph: existence, liveness, label, defeaters and relations. */
export const standingOf = (graph: ArgumentGraphState, claimId: string) => {
  const { labels, defeatedBy } = graph.labelling();
  return {
    exists: graph.exists(claimId),
    live: graph.isLive(claimId),
    label: labels.get(claimId),
    defeatedBy: defeatedBy.get(claimId),
    relations: graph.relationsOf(claimId),
  };
};
