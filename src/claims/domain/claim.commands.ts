import type { Command } from '../../event-sourcing/metadata.js';
import type {
  CitationInput,
  CounterpointResolution,
  LinkTarget,
  RelationKind,
  SourceLookup,
  Stance,
  TextQuoteSelector,
  Verdict,
} from './claim.values.js';

/**
 * Claim commands, one per mutation of contract.graphql. Every command names its claim (`claimId`, the
 * stream `claim-<claimId>`); ids of created evidence and counterpoints arrive in `metadata.newId`.
 * Enum-typed fields are still checked at run time: the domain does not trust its callers' types.
 */

export type ProposeClaim = Command<
  'ProposeClaim',
  {
    /** A `clm_` id, generated outside the domain (derived from the idempotency key when there is one). */
    readonly claimId: string;
    readonly statement: string;
    readonly tags?: readonly string[] | null;
    readonly attributedTo?: string | null;
    readonly note?: string | null;
    /** Anchoring needs both `sourceId` and `quote`. */
    readonly sourceId?: string | null;
    readonly quote?: TextQuoteSelector | null;
    /**
     * The handler's read of the `source-<sourceId>` stream; required when `sourceId` is given.
     * null: no such source.
     */
    readonly source?: SourceLookup | null;
  }
>;

export type ReviseClaim = Command<
  'ReviseClaim',
  { readonly claimId: string; readonly statement: string; readonly reason: string }
>;

export type TagClaim = Command<
  'TagClaim',
  {
    readonly claimId: string;
    readonly add?: readonly string[] | null;
    readonly remove?: readonly string[] | null;
  }
>;

export type AttachEvidence = Command<
  'AttachEvidence',
  {
    readonly claimId: string;
    readonly stance: Stance;
    readonly summary: string;
    readonly citation: CitationInput;
    readonly reliability?: number | null;
  }
>;

export type WithdrawEvidence = Command<
  'WithdrawEvidence',
  { readonly claimId: string; readonly evidenceId: string; readonly reason: string }
>;

export type RaiseCounterpoint = Command<
  'RaiseCounterpoint',
  { readonly claimId: string; readonly text: string; readonly citation?: CitationInput | null }
>;

export type RespondToCounterpoint = Command<
  'RespondToCounterpoint',
  {
    readonly claimId: string;
    readonly counterpointId: string;
    readonly resolution: CounterpointResolution;
    readonly response: string;
  }
>;

export type LinkClaims = Command<
  'LinkClaims',
  {
    /** The *from* claim: the link is recorded on its stream. */
    readonly claimId: string;
    readonly toClaimId: string;
    readonly kind: RelationKind;
    readonly rationale?: string | null;
    /** The handler's read of the `claim-<toClaimId>` stream. */
    readonly target: LinkTarget;
  }
>;

export type UnlinkClaims = Command<
  'UnlinkClaims',
  {
    readonly claimId: string;
    readonly toClaimId: string;
    readonly kind: RelationKind;
    readonly reason: string;
  }
>;

export type AssessClaim = Command<
  'AssessClaim',
  {
    readonly claimId: string;
    readonly verdict: Verdict;
    readonly confidence: number;
    readonly rationale: string;
  }
>;

export type RetractClaim = Command<'RetractClaim', { readonly claimId: string; readonly reason: string }>;

export type ClaimCommand =
  | ProposeClaim
  | ReviseClaim
  | TagClaim
  | AttachEvidence
  | WithdrawEvidence
  | RaiseCounterpoint
  | RespondToCounterpoint
  | LinkClaims
  | UnlinkClaims
  | AssessClaim
  | RetractClaim;

export type ClaimCommandType = ClaimCommand['type'];
