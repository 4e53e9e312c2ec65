import type { DomainEvent } from '../../event-sourcing/decider.js';
import type { Actor } from '../../event-sourcing/metadata.js';
import type {
  Citation,
  ClaimAnchor,
  CounterpointResolution,
  RelationKind,
  Stance,
  Verdict,
} from './claim.values.js';

/**
 * Claim events. Type names are stored and never change (docs/architecture.md §2). Every event names its claim and
 * carries `at` (ISO time) and `by` (the actor) in its data, so that `evolve`, which sees only the
 * domain event, can rebuild who did what when for time-travel views.
 */
interface ClaimEventData {
  /** The claim whose stream holds the event; for links, the *from* claim. */
  readonly claimId: string;
  readonly at: string;
  readonly by: Actor;
}

export type ClaimProposed = DomainEvent<
  'ClaimProposed',
  ClaimEventData & {
    readonly statement: string;
    readonly tags: readonly string[];
    readonly attributedTo: string | null;
    readonly anchor: ClaimAnchor | null;
    readonly note: string | null;
  }
>;

export type ClaimRevised = DomainEvent<
  'ClaimRevised',
  ClaimEventData & { readonly statement: string; readonly previousStatement: string; readonly reason: string }
>;

export type ClaimTagged = DomainEvent<
  'ClaimTagged',
  ClaimEventData & { readonly added: readonly string[]; readonly removed: readonly string[] }
>;

export type EvidenceAttached = DomainEvent<
  'EvidenceAttached',
  ClaimEventData & {
    readonly evidenceId: string;
    readonly stance: Stance;
    readonly summary: string;
    readonly citation: Citation;
    readonly reliability: number | null;
  }
>;

export type EvidenceWithdrawn = DomainEvent<
  'EvidenceWithdrawn',
  ClaimEventData & { readonly evidenceId: string; readonly reason: string }
>;

export type CounterpointRaised = DomainEvent<
  'CounterpointRaised',
  ClaimEventData & {
    readonly counterpointId: string;
    readonly text: string;
    readonly citation: Citation | null;
  }
>;

export type CounterpointResolved = DomainEvent<
  'CounterpointResolved',
  ClaimEventData & {
    readonly counterpointId: string;
    readonly resolution: CounterpointResolution;
    readonly response: string;
  }
>;

/** A rebuttal of the response that resolved the counterpoint: it is OPEN again (the thread keeps both). */
export type CounterpointReopened = DomainEvent<
  'CounterpointReopened',
  ClaimEventData & { readonly counterpointId: string; readonly text: string; readonly reason: string }
>;

export type ClaimLinked = DomainEvent<
  'ClaimLinked',
  ClaimEventData & {
    readonly toClaimId: string;
    readonly kind: RelationKind;
    readonly rationale: string | null;
  }
>;

export type ClaimUnlinked = DomainEvent<
  'ClaimUnlinked',
  ClaimEventData & { readonly toClaimId: string; readonly kind: RelationKind; readonly reason: string }
>;

export type ClaimAssessed = DomainEvent<
  'ClaimAssessed',
  ClaimEventData & {
    readonly verdict: Verdict;
    readonly confidence: number;
    readonly rationale: string;
    /**
     * The version of the claim the verdict is about (this event's own version) and the statement it judged.
     * Absent from assessments recorded before they were bound to a version: the fold then takes the
     * claim's version and statement at the event, which is what the decider records now.
     */
    readonly assessedVersion?: number;
    readonly statement?: string;
  }
>;

export type AssessmentWithdrawn = DomainEvent<
  'AssessmentWithdrawn',
  ClaimEventData & { readonly reason: string }
>;

/** The claim anchored anew, by the rules of a proposal's anchor; `previousAnchor` null: it had none. */
export type ClaimReanchored = DomainEvent<
  'ClaimReanchored',
  ClaimEventData & {
    readonly anchor: ClaimAnchor;
    readonly previousAnchor: ClaimAnchor | null;
    readonly reason: string;
  }
>;

export type ClaimRetracted = DomainEvent<'ClaimRetracted', ClaimEventData & { readonly reason: string }>;

