import { isAttackingCounterpoint } from '../../claims/domain/claim.attacks.js';
import type {
  ExportClaim,
  ExportCounterpoint,
  ExportEvidence,
  ExportRelation,
  ExportRows,
  ExportSource,
} from '../export.rows.js';
import { countOf, counted, type ExportReport } from '../export.settings.js';
import { jsonArray, jsonObject } from './json-text.js';

/**
 * AIF-JSON in the AIFdb "nodeset" shape (`{nodes, edges, locutions}`, string ids, timestamps
 * `YYYY-MM-DD HH:mm:ss`), as AIFdb, OVA and the Carneades importer read it. docs/export-formats.md has the
 * mapping with examples; in short:
 *
 * - I-nodes: every live claim (its statement), every counterpoint on one (its text) and every live evidence
 *   item (its summary).
 * - S-nodes between them, never an edge from I to I. SUPPORTS → RA ("Default Inference"), supporting
 *   evidence → RA into its claim, undermining evidence → CA ("Default Conflict") on it, ATTACKS → CA,
 *   REFINES and DUPLICATES → MA ("Default Rephrase"); a counterpoint attacks its claim through a CA while it
 *   is OPEN or CONCEDED, as in the labelling (docs/architecture.md §3).
 * - UNDERCUTS as AIF defines an undercut: a CA whose target is an inference (RA node), not a proposition.
 *   "A undercuts B" says that B's grounds do not carry it, so A attacks every RA whose conclusion is B (its
 *   SUPPORTS links and its supporting evidence), one CA each. Where B is the conclusion of no inference there
 *   is nothing to undercut; the CA then targets B's I-node, like an attack, and its nodeID says undercut.
 * - Who said what (AIF+): each I-node is introduced by an L-node anchored to it through a YA ("Asserting").
 *   A claim's L-node quotes the words of the source it is anchored to, spoken by whom the claim is
 *   attributed to, else the source's author (the op-ed's author, not the analyst who recorded it), else its
 *   publisher (an unsigned editorial); only a claim with none of these is spoken by its analyst. Evidence with a quoted citation is spoken by the cited
 *   author (or publisher); a counterpoint, and evidence without a quote, by the analyst who wrote it.
 *
 * Retracted claims are no longer arguments and are left out, with their evidence, counterpoints and links.
 * nodeIDs are the item ids, and ids derived from them for the other nodes, so the same read model always
 * exports the same document.
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

const INFERENCE = 'Default Inference';
const CONFLICT = 'Default Conflict';
const REPHRASE = 'Default Rephrase';

const attacking = (counterpoint: ExportCounterpoint): boolean => isAttackingCounterpoint(counterpoint.state);

/** A proposition with the locution that introduces it. */
interface Utterance {
  readonly id: string;
  readonly proposition: string;
  readonly speaker: string;
  /** The words the speaker said: the anchored quote, or the proposition itself. */
  readonly words: string;
  readonly at: string;
  readonly sourceUrl: string | null;
}

const claimUtterance = (claim: ExportClaim, sources: ReadonlyMap<string, ExportSource>): Utterance => {
  const source = claim.sourceId === null ? undefined : sources.get(claim.sourceId);
  return {
    id: claim.id,
    proposition: claim.statement,
    speaker: claim.attributedTo ?? source?.author ?? source?.publisher ?? claim.createdBy.id,
    words: claim.quote?.exact ?? claim.statement,
    at: claim.createdAt,
    sourceUrl: source?.url ?? null,
  };
};

const counterpointUtterance = (counterpoint: ExportCounterpoint): Utterance => ({
  id: counterpoint.id,
  proposition: counterpoint.text,
  speaker: counterpoint.raisedBy.id,
  words: counterpoint.text,
  at: counterpoint.raisedAt,
  sourceUrl: null,
});

const evidenceUtterance = (evidence: ExportEvidence): Utterance => {
  const { quote, author, publisher, url } = evidence.citation;
  return {
    id: evidence.id,
    proposition: evidence.summary,
    speaker: (quote && (author ?? publisher)) || evidence.addedBy.id,
    words: quote ?? evidence.summary,
    at: evidence.addedAt,
    sourceUrl: url,
  };
};

/** One S-node and the two edges through it: from → S → to. */
interface Step {
  readonly id: string;
  readonly type: 'RA' | 'CA' | 'MA';
  readonly text: string;
  readonly from: string;
  readonly to: string;
  readonly at: string;
}

const relationStep = (relation: ExportRelation, kind: 'RA' | 'CA' | 'MA', text: string): Step => ({
  id: `${kind}_${relation.kind.toLowerCase()}_${relation.fromId}_${relation.toId}`,
  type: kind,
  text,
  from: relation.fromId,
  to: relation.toId,
  at: relation.linkedAt,
});

const evidenceStep = (evidence: ExportEvidence): Step =>
  evidence.stance === 'SUPPORTS'
    ? {
        id: `RA_evidence_${evidence.id}`,
        type: 'RA',
        text: INFERENCE,
        from: evidence.id,
        to: evidence.claimId,
        at: evidence.addedAt,
      }
    : {
        id: `CA_evidence_${evidence.id}`,
        type: 'CA',
        text: CONFLICT,
        from: evidence.id,
        to: evidence.claimId,
        at: evidence.addedAt,
      };

