import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { newId } from '../../src/event-sourcing/ids.js';
import type { HistoricalRelationView } from '../../src/claims/history/historical-claim.view.js';
import {
  linkClaims,
  raiseCounterpoint,
  respondToCounterpoint,
  retractClaim,
} from '../support/claim-helpers.js';
import { at, before, HistoryEnv, READER_KINDS, unlink } from './history-fixture.js';

const NOW = '2999-01-01T00:00:00Z';
const ids = (graph: { nodes: ReadonlyArray<{ id: string }> }) => graph.nodes.map((node) => node.id).sort();
const edges = (graph: { edges: ReadonlyArray<{ fromId: string; toId: string; kind: string }> }) =>
  graph.edges.map((edge) => `${edge.fromId}>${edge.kind}>${edge.toId}`).sort();

/** argumentGraph(rootId, depth, asOf) folded from a real SQLite event store, through each way of reading it. */
describe.each(READER_KINDS)('argument graph as of a time (%s reader)', (kind) => {
  let env: HistoryEnv;
  beforeEach(() => {
    env = new HistoryEnv(kind);
  });
  afterEach(async () => {
    await env.close();
  });

  /** a → b → c → d, a chain of SUPPORTS, and e on its own. */
  const chain = async () => {
    const [a, b, c, d, e] = await Promise.all(
      ['A claim', 'B claim', 'C claim', 'D claim', 'E claim'].map(
        async (statement) => (await env.propose(statement)).claimId,
      ),
    );
    await env.step(a!, linkClaims(a!, b!, 'SUPPORTS'));
    await env.step(c!, linkClaims(c!, b!, 'REFINES')); // walked against its direction from b
    await env.step(c!, linkClaims(c!, d!, 'SUPPORTS'));
    return { a: a!, b: b!, c: c!, d: d!, e: e! };
  };

  it('walks depth 0, 1 and 2 from the root, in either direction of a link', async () => {
    const { a, b, c, d } = await chain();
    expect(ids(await env.graphs.graphAt(a, 0, NOW))).toEqual([a]);
    expect(ids(await env.graphs.graphAt(a, 1, NOW))).toEqual([a, b].sort());
    expect(ids(await env.graphs.graphAt(a, 2, NOW))).toEqual([a, b, c].sort());
    const whole = await env.graphs.graphAt(a, 3, NOW);
    expect(ids(whole)).toEqual([a, b, c, d].sort());
    expect(edges(whole)).toEqual([`${a}>SUPPORTS>${b}`, `${c}>REFINES>${b}`, `${c}>SUPPORTS>${d}`].sort());
    expect(edges(await env.graphs.graphAt(a, 1, NOW))).toEqual([`${a}>SUPPORTS>${b}`]);
  });

  it('lists every live claim without a root', async () => {
    const { a, b, c, d, e } = await chain();
    const graph = await env.graphs.graphAt(null, 0, NOW);
    expect(ids(graph)).toEqual([a, b, c, d, e].sort());
    expect(graph.edges).toHaveLength(3);
    expect(graph.asOf).toBe(NOW);
  });

  it('walks a cycle once and labels a mutual attack UNDECIDED', async () => {
    const { claimId: a } = await env.propose('A claim');
    const { claimId: b } = await env.propose('B claim');
    const { claimId: c } = await env.propose('C claim');
    await env.step(a, linkClaims(a, b, 'ATTACKS'));
    await env.step(b, linkClaims(b, a, 'ATTACKS'));
    await env.step(b, linkClaims(b, c, 'SUPPORTS'));
    await env.step(c, linkClaims(c, a, 'SUPPORTS'));
    const graph = await env.graphs.graphAt(a, 10, NOW);
    expect(graph.nodes.map((node) => node.id)).toHaveLength(3);
    expect(ids(graph)).toEqual([a, b, c].sort());
    expect(graph.edges).toHaveLength(4);
    const labels = Object.fromEntries(graph.nodes.map((node) => [node.id, node.acceptability]));
    expect(labels).toEqual({ [a]: 'UNDECIDED', [b]: 'UNDECIDED', [c]: 'IN' });
  });

  it('leaves retracted claims out, does not walk through them, and lets their attacks lapse', async () => {
    const { a, b, c, e } = await chain();
    await env.step(e, linkClaims(e, a, 'ATTACKS'));
    expect((await env.graphs.graphAt(a, 0, NOW)).nodes[0]).toMatchObject({
      acceptability: 'OUT',
      defeatedBy: [e],
    });
    await env.step(b, retractClaim(b));
    await env.step(e, retractClaim(e));
    const fromA = await env.graphs.graphAt(a, 5, NOW);
    expect(ids(fromA)).toEqual([a]);
    expect(fromA.nodes[0]).toMatchObject({ acceptability: 'IN', defeatedBy: [] });
    expect(fromA.edges).toEqual([]);
    expect(ids(await env.graphs.graphAt(null, 3, NOW))).not.toContain(b);
    expect(await env.graphs.graphAt(b, 3, NOW)).toMatchObject({ nodes: [], edges: [] });
    expect(ids(await env.graphs.graphAt(c, 1, NOW))).toEqual(expect.not.arrayContaining([b]));
  });

  it('shows the graph and its labels as they stood at each time', async () => {
    const { claimId: target } = await env.propose('Central Asia acts on its own');
    const { claimId: attacker } = await env.propose('Moscow still sets the region’s security agenda');
    const counterpointId = newId('counterpoint');
    const attack = await env.step(attacker, linkClaims(attacker, target, 'ATTACKS'));
    const raised = await env.step(attacker, raiseCounterpoint(attacker, counterpointId));
    const answered = await env.step(attacker, respondToCounterpoint(attacker, counterpointId, 'ANSWERED'));
    const removed = await env.step(attacker, unlink(attacker, target, 'ATTACKS'));
    const labels = async (asOf: string) =>
      Object.fromEntries(
        (await env.graphs.graphAt(target, 1, asOf)).nodes.map((node) => [
          node.id === target ? 'target' : 'attacker',
          node.acceptability,
        ]),
      );

    expect(await labels(before(attack))).toEqual({ target: 'IN' }); // not linked yet: the attacker is not reachable
    expect(await labels(at(attack))).toEqual({ target: 'OUT', attacker: 'IN' });
    expect(await labels(at(raised))).toEqual({ target: 'IN', attacker: 'OUT' });
    expect(await labels(at(answered))).toEqual({ target: 'OUT', attacker: 'IN' });
    expect(await labels(at(removed))).toEqual({ target: 'IN' });
    const asItStood = await env.graphs.graphAt(target, 1, at(raised));
    expect(asItStood.asOf).toBe(at(raised));
    expect(asItStood.nodes.find((node) => node.id === attacker)).toMatchObject({
      status: 'CONTESTED',
      defeatedBy: [counterpointId],
      version: 3,
    });
    const edge = asItStood.edges[0] as HistoricalRelationView;
    expect(await edge.claimAt(edge.fromId)).toMatchObject({ version: 3 });
  });

  it('is empty before the first event and for an unknown root', async () => {
    const { event } = await env.propose();
    expect(await env.graphs.graphAt(null, 3, before(event))).toEqual({
      nodes: [],
      edges: [],
      asOf: before(event),
    });
    expect(await env.graphs.graphAt(newId('claim'), 3, NOW)).toMatchObject({ nodes: [], edges: [] });
  });
});
