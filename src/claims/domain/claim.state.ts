import type { Actor } from '../../event-sourcing/metadata.js';
import type { ClaimEventType } from './claim.events.js';
import type {
  Citation,
  ClaimAnchor,
  ClaimStatus,
  CounterpointState,
  CounterpointThreadKind,
  RelationKind,
  Stance,
  Verdict,
} from './claim.values.js';

/**
 * A claim as its stream tells it. Everything a view of the claim "as of" a time needs is here, so that
 * time travel is a fold and nothing more. `claim.evolve.ts` is the one place events change it.
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

/** One response to a counterpoint or one rebuttal of a response, in the order they were made. */
export interface ThreadEntry {
  readonly kind: CounterpointThreadKind;
  readonly text: string;
  /** A rebuttal's editorial reason for reopening; null for responses (their text is their reason). */
  readonly reason: string | null;
  readonly by: Actor;
  readonly at: string;
}

export interface CounterpointRecord {
  readonly counterpointId: string;
  readonly text: string;
  readonly citation: Citation | null;
  readonly state: CounterpointState;
  readonly raisedBy: Actor;
  readonly raisedAt: string;
  /** The response that resolved it, by whom and when: null while it is OPEN (reopened included). */
  readonly response: string | null;
  readonly respondedBy: Actor | null;
  readonly respondedAt: string | null;
  /** Every response and rebuttal, oldest first: an answer is an argument, and a rebuttal may answer it. */
  readonly thread: readonly ThreadEntry[];
}

/** A link from this claim; unlinking removes it (the stream keeps the history). */
export interface RelationRecord {
  readonly toClaimId: string;
  readonly kind: RelationKind;
  readonly rationale: string | null;
  readonly linkedBy: Actor;
  readonly linkedAt: string;
}

/** The event after which an assessment no longer speaks for its claim: the `version`-th of the claim's stream. */
export interface StaleCause {
  readonly claimId: string;
  readonly version: number;
  readonly type: ClaimEventType;
  readonly at: string;
  readonly by: Actor;
}

export interface AssessmentRecord {
  readonly verdict: Verdict;
  readonly confidence: number;
  readonly rationale: string;
  readonly assessedBy: Actor;
  readonly assessedAt: string;
  /** The claim's version the verdict judged (the assessment's own version), and its statement then. */
  readonly assessedVersion: number;
  readonly assessedStatement: string;
  /** null while the verdict stands; kept, with the event that outdated it, once it has gone stale. */
  readonly staleSince: StaleCause | null;
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
  /** The number of events in the claim's stream so far, as the store counts versions. */
  readonly version: number;
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

/** What a claim's status depends on, and nothing else. */
export interface StatusFacts {
  readonly retracted: boolean;
  readonly openCounterpoints: number;
  readonly assessed: boolean;
}

/**
 * The status rule (docs/architecture.md §3), the one statement of it: RETRACTED once retracted; else
 * CONTESTED while a counterpoint is open; else ASSESSED while an assessment stands (not stale); else OPEN. `evolve` and the claims
 * projection both derive the status with it; it is never set directly.
 */
export const claimStatusOf = ({ retracted, openCounterpoints, assessed }: StatusFacts): ClaimStatus => {
  if (retracted) return 'RETRACTED';
  if (openCounterpoints > 0) return 'CONTESTED';
  if (assessed) return 'ASSESSED';
  return 'OPEN';
};

/** A verdict that still speaks for its claim: recorded, not withdrawn, not gone stale. */
export const assessmentStands = (assessment: Pick<AssessmentRecord, 'staleSince'> | null): boolean =>
  assessment !== null && assessment.staleSince === null;

export const deriveClaimStatus = (
  claim: Pick<LiveClaim, 'retraction' | 'counterpoints' | 'assessment'>,
): ClaimStatus =>
  claimStatusOf({
    retracted: claim.retraction !== null,
    openCounterpoints: claim.counterpoints.filter((counterpoint) => counterpoint.state === 'OPEN').length,
    assessed: assessmentStands(claim.assessment),
  });

export const isSameRelation = (relation: RelationRecord, toClaimId: string, kind: RelationKind): boolean =>
  relation.toClaimId === toClaimId && relation.kind === kind;
