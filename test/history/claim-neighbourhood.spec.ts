import { describe, expect, it } from '@jest/globals';
import { ArgumentGraphState } from '../../src/claims/history/argument-graph.state.js';
import { NeighbourhoodGraphs, widenNeighbourhood } from '../../src/claims/history/claim-neighbourhood.js';
import type { GraphEvent } from '../../src/claims/history/graph-event.js';
import type { LinkMade, NeighbourhoodReader } from '../../src/claims/history/history.reader.js';
import { seededRandom } from '../support/claim-helpers.js';
import { claimIdsOf, memoryNeighbourhood, randomGraphLog, standingOf, upTo } from './random-graph-log.js';

const link = (from: string, to: string, kind: LinkMade['kind']): LinkMade => ({
  fromClaimId: from,
  toClaimId: to,
  kind,
});

/**
 * A claim is labelled from its neighbourhood (the claims above it along attacks, and those linked to it)
 * instead of the whole graph. Grounded labels are directional, so the two must agree on every claim at every
 * moment; these specs would fail if the neighbourhood left out a claim the label or the relations depend on.
 */
describe('a claim labelled from its neighbourhood', () => {
  it('follows attacks upwards, takes every claim linked to the claim itself, and nothing else', async () => {
    // a ATTACKS b UNDERCUTS c; d SUPPORTS c, e ATTACKS d, f SUPPORTS d; c ATTACKS g; a and h attack each other.
    const links = [
      link('a', 'b', 'ATTACKS'),
      link('b', 'c', 'UNDERCUTS'),
      link('d', 'c', 'SUPPORTS'),
      link('e', 'd', 'ATTACKS'),
      link('f', 'd', 'SUPPORTS'),
      link('c', 'g', 'ATTACKS'),
      link('h', 'a', 'ATTACKS'),
      link('a', 'h', 'ATTACKS'),
    ];
    const asked: string[][] = [];
    const linksTo = async (targets: readonly string[]) => {
      asked.push([...targets].sort());
      return links.filter((made) => targets.includes(made.toClaimId));
    };
    const members = new Set<string>();
    expect((await widenNeighbourhood(members, 'c', linksTo))!.sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'h']);
    // One read per step up the graph, each claim asked about once.
    expect(asked).toEqual([['c'], ['b', 'd'], ['a', 'e'], ['h']]);
    // Widening for g adds only what c's neighbourhood lacked: g itself (c, above it, is a member already).
    expect(await widenNeighbourhood(members, 'g', linksTo)).toEqual(['g']);
    // Widening for d, a member already: the claims linked to it by other kinds come in, with their attackers.
    expect(await widenNeighbourhood(members, 'd', linksTo)).toEqual(['f']);
    expect([...members].sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    expect((await widenNeighbourhood(new Set(), 'g', linksTo))!.sort()).toEqual(['a', 'b', 'c', 'g', 'h']);
    expect(await widenNeighbourhood(new Set(), 'g', linksTo, 3)).toBeUndefined();
  });

  it('gives every claim of random graphs with cycles the label, defeaters and relations of the whole graph, at every moment', async () => {
    let compared = 0;
    let smaller = 0;
    let outgrown = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const log = randomGraphLog(seed, 4 + (seed % 14), 20 + (seed % 7) * 15);
      const random = seededRandom(seed);
      const reader = memoryNeighbourhood(log);
      for (const { position } of log.filter((_, index) => index % 6 === 5 || index === log.length - 1)) {
        const whole = ArgumentGraphState.fold(upTo(log, position));
        // Claims asked in a random order of one moment: each widens the neighbourhood the others left.
        const claimIds = [...claimIdsOf(log), 'clm_never_proposed'].sort(() => random() - 0.5);
        const shared = new NeighbourhoodGraphs(reader, position);
        const small = new NeighbourhoodGraphs(reader, position, 4);
        for (const claimId of claimIds) {
          for (const graph of [
            await new NeighbourhoodGraphs(reader, position).around(claimId),
            await shared.around(claimId),
            await small.around(claimId),
          ]) {
            if (!graph) {
              outgrown++;
              continue;
            }
            expect({ claimId, position, ...standingOf(graph, claimId) }).toEqual({
              claimId,
              position,
              ...standingOf(whole, claimId),
            });
            if (graph.liveClaimIds().length < whole.liveClaimIds().length) smaller++;
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(10_000);
    // Not the whole graph under another name: most neighbourhoods leave claims out.
    expect(smaller).toBeGreaterThan(compared / 4);
    // And past the limit, the caller is told to read the whole graph.
    expect(outgrown).toBeGreaterThan(500);
  });

  it('reads each claim’s links and stream once per moment, however many claims ask', async () => {
    const log: GraphEvent[] = randomGraphLog(7, 15, 120);
    const memory = memoryNeighbourhood(log);
    const reads = { links: new Map<string, number>(), streams: new Map<string, number>() };
    const count = (counts: Map<string, number>, ids: readonly string[]) => {
      for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
    };
    const counting: NeighbourhoodReader = {
      linksTo: (ids, position) => {
        count(reads.links, ids);
        return memory.linksTo(ids, position);
      },
      graphEventsOf: (ids, position) => {
        count(reads.streams, ids);
        return memory.graphEventsOf(ids, position);
      },
    };
    const around = new NeighbourhoodGraphs(counting, log.at(-1)!.position);
    await Promise.all(claimIdsOf(log).map((claimId) => around.around(claimId)));
    await around.around(claimIdsOf(log)[0]!);
    expect(Math.max(...reads.links.values(), ...reads.streams.values())).toBe(1);
  });
});