export type ClaimEvent =
  | ClaimProposed
  | ClaimRevised
  | ClaimTagged
  | EvidenceAttached
  | EvidenceWithdrawn
  | CounterpointRaised
  | CounterpointResolved
  | CounterpointReopened
  | ClaimLinked
  | ClaimUnlinked
  | ClaimAssessed
  | AssessmentWithdrawn
  | ClaimReanchored
  | ClaimRetracted;

export type ClaimEventType = ClaimEvent['type'];

/**
 * Every claim event type, with two questions a new type must answer: does it change the argument graph
 * (which claims live, their links, the state of their counterpoints: what acceptability is computed from;
 * time travel folds only those events, claims/history/graph-event.ts), and does it make a standing
 * assessment stale? A record, so that a new event type fails to compile until both are answered.
 */
interface ClaimEventKind {
  readonly changesGraph: boolean;
  readonly outdatesAssessment: boolean;
}

const CLAIM_EVENT_KINDS = {
  ClaimProposed: { changesGraph: true, outdatesAssessment: false },
  ClaimRevised: { changesGraph: false, outdatesAssessment: true },
  ClaimTagged: { changesGraph: false, outdatesAssessment: false },
  EvidenceAttached: { changesGraph: false, outdatesAssessment: true },
  EvidenceWithdrawn: { changesGraph: false, outdatesAssessment: true },
  CounterpointRaised: { changesGraph: true, outdatesAssessment: true },
  CounterpointResolved: { changesGraph: true, outdatesAssessment: true },
  // A rebuttal reopens what the verdict took as settled.
  CounterpointReopened: { changesGraph: true, outdatesAssessment: true },
  ClaimLinked: { changesGraph: true, outdatesAssessment: false },
  ClaimUnlinked: { changesGraph: true, outdatesAssessment: false },
  ClaimAssessed: { changesGraph: false, outdatesAssessment: false },
  AssessmentWithdrawn: { changesGraph: false, outdatesAssessment: false },
  // The statement judged stays the same; only where in a source it is quoted from moves.
  ClaimReanchored: { changesGraph: false, outdatesAssessment: false },
  ClaimRetracted: { changesGraph: true, outdatesAssessment: false },
} as const satisfies Readonly<Record<ClaimEventType, ClaimEventKind>>;

/**
 * Whether an event makes a standing assessment stale (docs/architecture.md §3): what the editor judged — the
 * statement, the evidence, the counterpoints — changed after the verdict. Tags, links and the like do not.
 */
export const outdatesAssessment = (type: ClaimEventType): boolean =>
  CLAIM_EVENT_KINDS[type].outdatesAssessment;

/** Every claim event type, for projections that declare what they handle. */
export const CLAIM_EVENT_TYPES = Object.keys(CLAIM_EVENT_KINDS) as readonly ClaimEventType[];

/** The claim event types that change the argument graph. */
export type GraphChangingType = {
  [Type in ClaimEventType]: (typeof CLAIM_EVENT_KINDS)[Type]['changesGraph'] extends true ? Type : never;
}[ClaimEventType];

export const GRAPH_CHANGING_TYPES = CLAIM_EVENT_TYPES.filter(
  (type) => CLAIM_EVENT_KINDS[type].changesGraph,
) as readonly GraphChangingType[];

/**
 * The editorial reason an event records, for the `reason` of its stored metadata and the audit trail:
 * the reason of a revision, withdrawal, unlink, reopening, re-anchoring or retraction, the rationale of an
 * assessment or a link, the response to a counterpoint. null for events that need none (and for a link
 * given without a rationale).
 */
export const claimEventReason = (event: ClaimEvent): string | null => {
  switch (event.type) {
    case 'ClaimRevised':
    case 'EvidenceWithdrawn':
    case 'ClaimUnlinked':
    case 'AssessmentWithdrawn':
    case 'ClaimRetracted':
    case 'CounterpointReopened':
    case 'ClaimReanchored':
      return event.data.reason;
    case 'ClaimAssessed':
    case 'ClaimLinked':
      return event.data.rationale;
    case 'CounterpointResolved':
      return event.data.response;
    case 'ClaimProposed':
      return event.data.note;
    case 'ClaimTagged':
    case 'EvidenceAttached':
    case 'CounterpointRaised':
      return null;
    default: {
      const unexpected: never = event;
      throw new Error(`unknown claim event ${JSON.stringify(unexpected)}`);
    }
  }
};
