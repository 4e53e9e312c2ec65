import type { RelationKind } from '../../claims/domain/claim.values.js';
import { isAttackingCounterpoint } from '../../claims/domain/claim.attacks.js';
import type { ExportClaim, ExportCounterpoint, ExportRelation, ExportRows } from '../export.rows.js';
import { jsonArray, jsonObject } from './json-text.js';

/**
 * AIF-JSON in the AIFdb "nodeset" shape (`{nodes, edges, locutions}`, string ids, timestamps
 * `YYYY-MM-DD HH:mm:ss`), as AIFdb, OVA and the Carneades importer read it.
 *
 * - I-nodes: every live claim (its statement) and every counterpoint on one (its text).
 * - S-nodes between them, never an edge from I to I: SUPPORTS → RA ("Default Inference"); ATTACKS and
 *   UNDERCUTS → CA ("Default Conflict"; our undercut targets a claim, not an inference, so it is a CA on the
 *   claim like an attack, told apart by its nodeID); REFINES and DUPLICATES → MA ("Default Rephrase").
 *   A counterpoint attacks its claim through a CA while it is OPEN or CONCEDED, as in the labelling (DESIGN §3).
 * - Who said what (AIF+): each I-node is introduced by an L-node ("speaker: text") anchored to it through a
 *   YA node ("Asserting"), and each L-node has a locution naming the speaker: the claim's attributedTo
 *   (the op-ed's author), else the analyst who recorded it; for a counterpoint, the analyst who raised it.
 *
 * Retracted claims are no longer arguments and are left out, with their counterpoints and links.
 * nodeIDs are the claim and counterpoint ids, and ids derived from them for the other nodes, so the same
 * read model always exports the same document.
 */

export type AifNodeType = 'I' | 'L' | 'YA' | 'RA' | 'CA' | 'MA';

export interface AifNode {
  readonly nodeID: string;
  readonly text: string;
  readonly type: AifNodeType;
  readonly timestamp: string;
}

export interface AifEdge {
  readonly edgeID: string;
  readonly fromID: string;
  readonly toID: string;
  readonly formEdgeID: null;
}

export interface AifLocution {
  readonly nodeID: string;
  readonly personID: string;
  readonly timestamp: string;
  readonly start: null;
  readonly end: null;
  /** The URL of the source the words come from, when it has one. */
  readonly source?: string;
}

export interface AifNodeset {
  readonly nodes: readonly AifNode[];
  readonly edges: readonly AifEdge[];
  readonly locutions: readonly AifLocution[];
}

/** `2025-10-28T00:05:00.000Z` → `2025-10-28 00:05:00` (UTC), AIFdb's timestamp format. */
export const aifTimestamp = (iso: string): string => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().slice(0, 19).replace('T', ' ');
};

const SCHEME: Readonly<Record<RelationKind, { readonly type: AifNodeType; readonly text: string }>> = {
  SUPPORTS: { type: 'RA', text: 'Default Inference' },
  ATTACKS: { type: 'CA', text: 'Default Conflict' },
  UNDERCUTS: { type: 'CA', text: 'Default Conflict' },
  REFINES: { type: 'MA', text: 'Default Rephrase' },
  DUPLICATES: { type: 'MA', text: 'Default Rephrase' },
};

/** A statement or counterpoint as an AIF information node with who introduced it. */
interface Utterance {
  readonly id: string;
  readonly text: string;
  readonly speaker: string;
  readonly at: string;
  readonly sourceUrl: string | null;
}

const claimUtterance = (claim: ExportClaim, sourceUrls: ReadonlyMap<string, string>): Utterance => ({
  id: claim.id,
  text: claim.statement,
  speaker: claim.attributedTo ?? claim.createdBy.id,
  at: claim.createdAt,
  sourceUrl: claim.sourceId === null ? null : (sourceUrls.get(claim.sourceId) ?? null),
});

const counterpointUtterance = (counterpoint: ExportCounterpoint): Utterance => ({
  id: counterpoint.id,
  text: counterpoint.text,
  speaker: counterpoint.raisedBy.id,
  at: counterpoint.raisedAt,
  sourceUrl: null,
});

