import type { ArgumentGraph, RelatedClaim, RelationKind } from '../types.js';

/** One row of the pro/con outline: a claim, how it argues about its parent, and the claims arguing about it. */
export interface OutlineNode {
  /** The path of claim ids from the root: unique even when a claim argues about two others. */
  readonly key: string;
  readonly claim: RelatedClaim;
  /** How this claim relates to its parent row (none for the root). */
  readonly kind: RelationKind | undefined;
  readonly children: readonly OutlineNode[];
  /** The claim is already an ancestor on this path: shown, not expanded again. */
  readonly repeats: boolean;
  /** Claims below this row, all levels. */
  readonly descendants: number;
}

/** Supports first, then attacks and undercuts, then refinements and duplicates: pro, con, the rest. */
const KIND_ORDER: readonly RelationKind[] = ['SUPPORTS', 'ATTACKS', 'UNDERCUTS', 'REFINES', 'DUPLICATES'];

/** A bound on rows, for graphs where many claims argue about many (the outline repeats shared claims). */
const MAX_ROWS = 5000;

/**
 * The claims that argue about `rootId` (links pointing at it), nested: under each, the claims arguing about
 * it. Within a row, the most argued-over child comes first (most descendants), then by kind and statement,
 * so the deepest debates open first.
 */
export const buildOutline = (graph: ArgumentGraph, rootId: string): OutlineNode | undefined => {
  const claims = new Map(graph.nodes.map((node) => [node.id, node]));
  const incoming = new Map<string, Array<{ from: string; kind: RelationKind }>>();
  for (const edge of graph.edges) {
    if (!claims.has(edge.from.id) || !claims.has(edge.to.id)) continue;
    const list = incoming.get(edge.to.id) ?? [];
    list.push({ from: edge.from.id, kind: edge.kind });
    incoming.set(edge.to.id, list);
  }
  let rows = 0;
  const build = (id: string, kind: RelationKind | undefined, path: readonly string[]): OutlineNode => {
    rows++;
    const claim = claims.get(id)!;
    const key = [...path, id].join('/');
    if (path.includes(id) || rows > MAX_ROWS)
      return { key, claim, kind, children: [], repeats: path.includes(id), descendants: 0 };
    const children = (incoming.get(id) ?? [])
      .map((link) => build(link.from, link.kind, [...path, id]))
      .sort(
        (a, b) =>
          b.descendants - a.descendants ||
          KIND_ORDER.indexOf(a.kind!) - KIND_ORDER.indexOf(b.kind!) ||
          a.claim.statement.localeCompare(b.claim.statement),
      );
    const descendants = children.reduce((sum, child) => sum + 1 + child.descendants, 0);
    return { key, claim, kind, children, repeats: false, descendants };
  };
  return claims.has(rootId) ? build(rootId, undefined, []) : undefined;
};

/** How many children of each kind a row has: "2 supporting, 1 attacking". */
export const kindCounts = (node: OutlineNode): Array<[RelationKind, number]> =>
  KIND_ORDER.map(
    (kind) => [kind, node.children.filter((child) => child.kind === kind).length] as [RelationKind, number],
  ).filter(([, count]) => count > 0);

/** The rows a reader sees: the root, and the children of every expanded row, in reading order. */
export const visibleRows = (
  root: OutlineNode,
  expanded: ReadonlySet<string>,
): Array<{ node: OutlineNode; level: number; parentKey: string | undefined }> => {
  const rows: Array<{ node: OutlineNode; level: number; parentKey: string | undefined }> = [];
  const walk = (node: OutlineNode, level: number, parentKey: string | undefined) => {
    rows.push({ node, level, parentKey });
    if (expanded.has(node.key)) for (const child of node.children) walk(child, level + 1, node.key);
  };
  walk(root, 1, undefined);
  return rows;
};
