import type { Core, ElementDefinition, StylesheetJson } from 'cytoscape';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Link, navigate } from '../router.js';
import type { ArgumentGraph, RelationKind } from '../types.js';
import { AcceptabilityBadge } from './ui.js';

/** Colours with white labels ≥ 4.5:1, and a shape per label so colour is never the only cue. */
export const ACCEPTABILITY_STYLE = {
  IN: { color: '#1e7b34', shape: 'ellipse' },
  OUT: { color: '#b3261e', shape: 'octagon' },
  UNDECIDED: { color: '#a35f00', shape: 'diamond' },
} as const;

export const KIND_STYLE: Record<
  RelationKind,
  { color: string; line: 'solid' | 'dashed' | 'dotted'; arrow: string; words: string }
> = {
  SUPPORTS: { color: '#1e7b34', line: 'solid', arrow: 'triangle', words: 'supports' },
  ATTACKS: { color: '#b3261e', line: 'solid', arrow: 'tee', words: 'attacks' },
  UNDERCUTS: { color: '#6b2fa0', line: 'dashed', arrow: 'square', words: 'undercuts' },
  REFINES: { color: '#52606d', line: 'dotted', arrow: 'vee', words: 'refines' },
  DUPLICATES: { color: '#52606d', line: 'dotted', arrow: 'none', words: 'duplicates' },
};

const shorten = (text: string, max = 70) =>
  text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;

const STYLE: StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'text-wrap': 'wrap',
      'text-max-width': '160px',
      'font-size': 11,
      'font-family': 'system-ui, sans-serif',
      'text-valign': 'bottom',
      'text-margin-y': 5,
      color: '#1b1f24',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.9,
      'text-background-padding': '2px',
      width: 30,
      height: 30,
      'border-width': 2,
      'border-color': '#ffffff',
    },
  },
  ...(Object.entries(ACCEPTABILITY_STYLE).map(([name, style]) => ({
    selector: `node[acceptability = "${name}"]`,
    style: { 'background-color': style.color, shape: style.shape },
  })) as StylesheetJson),
  {
    selector: 'node[?root]',
    style: { 'border-width': 5, 'border-color': '#1d3f8f', width: 42, height: 42, 'font-weight': 'bold' },
  },
  { selector: 'node:selected', style: { 'overlay-color': '#1d3f8f', 'overlay-opacity': 0.15 } },
  {
    selector: 'edge',
    style: {
      width: 2,
      'curve-style': 'bezier',
      'arrow-scale': 1.4,
      label: 'data(label)',
      'font-size': 10,
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.9,
      color: '#1b1f24',
    },
  },
  ...(Object.entries(KIND_STYLE).map(([kind, style]) => ({
    selector: `edge[kind = "${kind}"]`,
    style: {
      'line-color': style.color,
      'target-arrow-color': style.color,
      'line-style': style.line,
      'target-arrow-shape': style.arrow,
      width: kind === 'ATTACKS' ? 3 : 2,
    },
  })) as StylesheetJson),
];

export const Legend = () => (
  <div class="legend" aria-label="Legend">
    <ul class="plain legend-list">
      {(Object.keys(ACCEPTABILITY_STYLE) as Array<keyof typeof ACCEPTABILITY_STYLE>).map((name) => (
        <li key={name}>
          <span class={`swatch node-${name}`} aria-hidden="true" /> {name}
        </li>
      ))}
    </ul>
    <ul class="plain legend-list">
      {(Object.keys(KIND_STYLE) as RelationKind[]).map((kind) => (
        <li key={kind}>
          <span class={`line line-${kind}`} aria-hidden="true" /> {KIND_STYLE[kind].words}
        </li>
      ))}
    </ul>
  </div>
);

/**
 * The argument graph drawn by cytoscape (loaded on demand) with a built-in layout: breadth-first from the
 * root claim, force-directed (cose) for the whole graph. Clicking a claim opens it. A text version follows
 * for keyboard and screen-reader users.
 */