/**
 * Every S-node of the document. Undercuts need the inferences into their target, so the RA nodes of the
 * claims that are undercut are gathered first: one pass over the links for the targets, then one over the
 * supports and the evidence. Only the targets' inferences are held, not the whole graph.
 */
function* steps(rows: ExportRows): Generator<Step> {
  const undercut = new Set<string>();
  for (const relation of rows.relations()) if (relation.kind === 'UNDERCUTS') undercut.add(relation.toId);
  const inferencesInto = new Map<string, string[]>();
  const noteInference = (step: Step) => {
    if (step.type !== 'RA' || !undercut.has(step.to)) return;
    inferencesInto.set(step.to, [...(inferencesInto.get(step.to) ?? []), step.id]);
  };

  for (const relation of rows.relations()) {
    if (relation.kind === 'UNDERCUTS') continue;
    const step =
      relation.kind === 'SUPPORTS'
        ? relationStep(relation, 'RA', INFERENCE)
        : relation.kind === 'ATTACKS'
          ? relationStep(relation, 'CA', CONFLICT)
          : relationStep(relation, 'MA', REPHRASE);
    noteInference(step);
    yield step;
  }
  for (const evidence of rows.evidence()) {
    const step = evidenceStep(evidence);
    noteInference(step);
    yield step;
  }
  for (const counterpoint of rows.counterpoints()) {
    if (!attacking(counterpoint)) continue;
    yield {
      id: `CA_counterpoint_${counterpoint.id}`,
      type: 'CA',
      text: CONFLICT,
      from: counterpoint.id,
      to: counterpoint.claimId,
      at: counterpoint.raisedAt,
    };
  }
  for (const relation of rows.relations()) {
    if (relation.kind !== 'UNDERCUTS') continue;
    const inferences = inferencesInto.get(relation.toId) ?? [];
    if (inferences.length === 0) yield relationStep(relation, 'CA', CONFLICT);
    for (const inference of inferences)
      yield {
        ...relationStep(relation, 'CA', CONFLICT),
        id: `CA_undercuts_${relation.fromId}_${inference}`,
        to: inference,
      };
  }
}

/** The nodeset, piece by piece: every pass over the rows yields its items as it reads them. */
export function* aifDocument(rows: ExportRows): Generator<string> {
  const sources = new Map(rows.sources().map((source) => [source.id, source]));
  const utterances = function* (): Generator<Utterance> {
    for (const claim of rows.liveClaims()) yield claimUtterance(claim, sources);
    for (const counterpoint of rows.counterpoints()) yield counterpointUtterance(counterpoint);
    for (const evidence of rows.evidence()) yield evidenceUtterance(evidence);
  };

  const nodes = function* (): Generator<AifNode> {
    for (const utterance of utterances()) {
      const timestamp = aifTimestamp(utterance.at);
      yield { nodeID: utterance.id, text: utterance.proposition, type: 'I', timestamp };
      yield {
        nodeID: `L_${utterance.id}`,
        text: `${utterance.speaker}: ${utterance.words}`,
        type: 'L',
        timestamp,
      };
      yield { nodeID: `YA_${utterance.id}`, text: 'Asserting', type: 'YA', timestamp };
    }
    for (const step of steps(rows))
      yield { nodeID: step.id, text: step.text, type: step.type, timestamp: aifTimestamp(step.at) };
  };

  const edges = function* (): Generator<AifEdge> {
    let edgeId = 0;
    const edge = (fromID: string, toID: string): AifEdge => ({
      edgeID: String(++edgeId),
      fromID,
      toID,
      formEdgeID: null,
    });
    for (const utterance of utterances()) {
      yield edge(`L_${utterance.id}`, `YA_${utterance.id}`);
      yield edge(`YA_${utterance.id}`, utterance.id);
    }
    for (const step of steps(rows)) {
      yield edge(step.from, step.id);
      yield edge(step.id, step.to);
    }
  };

  const locutions = function* (): Generator<AifLocution> {
    for (const utterance of utterances()) {
      yield {
        nodeID: `L_${utterance.id}`,
        personID: utterance.speaker,
        timestamp: aifTimestamp(utterance.at),
        start: null,
        end: null,
        ...(utterance.sourceUrl ? { source: utterance.sourceUrl } : {}),
      };
    }
  };

  yield* jsonObject([
    ['nodes', { pieces: jsonArray(nodes(), '    ') }],
    ['edges', { pieces: jsonArray(edges(), '    ') }],
    ['locutions', { pieces: jsonArray(locutions(), '    ') }],
  ]);
}

export const aifReport = (rows: ExportRows): ExportReport => {
  const claims = countOf(rows.liveClaims());
  const counterpoints = countOf(rows.counterpoints());
  const evidence = countOf(rows.evidence());
  return {
    contents: `${counted(claims + counterpoints + evidence, 'I-node')} (${counted(claims, 'claim')}, ${counted(counterpoints, 'counterpoint')}, ${counted(evidence, 'evidence item')})`,
    notes: [],
  };
};
