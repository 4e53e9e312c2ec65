import type {
  Citation,
  ClaimStatus,
  CounterpointState,
  CounterpointThreadKind,
  RelationKind,
  Stance,
} from '../claims/domain/claim.values.js';
import type { Label } from '../claims/domain/grounded-labelling.js';
import type { AssessmentRecord } from '../claims/domain/claim.state.js';
import type { Actor } from '../event-sourcing/metadata.js';
import type { TextQuote } from '../sources/domain/text-quote.js';
import type { SourceMetadata } from '../sources/domain/source.values.js';

/**
 * The rows every export format is built from: read-model rows with their JSON columns parsed. The format
 * modules (`formats/*.ts`) are pure functions of these; `ExportReader` is the only code that reads SQLite.
 */

/** As the domain records it (claim.state.ts): stale once `staleSince` is set (`assessmentStands`). */
export type ExportAssessment = AssessmentRecord;

export interface ExportClaim {
  readonly id: string;
  readonly statement: string;
  readonly status: ClaimStatus;
  readonly tags: readonly string[];
  readonly attributedTo: string | null;
  readonly sourceId: string | null;
  readonly quote: TextQuote | null;
  readonly note: string | null;
  readonly assessment: ExportAssessment | null;
  readonly retracted: boolean;
  readonly acceptability: Label;
  readonly defeatedBy: readonly string[];
  readonly version: number;
  readonly createdBy: Actor;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Live (not withdrawn) evidence, and how it splits by stance. */
  readonly evidenceCount: number;
  readonly supportingEvidenceCount: number;
  readonly underminingEvidenceCount: number;
  readonly counterpointCount: number;
  readonly openCounterpoints: number;
}

export interface ExportSource extends SourceMetadata {
  readonly id: string;
  /** Only read for the formats that need it (the bundle); null otherwise or when none was registered. */
  readonly text: string | null;
  readonly registeredAt: string;
}

export interface ExportEvidence {
  readonly id: string;
  readonly claimId: string;
  readonly stance: Stance;
  readonly summary: string;
  readonly citation: Citation;
  readonly reliability: number | null;
  readonly withdrawn: boolean;
  readonly addedBy: Actor;
  readonly addedAt: string;
}

export interface ExportCounterpoint {
  readonly id: string;
  readonly claimId: string;
  readonly text: string;
  readonly state: CounterpointState;
  readonly citation: Citation | null;
  readonly response: string | null;
  readonly raisedBy: Actor;
  readonly raisedAt: string;
  /** Its responses and rebuttals, oldest first (who and when are the audit trail's). */
  readonly thread: ReadonlyArray<{
    readonly kind: CounterpointThreadKind;
    readonly text: string;
    readonly reason: string | null;
  }>;
}

export interface ExportRelation {
  readonly fromId: string;
  readonly toId: string;
  readonly kind: RelationKind;
  readonly rationale: string | null;
  readonly linkedBy: Actor;
  readonly linkedAt: string;
}

/** What to export: everything, or the claims taken from one source (and what hangs off them). */
export interface ExportScope {
  readonly sourceId?: string | null;
}

/**
 * Streams of rows in a stable order (creation order). Each call starts a new pass; formats that need two
 * passes (titles first, then text) call twice. Implementations read one consistent snapshot.
 */
export interface ExportRows {
  /** Every claim in scope, retracted ones included. */
  claims(): Iterable<ExportClaim>;
  /** Claims that are arguments (not retracted). */
  liveClaims(): Iterable<ExportClaim>;
  /** The sources in scope (one with a source filter), small enough to hold. */
  sources(options?: { readonly withText?: boolean }): readonly ExportSource[];
  /** Evidence of the live claims; withdrawn items only when asked. */
  evidence(options?: { readonly includeWithdrawn?: boolean }): Iterable<ExportEvidence>;
  /** Counterpoints of the live claims. */
  counterpoints(): Iterable<ExportCounterpoint>;
  /** Links between two live claims in scope. */
  relations(): Iterable<ExportRelation>;
  /** What a bundle cannot carry, for a note to the user. */
  omissions(): ExportOmissions;
}

export interface ExportOmissions {
  readonly retractedClaims: number;
  readonly withdrawnEvidence: number;
}
