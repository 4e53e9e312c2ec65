import type { Actor } from '../../event-sourcing/metadata.js';
import type { ClaimEvent, ClaimProposed } from './claim.events.js';
import type {
  Citation,
  ClaimAnchor,
  ClaimStatus,
  CounterpointState,
  RelationKind,
  Stance,
  Verdict,
} from './claim.values.js';

/**
 * A claim as its stream tells it. Everything a view of the claim "as of" a time needs is here, so that
 * time travel is a fold and nothing more.
 */

export interface EvidenceRecord {
  readonly evidenceId: string;
  readonly stance: Stance;
  readonly summary: string;
  readonly citation: Citation;
  readonly reliability: number | null;
  readonly addedBy: Actor;
  readonly addedAt: string;
  readonly withdrawn: boolean;
  readonly withdrawnReason: string | null;
  readonly withdrawnBy: Actor | null;
  readonly withdrawnAt: string | null;
}

export interface CounterpointRecord {
  readonly counterpointId: string;
  readonly text: string;
  readonly citation: Citation | null;
  readonly state: CounterpointState;
  readonly raisedBy: Actor;
  readonly raisedAt: string;
  readonly response: string | null;
  readonly respondedBy: Actor | null;
  readonly respondedAt: string | null;
}

/** A link from this claim; unlinking removes it (the stream keeps the history). */
export interface RelationRecord {
  readonly toClaimId: string;
  readonly kind: RelationKind;
  readonly rationale: string | null;
  readonly linkedBy: Actor;
  readonly linkedAt: string;
}

export interface AssessmentRecord {
  readonly verdict: Verdict;
  readonly confidence: number;
  readonly rationale: string;
  readonly assessedBy: Actor;
  readonly assessedAt: string;
}

export interface RetractionRecord {
  readonly reason: string;
  readonly retractedBy: Actor;
  readonly retractedAt: string;
}

export interface LiveClaim {
  readonly status: 'live';
  readonly claimId: string;
  /** Derived by `evolve` from retraction, open counterpoints and assessment; never set directly. */
  readonly claimStatus: ClaimStatus;
  readonly statement: string;
  readonly tags: readonly string[];
  readonly attributedTo: string | null;
  readonly anchor: ClaimAnchor | null;
  readonly note: string | null;
  readonly createdBy: Actor;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly evidence: readonly EvidenceRecord[];
  readonly counterpoints: readonly CounterpointRecord[];
  readonly relations: readonly RelationRecord[];
  readonly assessment: AssessmentRecord | null;
  readonly retraction: RetractionRecord | null;
}

export type ClaimState = { readonly status: 'none' } | LiveClaim;

export const initialClaimState = (): ClaimState => ({ status: 'none' });

export const deriveClaimStatus = (
  claim: Pick<LiveClaim, 'retraction' | 'counterpoints' | 'assessment'>,
): ClaimStatus => {
  if (claim.retraction !== null) return 'RETRACTED';
  if (claim.counterpoints.some((counterpoint) => counterpoint.state === 'OPEN')) return 'CONTESTED';
  if (claim.assessment !== null) return 'ASSESSED';
  return 'OPEN';
};

export const isSameRelation = (relation: RelationRecord, toClaimId: string, kind: RelationKind): boolean =>
  relation.toClaimId === toClaimId && relation.kind === kind;

const proposed = ({ data }: ClaimProposed): LiveClaim => ({
  status: 'live',
  claimId: data.claimId,
  claimStatus: 'OPEN',
  statement: data.statement,
  tags: data.tags,
  attributedTo: data.attributedTo,
  anchor: data.anchor,
  note: data.note,
  createdBy: data.by,
  createdAt: data.at,
  updatedAt: data.at,
  evidence: [],
  counterpoints: [],
  relations: [],
  assessment: null,
  retraction: null,
});

/** Applies an event to a live claim; the status is derived afterwards, in one place. */
const applied = (claim: LiveClaim, event: Exclude<ClaimEvent, ClaimProposed>): LiveClaim => {
  const { at, by } = event.data;
  switch (event.type) {
    case 'ClaimRevised':
      return { ...claim, statement: event.data.statement };
    case 'ClaimTagged': {
      const { added, removed } = event.data;
      return { ...claim, tags: [...claim.tags.filter((tag) => !removed.includes(tag)), ...added] };
    }
    case 'EvidenceAttached': {
      const { evidenceId, stance, summary, citation, reliability } = event.data;
      const evidence: EvidenceRecord = {
        evidenceId,
        stance,
        summary,
        citation,
        reliability,
        addedBy: by,
        addedAt: at,
        withdrawn: false,
        withdrawnReason: null,
        withdrawnBy: null,
        withdrawnAt: null,
      };
      return { ...claim, evidence: [...claim.evidence, evidence] };
    }
    case 'EvidenceWithdrawn': {
      const { evidenceId, reason } = event.data;
      return {
        ...claim,
        evidence: claim.evidence.map((evidence) =>
          evidence.evidenceId === evidenceId
            ? { ...evidence, withdrawn: true, withdrawnReason: reason, withdrawnBy: by, withdrawnAt: at }
            : evidence,
        ),
      };
    }
    case 'CounterpointRaised': {
      const { counterpointId, text, citation } = event.data;
      const counterpoint: CounterpointRecord = {
        counterpointId,
        text,
        citation,
        state: 'OPEN',
        raisedBy: by,
        raisedAt: at,
        response: null,
        respondedBy: null,
        respondedAt: null,
      };
      return { ...claim, counterpoints: [...claim.counterpoints, counterpoint] };
    }
    case 'CounterpointResolved': {
      const { counterpointId, resolution, response } = event.data;
      return {
        ...claim,
        counterpoints: claim.counterpoints.map((counterpoint) =>
          counterpoint.counterpointId === counterpointId
            ? { ...counterpoint, state: resolution, response, respondedBy: by, respondedAt: at }
            : counterpoint,
        ),
      };
    }
    case 'ClaimLinked': {
      const { toClaimId, kind, rationale } = event.data;
      return {
        ...claim,
        relations: [...claim.relations, { toClaimId, kind, rationale, linkedBy: by, linkedAt: at }],
      };
    }
    case 'ClaimUnlinked': {
      const { toClaimId, kind } = event.data;
      return {
        ...claim,
        relations: claim.relations.filter((relation) => !isSameRelation(relation, toClaimId, kind)),
      };
    }
    case 'ClaimAssessed': {
      const { verdict, confidence, rationale } = event.data;
      return { ...claim, assessment: { verdict, confidence, rationale, assessedBy: by, assessedAt: at } };
    }
    case 'ClaimRetracted':
      return { ...claim, retraction: { reason: event.data.reason, retractedBy: by, retractedAt: at } };
    default: {
      const unexpected: never = event;
      throw new Error(`unknown claim event ${JSON.stringify(unexpected)}`);
    }
  }
};

export const evolveClaim = (state: ClaimState, event: ClaimEvent): ClaimState => {
  if (event.type === 'ClaimProposed') {
    // Deciders never propose twice; a second ClaimProposed would mean a corrupt stream.
    if (state.status !== 'none') throw new Error(`claim ${state.claimId} was proposed twice`);
    return proposed(event);
  }
  if (state.status === 'none') {
    throw new Error(`${event.type} for claim ${event.data.claimId} comes before its ClaimProposed`);
  }
  const claim = applied(state, event);
  return { ...claim, claimStatus: deriveClaimStatus(claim), updatedAt: event.data.at };
};