const locutionNodeId = (id: string) => `L_${id}`;
const anchorNodeId = (id: string) => `YA_${id}`;
const relationNodeId = (relation: ExportRelation) =>
  `${SCHEME[relation.kind].type}_${relation.kind.toLowerCase()}_${relation.fromId}_${relation.toId}`;
const counterpointConflictId = (counterpoint: ExportCounterpoint) => `CA_counterpoint_${counterpoint.id}`;

const utteranceNodes = (utterance: Utterance): AifNode[] => {
  const timestamp = aifTimestamp(utterance.at);
  return [
    { nodeID: utterance.id, text: utterance.text, type: 'I', timestamp },
    {
      nodeID: locutionNodeId(utterance.id),
      text: `${utterance.speaker}: ${utterance.text}`,
      type: 'L',
      timestamp,
    },
    { nodeID: anchorNodeId(utterance.id), text: 'Asserting', type: 'YA', timestamp },
  ];
};

const utteranceEdges = (utterance: Utterance): Array<[string, string]> => [
  [locutionNodeId(utterance.id), anchorNodeId(utterance.id)],
  [anchorNodeId(utterance.id), utterance.id],
];

const locution = (utterance: Utterance): AifLocution => ({
  nodeID: locutionNodeId(utterance.id),
  personID: utterance.speaker,
  timestamp: aifTimestamp(utterance.at),
  start: null,
  end: null,
  ...(utterance.sourceUrl ? { source: utterance.sourceUrl } : {}),
});

const attacking = (counterpoint: ExportCounterpoint): boolean => isAttackingCounterpoint(counterpoint.state);

/** The nodeset, piece by piece: every pass over the rows yields its items as it reads them. */
export function* aifDocument(rows: ExportRows): Generator<string> {
  const sourceUrls = new Map(
    rows.sources().flatMap((source) => (source.url ? [[source.id, source.url] as const] : [])),
  );
  const utterances = function* (): Generator<Utterance> {
    for (const claim of rows.liveClaims()) yield claimUtterance(claim, sourceUrls);
    for (const counterpoint of rows.counterpoints()) yield counterpointUtterance(counterpoint);
  };

  const nodes = function* (): Generator<AifNode> {
    for (const utterance of utterances()) yield* utteranceNodes(utterance);
    for (const counterpoint of rows.counterpoints()) {
      if (attacking(counterpoint)) {
        yield {
          nodeID: counterpointConflictId(counterpoint),
          text: 'Default Conflict',
          type: 'CA',
          timestamp: aifTimestamp(counterpoint.raisedAt),
        };
      }
    }
    for (const relation of rows.relations()) {
      const scheme = SCHEME[relation.kind];
      yield {
        nodeID: relationNodeId(relation),
        text: scheme.text,
        type: scheme.type,
        timestamp: aifTimestamp(relation.linkedAt),
      };
    }
  };

  const edges = function* (): Generator<AifEdge> {
    let edgeId = 0;
    const edge = (fromID: string, toID: string): AifEdge => ({
      edgeID: String(++edgeId),
      fromID,
      toID,
      formEdgeID: null,
    });
    for (const utterance of utterances())
      for (const [from, to] of utteranceEdges(utterance)) yield edge(from, to);
    for (const counterpoint of rows.counterpoints()) {
      if (!attacking(counterpoint)) continue;
      yield edge(counterpoint.id, counterpointConflictId(counterpoint));
      yield edge(counterpointConflictId(counterpoint), counterpoint.claimId);
    }
    for (const relation of rows.relations()) {
      yield edge(relation.fromId, relationNodeId(relation));
      yield edge(relationNodeId(relation), relation.toId);
    }
  };

  const locutions = function* (): Generator<AifLocution> {
    for (const utterance of utterances()) yield locution(utterance);
  };

  yield* jsonObject([
    ['nodes', { pieces: jsonArray(nodes(), '    ') }],
    ['edges', { pieces: jsonArray(edges(), '    ') }],
    ['locutions', { pieces: jsonArray(locutions(), '    ') }],
  ]);
}
