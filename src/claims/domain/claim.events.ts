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
  ClaimEventData & { readonly verdict: Verdict; readonly confidence: number; readonly rationale: string }
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
 * Every claim event type, and whether it changes the argument graph: which claims live, their links, the
 * state of their counterpoints (what acceptability is computed from). A record, so that a new event type
 * fails to compile until it is listed here and that question is answered; time travel folds only the
 * events that change the graph (claims/history/graph-event.ts handles exactly those).
 */
const CLAIM_EVENT_KINDS = {
  ClaimProposed: { changesGraph: true },
  ClaimRevised: { changesGraph: false },
  ClaimTagged: { changesGraph: false },
  EvidenceAttached: { changesGraph: false },
  EvidenceWithdrawn: { changesGraph: false },
  CounterpointRaised: { changesGraph: true },
  CounterpointResolved: { changesGraph: true },
  CounterpointReopened: { changesGraph: true },
  ClaimLinked: { changesGraph: true },
  ClaimUnlinked: { changesGraph: true },
  ClaimAssessed: { changesGraph: false },
  AssessmentWithdrawn: { changesGraph: false },
  ClaimReanchored: { changesGraph: false },
  ClaimRetracted: { changesGraph: true },
} as const satisfies Readonly<Record<ClaimEventType, { readonly changesGraph: boolean }>>;

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
 * the reason of a revision, withdrawal, unlink, reopening, re-anchoring or retraction, the rationale of an assessment, the response
 * to a counterpoint. null for events that need none.
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
      return event.data.rationale;
    case 'CounterpointResolved':
      return event.data.response;
    case 'ClaimProposed':
      return event.data.note;
    case 'ClaimTagged':
    case 'EvidenceAttached':
    case 'CounterpointRaised':
    case 'ClaimLinked':
      return null;
    default: {
      const unexpected: never = event;
      throw new Error(`unknown claim event ${JSON.stringify(unexpected)}`);
    }
  }
};