export const GraphView = ({
  graph,
  rootId,
  caption,
}: {
  graph: ArgumentGraph;
  rootId?: string | undefined;
  caption: string;
}) => {
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | undefined>();
  const signature = JSON.stringify([
    graph.nodes.map((node) => [node.id, node.acceptability, node.statement]),
    graph.edges.map((edge) => [edge.from.id, edge.kind, edge.to.id]),
    rootId,
  ]);
  useEffect(() => {
    let cy: Core | undefined;
    let cancelled = false;
    const ids = new Set(graph.nodes.map((node) => node.id));
    const elements: ElementDefinition[] = [
      ...graph.nodes.map((node) => ({
        group: 'nodes' as const,
        data: {
          id: node.id,
          label: shorten(node.statement),
          acceptability: node.acceptability,
          root: node.id === rootId,
        },
      })),
      ...graph.edges
        .filter((edge) => ids.has(edge.from.id) && ids.has(edge.to.id))
        .map((edge) => ({
          group: 'edges' as const,
          data: {
            id: `${edge.from.id}|${edge.kind}|${edge.to.id}`,
            source: edge.from.id,
            target: edge.to.id,
            kind: edge.kind,
            label: KIND_STYLE[edge.kind].words,
          },
        })),
    ];
    import('cytoscape')
      .then(({ default: cytoscape }) => {
        if (cancelled || !container.current) return;
        const hasRoot = rootId !== undefined && ids.has(rootId);
        cy = cytoscape({
          container: container.current,
          elements,
          style: STYLE,
          layout: hasRoot
            ? {
                name: 'breadthfirst',
                roots: [rootId],
                directed: false,
                spacingFactor: 1.25,
                padding: 30,
                animate: false,
              }
            : { name: 'cose', animate: false, padding: 30, randomize: false },
          minZoom: 0.3,
          maxZoom: 1.6,
          boxSelectionEnabled: false,
        });
        cy.on('tap', 'node', (event) => navigate(`/claims/${event.target.id() as string}`));
        cy.on('mouseover', 'node', () => container.current?.classList.add('pointer'));
        cy.on('mouseout', 'node', () => container.current?.classList.remove('pointer'));
        container.current.dataset['ready'] = 'true';
      })
      .catch((error: unknown) => setFailed(error instanceof Error ? error.message : String(error)));
    return () => {
      cancelled = true;
      if (container.current) delete container.current.dataset['ready'];
      cy?.destroy();
    };
  }, [signature]);

  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  return (
    <figure class="graph">
      {failed ? <p class="field-error">The graph could not be drawn: {failed}</p> : null}
      <div
        ref={container}
        class="graph-canvas"
        role="img"
        aria-label={`${caption}: ${graph.nodes.length} claims and ${graph.edges.length} links, listed below.`}
        data-node-count={graph.nodes.length}
        data-edge-count={graph.edges.length}
      />
      <figcaption>
        {caption}. Click a claim to open it. <Legend />
      </figcaption>
      <details class="graph-text">
        <summary>
          The graph as text ({graph.nodes.length} claims, {graph.edges.length} links)
        </summary>
        <ul class="plain">
          {graph.nodes.map((node) => (
            <li key={node.id}>
              <AcceptabilityBadge acceptability={node.acceptability} />{' '}
              <Link href={`/claims/${node.id}`}>{node.statement}</Link>
              {node.id === rootId ? ' (this claim)' : ''}
            </li>
          ))}
        </ul>
        {graph.edges.length ? (
          <ul class="plain">
            {graph.edges.map((edge) => (
              <li key={`${edge.from.id}|${edge.kind}|${edge.to.id}`}>
                “{shorten(byId.get(edge.from.id)?.statement ?? edge.from.id, 50)}”{' '}
                <strong>{KIND_STYLE[edge.kind].words}</strong> “
                {shorten(byId.get(edge.to.id)?.statement ?? edge.to.id, 50)}”
              </li>
            ))}
          </ul>
        ) : null}
      </details>
    </figure>
  );
};
