import { describe, expect, it } from '@jest/globals';
import { ArgumentGraphState } from '../../src/claims/history/argument-graph.state.js';
import type { GraphEvent } from '../../src/claims/history/graph-event.js';
import { GraphCheckpoints } from '../../src/claims/history/graph-checkpoints.js';
import { seededRandom } from '../support/claim-helpers.js';
import { claimIdsOf, randomGraphLog, standingOf, upTo } from './random-graph-log.js';

/** Everything a graph answers, for every claim of the log. */
const everything = (graph: ArgumentGraphState, claimIds: readonly string[]) => ({
  live: graph.liveClaimIds(),
  labelling: graph.labelling(),
  claims: claimIds.map((claimId) => ({
    claimId,
    ...standingOf(graph, claimId),
    linksFrom: graph.linksFrom(claimId),
  })),
});

const between =
  (log: readonly GraphEvent[], reads: Array<[bigint, bigint]>) =>
  async (afterPosition: bigint, toPosition: bigint) => {
    reads.push([afterPosition, toPosition]);
    return log.filter((event) => event.position > afterPosition && event.position <= toPosition);
  };

/**
 * The graph at a position is folded on from a checkpoint below it. The answer must be the fold of the whole
 * log up to the position, whatever order positions are asked in and whichever checkpoints were dropped, and
 * folding on must leave the checkpoint as it was (it is shared by every later request).
 */
describe('graph checkpoints', () => {
  it('folding on from an earlier graph gives the fold from the start, and leaves the earlier graph as it was', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const log = randomGraphLog(seed, 10, 90);
      const claimIds = claimIdsOf(log);
      const cut = log[Math.floor(log.length / 2)]!.position;
      const earlier = ArgumentGraphState.fold(upTo(log, cut));
      const before = everything(earlier, claimIds);
      const later = ArgumentGraphState.fold(
        log.filter((event) => event.position > cut),
        earlier,
      );
      expect(everything(later, claimIds)).toEqual(everything(ArgumentGraphState.fold(log), claimIds));
      expect(everything(earlier, claimIds)).toEqual(before);
      // And a fresh state folded from the same earlier one, after the other was labelled.
      expect(everything(ArgumentGraphState.fold([], earlier), claimIds)).toEqual(before);
    }
  });

  it('relabels only where a few later events reach, and gets the labels of the whole fold', () => {
    for (let seed = 1; seed <= 8; seed++) {
      const log = randomGraphLog(seed, 40, 260);
      const claimIds = claimIdsOf(log);
      for (let cut = 100; cut < log.length - 1; cut += 13) {
        const earlier = ArgumentGraphState.fold(log.slice(0, cut));
        earlier.labelling(); // labelled first, as a checkpoint is by the requests before
        for (const more of [1, 2, 5]) {
          const events = log.slice(0, cut + more);
          const later = ArgumentGraphState.fold(log.slice(cut, cut + more), earlier);
          expect(everything(later, claimIds)).toEqual(everything(ArgumentGraphState.fold(events), claimIds));
        }
      }
    }
  });

  it('answers every position as the whole fold does, in any order, with checkpoints made, reused and dropped', async () => {
    for (let seed = 1; seed <= 15; seed++) {
      const log = randomGraphLog(seed, 12, 120);
      const claimIds = claimIdsOf(log);
      const random = seededRandom(seed * 31);
      const reads: Array<[bigint, bigint]> = [];
      const checkpoints = new GraphCheckpoints(between(log, reads), 9n, 2);
      const head = log.at(-1)!.position;
      let asked = 0n;
      for (let request = 0; request < 40; request++) {
        const position = 1n + BigInt(Math.floor(random() * Number(head)));
        asked += position;
        const graph = await checkpoints.at(position);
        expect(everything(graph, claimIds)).toEqual(
          everything(ArgumentGraphState.fold(upTo(log, position)), claimIds),
        );
      }
      // Less of the log read than a fold from the start per request would read (random access, two kept).
      const read = reads.reduce((sum, [after, to]) => sum + (to - after), 0n);
      expect(read).toBeLessThan(asked);
    }
  });

  it('reads the log once for requests in the same stretch, and only the stretch after the checkpoint', async () => {
    const log = randomGraphLog(5, 12, 200);
    const reads: Array<[bigint, bigint]> = [];
    const checkpoints = new GraphCheckpoints(between(log, reads), 100n, 2);
    await Promise.all([checkpoints.at(250n), checkpoints.at(260n), checkpoints.at(299n)]);
    expect(reads).toEqual([
      [0n, 200n],
      [200n, 250n],
      [200n, 260n],
      [200n, 299n],
    ]);
    reads.length = 0;
    await checkpoints.at(350n); // made from the one at 200: no read from the start
    expect(reads).toEqual([
      [200n, 300n],
      [300n, 350n],
    ]);
  });

  it('keeps no failed read', async () => {
    let fail = true;
    const checkpoints = new GraphCheckpoints(
      async () => {
        if (fail) throw new Error('disk on fire');
        return [];
      },
      10n,
      2,
    );
    await expect(checkpoints.at(15n)).rejects.toThrow('disk on fire');
    fail = false;
    await expect(checkpoints.at(15n)).resolves.toBeInstanceOf(ArgumentGraphState);
  });
});
