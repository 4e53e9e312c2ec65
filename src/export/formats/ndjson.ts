import type { ClaimStatus, Verdict } from '../../claims/domain/claim.values.js';
import type { Label } from '../../claims/domain/grounded-labelling.js';
import type { ExportClaim } from '../export.rows.js';

/**
 * One flat JSON object per claim and line (NDJSON), so `pandas.read_json(path, lines=True)` gives one row
 * per claim with no nested columns except the two lists (tags, defeatedBy).
 */
export interface ClaimRecord {
  readonly id: string;
  readonly statement: string;
  readonly status: ClaimStatus;
  readonly tags: readonly string[];
  readonly attributedTo: string | null;
  readonly sourceId: string | null;
  /** The exact words of the source the claim is anchored to. */
  readonly quote: string | null;
  readonly verdict: Verdict | null;
  readonly confidence: number | null;
  readonly acceptability: Label;
  readonly defeatedBy: readonly string[];
  /** Live evidence (withdrawn items are not counted), and its split by stance. */
  readonly evidenceCount: number;
  readonly supportingEvidenceCount: number;
  readonly underminingEvidenceCount: number;
  readonly counterpointCount: number;
  readonly openCounterpoints: number;
  readonly version: number;
  /** The actor id of the analyst who proposed the claim. */
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export const claimRecord = (claim: ExportClaim): ClaimRecord => ({
  id: claim.id,
  statement: claim.statement,
  status: claim.status,
  tags: claim.tags,
  attributedTo: claim.attributedTo,
  sourceId: claim.sourceId,
  quote: claim.quote?.exact ?? null,
  verdict: claim.assessment?.verdict ?? null,
  confidence: claim.assessment?.confidence ?? null,
  acceptability: claim.acceptability,
  defeatedBy: claim.defeatedBy,
  evidenceCount: claim.evidenceCount,
  supportingEvidenceCount: claim.supportingEvidenceCount,
  underminingEvidenceCount: claim.underminingEvidenceCount,
  counterpointCount: claim.counterpointCount,
  openCounterpoints: claim.openCounterpoints,
  version: claim.version,
  createdBy: claim.createdBy.id,
  createdAt: claim.createdAt,
  updatedAt: claim.updatedAt,
});

/** Every claim (retracted ones too, with status RETRACTED), one line each. */
export function* claimsNdjson(claims: Iterable<ExportClaim>): Generator<string> {
  for (const claim of claims) yield `${JSON.stringify(claimRecord(claim))}\n`;
}
