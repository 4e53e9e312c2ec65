import ELK from 'elkjs/lib/elk-api.js';
import elkWorkerUrl from 'elkjs/lib/elk-worker.min.js?url';

/**
 * The map's layered layout, computed by ELK (elkjs) in its own Web Worker: the page only sends node boxes
 * and links and gets positions back, so laying out hundreds of claims never blocks the main thread.
 * (cytoscape-elk would run the same ELK on the main thread: it lays out through cytoscape's layout loop.)
 */
export interface LayoutNode {
  readonly id: string;
  readonly width: number;
  readonly height: number;
}

export interface LayoutEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
}

/** Top-left corner of each node's box. */
export type Positions = ReadonlyMap<string, { readonly x: number; readonly y: number }>;

const LAYERED = {
  'elk.algorithm': 'layered',
  // Arguments flow upwards: a supporting or attacking claim sits below the claim it argues about.
  'elk.direction': 'UP',
  'elk.spacing.nodeNode': '28',
  'elk.layered.spacing.nodeNodeBetweenLayers': '56',
  'elk.spacing.componentComponent': '40',
  'elk.separateConnectedComponents': 'true',
  'elk.aspectRatio': '1.6',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.cycleBreaking.strategy': 'GREEDY',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.padding': '[top=20,left=20,bottom=20,right=20]',
};

let elk: InstanceType<typeof ELK> | undefined;

const engine = () => (elk ??= new ELK({ workerUrl: elkWorkerUrl }));

export const layeredLayout = async (
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
): Promise<Positions> => {
  const ids = new Set(nodes.map((node) => node.id));
  const graph = await engine().layout({
    id: 'map',
    layoutOptions: LAYERED,
    children: nodes.map((node) => ({ id: node.id, width: node.width, height: node.height })),
    edges: edges
      .filter((edge) => ids.has(edge.source) && ids.has(edge.target) && edge.source !== edge.target)
      .map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] })),
  });
  const positions = new Map<string, { x: number; y: number }>();
  for (const child of graph.children ?? []) positions.set(child.id, { x: child.x ?? 0, y: child.y ?? 0 });
  return positions;
};
