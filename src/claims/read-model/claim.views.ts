import type { Actor } from '../../event-sourcing/metadata.js';
import type {
  Citation,
  ClaimStatus,
  CounterpointState,
  CounterpointThreadKind,
  RelationKind,
  Stance,
} from '../domain/claim.values.js';
import type { TextQuote } from '../../sources/domain/text-quote.js';
import type { Label } from '../domain/grounded-labelling.js';
import type { AssessmentRecord } from '../domain/claim.state.js';

/** What the read side hands to GraphQL. Time travel builds the same shapes from a fold. */
export interface ClaimView {
  readonly id: string;
  readonly statement: string;
  readonly status: ClaimStatus;
  readonly tags: readonly string[];
  readonly attributedTo: string | null;
  readonly anchor: { readonly sourceId: string; readonly quote: TextQuote } | null;
  readonly assessment: AssessmentView | null;
  readonly acceptability: Label;
  readonly defeatedBy: readonly string[];
  readonly version: number;
  readonly createdBy: Actor;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Present when the view was folded (time travel); otherwise loaded per field. */
  readonly evidence?: readonly EvidenceView[];
  readonly counterpoints?: readonly CounterpointView[];
  readonly relations?: readonly RelationView[];
}

/** The assessment as the domain records it (claim.state.ts): the read model stores the same record as JSON. */
export type AssessmentView = AssessmentRecord;

export interface EvidenceView {
  readonly id: string;
  readonly claimId: string;
  readonly stance: Stance;
  readonly summary: string;
  readonly citation: Citation;
  readonly reliability: number | null;
  readonly addedBy: Actor;
  readonly addedAt: string;
  readonly withdrawn: boolean;
  readonly withdrawnReason: string | null;
}

export interface CounterpointView {
  readonly id: string;
  readonly claimId: string;
  readonly text: string;
  readonly state: CounterpointState;
  readonly citation: Citation | null;
  readonly raisedBy: Actor;
  readonly raisedAt: string;
  readonly response: string | null;
  readonly respondedBy: Actor | null;
  readonly respondedAt: string | null;
  /** Present when the view was folded (time travel); otherwise loaded when asked for. */
  readonly thread?: readonly ThreadEntryView[];
}

/** One response to a counterpoint or one rebuttal of a response (claim.state.ts ThreadEntry). */
export interface ThreadEntryView {
  readonly kind: CounterpointThreadKind;
  readonly text: string;
  readonly reason: string | null;
  readonly by: Actor;
  readonly at: string;
}

export interface RelationView {
  readonly kind: RelationKind;
  readonly fromId: string;
  readonly toId: string;
  readonly rationale: string | null;
  readonly linkedBy: Actor;
  readonly linkedAt: string;
}
