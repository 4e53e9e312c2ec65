import type { ArgumentMapQuery } from '../generated/graphql.js';
import type { Acceptability, ClaimStatus } from '../types.js';

export type MapGraph = ArgumentMapQuery['argumentGraph'];
export type MapNode = MapGraph['nodes'][number];
export type MapEdge = MapGraph['edges'][number];

/** What the map is narrowed to; an empty value means "any". */
export interface MapFilters {
  readonly sourceId: string;
  readonly status: ClaimStatus | '';
  readonly acceptability: Acceptability | '';
  readonly tag: string;
  readonly author: string;
}

export const NO_FILTERS: MapFilters = { sourceId: '', status: '', acceptability: '', tag: '', author: '' };

export const matchesFilters = (node: MapNode, filters: MapFilters): boolean =>
  (!filters.sourceId || node.anchor?.source.id === filters.sourceId) &&
  (!filters.status || node.status === filters.status) &&
  (!filters.acceptability || node.acceptability === filters.acceptability) &&
  (!filters.tag || node.tags.includes(filters.tag)) &&
  (!filters.author || node.createdBy.id === filters.author);

/** The claims that pass the filters and the links between two of them. */
export const filterGraph = (graph: MapGraph, filters: MapFilters): MapGraph => {
  const nodes = graph.nodes.filter((node) => matchesFilters(node, filters));
  const kept = new Set(nodes.map((node) => node.id));
  return {
    ...graph,
    nodes,
    edges: graph.edges.filter((edge) => kept.has(edge.from.id) && kept.has(edge.to.id)),
  };
};

/** The choices each filter offers, from the claims on the map. */
export const filterChoices = (graph: MapGraph) => {
  const sources = new Map<string, string>();
  const tags = new Set<string>();
  const authors = new Set<string>();
  for (const node of graph.nodes) {
    if (node.anchor) sources.set(node.anchor.source.id, node.anchor.source.title);
    for (const tag of node.tags) tags.add(tag);
    authors.add(node.createdBy.id);
  }
  return {
    sources: [...sources].sort((a, b) => a[1].localeCompare(b[1])),
    tags: [...tags].sort(),
    authors: [...authors].sort(),
  };
};

export const edgeId = (edge: MapEdge): string => `${edge.from.id}|${edge.kind}|${edge.to.id}`;

/** The selected claim and the claims one link away: what focus + context keeps bright. */
export const neighbourhood = (graph: MapGraph, id: string): Set<string> => {
  const near = new Set([id]);
  for (const edge of graph.edges) {
    if (edge.from.id === id) near.add(edge.to.id);
    if (edge.to.id === id) near.add(edge.from.id);
  }
  return near;
};
