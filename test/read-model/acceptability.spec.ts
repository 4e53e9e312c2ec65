import { describe, expect, it } from '@jest/globals';
import { groundedLabelling, type Attack } from '../../src/claims/domain/grounded-labelling.js';

const label = (nodes: string[], attacks: Array<[string, string]>, fixed = new Map()) => {
  const { labels, defeatedBy } = groundedLabelling(
    nodes,
    attacks.map(([from, to]): Attack => ({ from, to })),
    fixed,
  );
  return { labels: Object.fromEntries(labels), defeatedBy: Object.fromEntries(defeatedBy) };
};

describe('grounded semantics', () => {
  it('labels an argument with no attackers IN', () => {
    expect(label(['a'], []).labels).toEqual({ a: 'IN' });
  });

  it('labels a claim with an open counterpoint OUT, defeated by the counterpoint', () => {
    const result = label(['claim', 'cpt'], [['cpt', 'claim']]);
    expect(result.labels).toEqual({ claim: 'OUT', cpt: 'IN' });
    expect(result.defeatedBy['claim']).toEqual(['cpt']);
  });

  it('labels both sides of a mutual attack UNDECIDED', () => {
    const result = label(
      ['a', 'b'],
      [
        ['a', 'b'],
        ['b', 'a'],
      ],
    );
    expect(result.labels).toEqual({ a: 'UNDECIDED', b: 'UNDECIDED' });
    expect(result.defeatedBy['a']).toEqual(['b']);
  });

  it('reinstates the head of a chain: A ← B ← C gives A IN, B OUT, C IN', () => {
    expect(
      label(
        ['a', 'b', 'c'],
        [
          ['b', 'a'],
          ['c', 'b'],
        ],
      ).labels,
    ).toEqual({ a: 'IN', b: 'OUT', c: 'IN' });
  });

  it('labels an odd cycle UNDECIDED and what it attacks too', () => {
    const result = label(
      ['a', 'b', 'c', 'd'],
      [
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'a'],
        ['c', 'd'],
      ],
    );
    expect(result.labels).toEqual({ a: 'UNDECIDED', b: 'UNDECIDED', c: 'UNDECIDED', d: 'UNDECIDED' });
  });

  it('keeps attackers outside the recomputed part at their fixed labels', () => {
    const fixed = new Map([['outside', 'OUT' as const]]);
    expect(label(['a'], [['outside', 'a']], fixed).labels).toEqual({ a: 'IN' });
    expect(label(['a'], [['outside', 'a']], new Map([['outside', 'IN' as const]])).labels).toEqual({
      a: 'OUT',
    });
  });

  it('labels a long chain without recursion limits', () => {
    const nodes = Array.from({ length: 20001 }, (_, index) => `n${index}`);
    const attacks = nodes.slice(1).map((node, index): [string, string] => [node, nodes[index]!]);
    const { labels } = label(nodes, attacks);
    expect(labels['n20000']).toBe('IN');
    expect(labels['n0']).toBe('IN'); // an even chain reinstates its head
    expect(labels['n1']).toBe('OUT');
  });
});
