import type { Core, ElementDefinition } from 'cytoscape';
import { useEffect, useRef, useState } from 'preact/hooks';
import { edgeId, neighbourhood, type MapGraph } from './map-filters.js';
import { layeredLayout } from './map-layout.js';
import { KIND_LOOK, labelMeasurer, mapStylesheet, NODE_SIZE, nodeBox, wrapLabel } from './map-style.js';

const ADD_SLICE = 100;
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** What a test or a benchmark may ask the drawn map (read-only): which claims it shows and where. */
export interface MapInspection {
  readonly nodeIds: string[];
  /** Each drawn claim's label (the data its shape, icon and colour are drawn from). */
  readonly acceptability: Record<string, string>;
  /** Each drawn link as from|KIND|to. */
  readonly edgeIds: string[];
  /** Each label's box in model coordinates. */
  readonly labelBoxes: Array<{ id: string; x1: number; y1: number; x2: number; y2: number }>;
  /** Claims whose body lies outside the visible canvas. */
  readonly offscreen: string[];
  readonly faded: string[];
}

export type InspectableElement = HTMLDivElement & { inspectMap?: () => MapInspection };

const inspect = (cy: Core, width: number, height: number): MapInspection => ({
  nodeIds: cy.nodes().map((node) => node.id()),
  acceptability: Object.fromEntries(
    cy.nodes().map((node) => [node.id(), node.data('acceptability') as string]),
  ),
  edgeIds: cy.edges().map((edge) => edge.id()),
  labelBoxes: cy.nodes().map((node) => {
    const box = node.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true });
    return { id: node.id(), x1: box.x1, y1: box.y1, x2: box.x2, y2: box.y2 };
  }),
  offscreen: cy
    .nodes()
    .filter((node) => {
      const box = node.renderedBoundingBox({ includeLabels: false });
      return box.x1 < -1 || box.y1 < -1 || box.x2 > width + 1 || box.y2 > height + 1;
    })
    .map((node) => node.id()),
  faded: cy.nodes('.faded').map((node) => node.id()),
});

/**
 * The argument map on a canvas (cytoscape, loaded on demand): labels measured and wrapped here, positions
 * from the layered layout in a worker, then drawn once with those positions. A tap selects a claim (focus +
 * context: it and its neighbours stay bright, the rest fades); the page shows the selection beside the map.
 */
export const MapCanvas = ({
  graph,
  focusId,
  onSelect,
  label,
}: {
  graph: MapGraph;
  focusId: string | undefined;
  onSelect: (id: string | undefined) => void;
  label: string;
}) => {
  const container = useRef<InspectableElement>(null);
  const cyRef = useRef<Core | undefined>(undefined);
  const select = useRef(onSelect);
  select.current = onSelect;
  const [failed, setFailed] = useState<string | undefined>();
  const [drawn, setDrawn] = useState(0);
  const signature = JSON.stringify([
    graph.nodes.map((node) => [node.id, node.acceptability, node.statement]),
    graph.edges.map(edgeId),
  ]);

  useEffect(() => {
    let cancelled = false;
    const element = container.current;
    if (!element) return;
    delete element.dataset['ready'];
    const measure = labelMeasurer();
    const labels = new Map(graph.nodes.map((node) => [node.id, wrapLabel(node.statement, measure)]));
    const boxes = graph.nodes.map((node) => ({ id: node.id, ...nodeBox(labels.get(node.id)!) }));
    const edges = graph.edges.map((edge) => ({ id: edgeId(edge), source: edge.from.id, target: edge.to.id }));
    Promise.all([import('cytoscape'), layeredLayout(boxes, edges)])
      .then(async ([{ default: cytoscape }, positions]) => {
        if (cancelled) return;
        const width = new Map(boxes.map((box) => [box.id, box.width]));
        const elements: ElementDefinition[] = [
          ...graph.nodes.map((node) => {
            const corner = positions.get(node.id) ?? { x: 0, y: 0 };
            return {
              group: 'nodes' as const,
              data: { id: node.id, label: labels.get(node.id)!.text, acceptability: node.acceptability },
              // ELK gives the box's corner; cytoscape places the body's centre, the label hangs below.
              position: { x: corner.x + width.get(node.id)! / 2, y: corner.y + NODE_SIZE / 2 },
            };
          }),
          ...graph.edges.map((edge) => ({
            group: 'edges' as const,
            data: {
              id: edgeId(edge),
              source: edge.from.id,
              target: edge.to.id,
              kind: edge.kind,
              words: KIND_LOOK[edge.kind].words,
            },
          })),
        ];
        cyRef.current?.destroy();
        const cy = cytoscape({
          container: element,
          style: mapStylesheet(),
          minZoom: 0.02,
          maxZoom: 2.5,
          boxSelectionEnabled: false,
          autoungrabify: true,
        });
        cyRef.current = cy;
        // Added a slice at a time, a task each, so a big map never holds the main thread for long.
        for (let start = 0; start < elements.length; start += ADD_SLICE) {
          await nextTask();
          if (cancelled) return;
          cy.add(elements.slice(start, start + ADD_SLICE));
        }
        await nextTask();
        if (cancelled) return;
        cy.fit(undefined, 24);
        cy.on('tap', 'node', (event) => select.current(event.target.id() as string));
        cy.on('tap', (event) => {
          if (event.target === cy) select.current(undefined);
        });
        cy.on('mouseover', 'node', () => element.classList.add('pointer'));
        cy.on('mouseout', 'node', () => element.classList.remove('pointer'));
        element.inspectMap = () => inspect(cy, element.clientWidth, element.clientHeight);
        setDrawn((count) => count + 1);
        element.dataset['ready'] = 'true';
      })
      .catch((error: unknown) => setFailed(error instanceof Error ? error.message : String(error)));
    return () => {
      cancelled = true;
    };
  }, [signature]);

  useEffect(
    () => () => {
      cyRef.current?.destroy();
      cyRef.current = undefined;
    },
    [],
  );

  // Focus + context, without laying out again.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      cy.elements().removeClass('faded focus');
      if (!focusId || cy.getElementById(focusId).empty()) return;
      const near = neighbourhood(graph, focusId);
      cy.nodes().forEach((node) => {
        if (!near.has(node.id())) node.addClass('faded');
      });
      cy.edges().forEach((edge) => {
        if (edge.source().id() !== focusId && edge.target().id() !== focusId) edge.addClass('faded');
      });
      cy.getElementById(focusId).addClass('focus');
    });
    const focused = focusId ? cy.getElementById(focusId) : undefined;
    if (focused && focused.nonempty())
      cy.animate({ center: { eles: focused }, zoom: Math.max(cy.zoom(), 1) }, { duration: 250 });
  }, [focusId, drawn]);

  return (
    <>
      {failed ? <p class="field-error">The map could not be drawn: {failed}</p> : null}
      <div
        ref={container}
        class="graph-canvas map-canvas"
        role="img"
        aria-label={label}
        data-testid="map-canvas"
        data-node-count={graph.nodes.length}
        data-edge-count={graph.edges.length}
      />
    </>
  );
};
