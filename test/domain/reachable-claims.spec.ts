import { describe, expect, it } from '@jest/globals';
import { reachableClaims } from '../../src/claims/domain/reachable-claims.js';

/** Links as pairs, walked in either direction; `retracted` are out of the graph. */
const walk = (links: ReadonlyArray<readonly [string, string]>, retracted: readonly string[] = []) => {
  const lookups: string[][] = [];
  const linked = (frontier: readonly string[]) => {
    lookups.push([...frontier]);
    return links.flatMap(([from, to]) => [
      ...(frontier.includes(from) ? [to] : []),
      ...(frontier.includes(to) ? [from] : []),
    ]);
  };
  const live = (ids: readonly string[]) => ids.filter((id) => !retracted.includes(id));
  return { lookups, reach: (root: string, depth: number) => reachableClaims(root, depth, linked, live) };
};

describe('reachable claims (argumentGraph with a root)', () => {
  it('walks depth steps in either direction of a link, root first, then by distance', async () => {
    const { reach } = walk([
      ['a', 'b'],
      ['c', 'b'],
      ['c', 'd'],
    ]);
    expect(await reach('a', 0)).toEqual(['a']);
    expect(await reach('a', 1)).toEqual(['a', 'b']);
    expect(await reach('a', 2)).toEqual(['a', 'b', 'c']);
    expect(await reach('a', 9)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('visits each claim of a cycle once and asks once per step for the whole frontier', async () => {
    const { reach, lookups } = walk([
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'a'],
      ['a', 'd'],
    ]);
    expect(await reach('a', 5)).toEqual(['a', 'b', 'c', 'd']);
    expect(lookups).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('never walks through a retracted claim, and a retracted root reaches nothing', async () => {
    const { reach } = walk(
      [
        ['a', 'x'],
        ['x', 'b'],
        ['a', 'c'],
      ],
      ['x'],
    );
    expect(await reach('a', 5)).toEqual(['a', 'c']);
    expect(await reach('x', 5)).toEqual([]);
  });
});
