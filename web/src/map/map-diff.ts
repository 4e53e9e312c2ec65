import type { Acceptability } from '../types.js';
import { edgeId, type MapEdge, type MapGraph, type MapNode } from './map-filters.js';

/** What differs between the map at two moments. */
export interface MapDiff {
  readonly claimsAdded: MapNode[];
  readonly claimsRemoved: MapNode[];
  readonly linksAdded: MapEdge[];
  readonly linksRemoved: MapEdge[];
  readonly flipped: Array<{ node: MapNode; from: Acceptability }>;
  readonly reworded: Array<{ node: MapNode; was: string }>;
}

export const diffGraphs = (before: MapGraph, after: MapGraph): MapDiff => {
  const earlier = new Map(before.nodes.map((node) => [node.id, node]));
  const later = new Map(after.nodes.map((node) => [node.id, node]));
  const earlierLinks = new Set(before.edges.map(edgeId));
  const laterLinks = new Set(after.edges.map(edgeId));
  const flipped: MapDiff['flipped'] = [];
  const reworded: MapDiff['reworded'] = [];
  for (const node of after.nodes) {
    const was = earlier.get(node.id);
    if (was && was.acceptability !== node.acceptability) flipped.push({ node, from: was.acceptability });
    if (was && was.statement !== node.statement) reworded.push({ node, was: was.statement });
  }
  return {
    claimsAdded: after.nodes.filter((node) => !earlier.has(node.id)),
    claimsRemoved: before.nodes.filter((node) => !later.has(node.id)),
    linksAdded: after.edges.filter((edge) => !earlierLinks.has(edgeId(edge))),
    linksRemoved: before.edges.filter((edge) => !laterLinks.has(edgeId(edge))),
    flipped,
    reworded,
  };
};

export const isEmptyDiff = (diff: MapDiff): boolean =>
  Object.values(diff).every((list: unknown[]) => list.length === 0);
