import type { StylesheetJson } from 'cytoscape';
import type { Acceptability, RelationKind } from '../types.js';

/**
 * How the map tells things apart. Every link kind has its own colour AND its own line pattern and arrow,
 * every acceptability label its own colour AND shape AND icon, so nothing depends on colour alone.
 * Colours keep ≥ 4.5:1 against white (the canvas and the legend).
 */
export interface KindLook {
  readonly color: string;
  /** SVG stroke-dasharray / cytoscape line-dash-pattern; empty for a solid line. */
  readonly dash: readonly number[];
  readonly arrow: 'triangle' | 'tee' | 'square' | 'vee' | 'circle';
  readonly width: number;
  readonly words: string;
}

export const KIND_LOOK: Record<RelationKind, KindLook> = {
  SUPPORTS: { color: '#1e7b34', dash: [], arrow: 'triangle', width: 2.5, words: 'supports' },
  ATTACKS: { color: '#b3261e', dash: [10, 4], arrow: 'tee', width: 3, words: 'attacks' },
  UNDERCUTS: { color: '#6b2fa0', dash: [4, 4], arrow: 'square', width: 2.5, words: 'undercuts' },
  REFINES: { color: '#1d5fa8', dash: [1, 4], arrow: 'vee', width: 2.5, words: 'refines' },
  DUPLICATES: { color: '#52606d', dash: [12, 4, 2, 4], arrow: 'circle', width: 2.5, words: 'duplicates' },
};

export const RELATION_KINDS = Object.keys(KIND_LOOK) as RelationKind[];

export interface AcceptabilityLook {
  readonly color: string;
  readonly shape: 'ellipse' | 'octagon' | 'diamond';
  /** A white glyph drawn inside the shape: a tick, a cross, a question mark. */
  readonly icon: string;
  readonly words: string;
}

const glyph = (path: string) =>
  `data:image/svg+xml;utf8,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24"><path d="${path}" fill="none" stroke="#ffffff" stroke-width="3.2" stroke-linecap="round" stroke-linejoin="round"/></svg>`,
  )}`;

export const ACCEPTABILITY_LOOK: Record<Acceptability, AcceptabilityLook> = {
  IN: { color: '#1e7b34', shape: 'ellipse', icon: glyph('M5 12.5l4.5 4.5L19 7.5'), words: 'IN (stands)' },
  OUT: { color: '#b3261e', shape: 'octagon', icon: glyph('M7 7l10 10M17 7L7 17'), words: 'OUT (defeated)' },
  UNDECIDED: {
    color: '#8a5100',
    shape: 'diamond',
    icon: glyph('M9 9a3 3 0 1 1 4.5 2.6c-1 .6-1.5 1.2-1.5 2.4M12 18h.01'),
    words: 'UNDECIDED',
  },
};

export const ACCEPTABILITIES = Object.keys(ACCEPTABILITY_LOOK) as Acceptability[];

/** The node's body; its label sits below it. */
export const NODE_SIZE = 30;
export const LABEL_FONT_SIZE = 11;
export const LABEL_FONT_FAMILY = 'system-ui, sans-serif';
export const LABEL_MAX_WIDTH = 170;
const LABEL_MARGIN = 6;

export const mapStylesheet = (): StylesheetJson => [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      // The label's line breaks are ours (measured before layout): cytoscape must not wrap again.
      'text-wrap': 'wrap',
      'text-max-width': '1000px',
      'font-size': LABEL_FONT_SIZE,
      'font-family': LABEL_FONT_FAMILY,
      'text-valign': 'bottom',
      'text-margin-y': LABEL_MARGIN,
      color: '#1b1f24',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': '1px',
      width: NODE_SIZE,
      height: NODE_SIZE,
      'background-fit': 'contain',
      'border-width': 2,
      'border-color': '#ffffff',
      'min-zoomed-font-size': 6,
    },
  },
  ...(ACCEPTABILITIES.map((name) => ({
    selector: `node[acceptability = "${name}"]`,
    style: {
      'background-color': ACCEPTABILITY_LOOK[name].color,
      shape: ACCEPTABILITY_LOOK[name].shape,
      'background-image': ACCEPTABILITY_LOOK[name].icon,
      'background-width': '62%',
      'background-height': '62%',
    },
  })) as StylesheetJson),
  {
    selector: 'node.focus',
    style: { 'border-width': 5, 'border-color': '#1d3f8f' },
  },
  { selector: '.faded', style: { opacity: 0.15 } },
  {
    selector: 'edge',
    style: {
      'curve-style': 'bezier',
      'arrow-scale': 1.3,
      'line-cap': 'butt',
    },
  },
  ...(RELATION_KINDS.map((kind) => {
    const look = KIND_LOOK[kind];
    return {
      selector: `edge[kind = "${kind}"]`,
      style: {
        'line-color': look.color,
        'target-arrow-color': look.color,
        'target-arrow-shape': look.arrow,
        width: look.width,
        'line-style': look.dash.length ? 'dashed' : 'solid',
        ...(look.dash.length ? { 'line-dash-pattern': [...look.dash] } : {}),
      },
    };
  }) as StylesheetJson),
];

/** Breaks a statement into lines no wider than LABEL_MAX_WIDTH, as the canvas will draw them (≤ 3 lines). */
export const wrapLabel = (
  text: string,
  measure: (line: string) => number,
  maxLines = 3,
): { text: string; width: number; height: number } => {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (measure(candidate) <= LABEL_MAX_WIDTH || !line) line = candidate;
    else {
      lines.push(line);
      line = word;
    }
    if (lines.length === maxLines) break;
  }
  if (lines.length < maxLines && line) lines.push(line);
  const truncated = lines.join(' ').length < words.join(' ').length;
  if (truncated) {
    let last = lines[maxLines - 1] ?? '';
    while (last && measure(`${last}…`) > LABEL_MAX_WIDTH) last = last.slice(0, -1);
    lines[lines.length - 1] = `${last.trimEnd()}…`;
  }
  // A single word wider than the limit is cut, so no label is ever wider than the layout allowed for.
  const fitted = lines.map((each) => {
    let cut = each;
    while (measure(cut) > LABEL_MAX_WIDTH && cut.length > 1) cut = cut.slice(0, -2) + '…';
    return cut;
  });
  return {
    text: fitted.join('\n'),
    width: Math.max(...fitted.map(measure)),
    height: fitted.length * LABEL_FONT_SIZE * 1.25,
  };
};

/** A measuring function with the canvas font cytoscape uses for labels. */
export const labelMeasurer = (): ((line: string) => number) => {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return (line) => line.length * LABEL_FONT_SIZE * 0.6;
  context.font = `normal normal ${LABEL_FONT_SIZE}px ${LABEL_FONT_FAMILY}`;
  return (line) => context.measureText(line).width;
};

/** The box a node takes in the layout: its body with its label below, and a margin round both. */
export const nodeBox = (label: { width: number; height: number }) => ({
  width: Math.ceil(Math.max(NODE_SIZE, label.width + 8)),
  height: Math.ceil(NODE_SIZE + LABEL_MARGIN + label.height + 6),
});
