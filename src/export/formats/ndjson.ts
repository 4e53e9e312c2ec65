import type { ClaimStatus, Verdict } from '../../claims/domain/claim.values.js';
import type { Label } from '../../claims/domain/grounded-labelling.js';
import type { Role } from '../../event-sourcing/metadata.js';
import type { ExportClaim, ExportRows } from '../export.rows.js';
import { countOf, counted, type ExportReport } from '../export.settings.js';

/**
 * One flat JSON object per claim and line (NDJSON), shaped so that `pandas.read_json(path, lines=True)`
 * needs no post-processing: snake_case columns, times in UTC ISO-8601 under names ending in `_at` (the
 * columns pandas parses into datetimes by itself), actors as `_id` and `_role` columns, and no nesting but
 * the two lists (tags, defeated_by).
 */
export interface ClaimRecord {
  readonly id: string;
  readonly statement: string;
  readonly status: ClaimStatus;
  readonly tags: readonly string[];
  readonly attributed_to: string | null;
  readonly source_id: string | null;
  /** The exact words of the source the claim is anchored to. */
  readonly quote: string | null;
  readonly verdict: Verdict | null;
  readonly confidence: number | null;
  readonly assessed_at: string | null;
  readonly assessed_by_id: string | null;
  readonly acceptability: Label;
  readonly defeated_by: readonly string[];
  /** Live evidence (withdrawn items are not counted), and its split by stance. */
  readonly evidence_count: number;
  readonly supporting_evidence_count: number;
  readonly undermining_evidence_count: number;
  readonly counterpoint_count: number;
  readonly open_counterpoints: number;
  readonly version: number;
  /** The actor who proposed the claim. */
  readonly created_by_id: string;
  readonly created_by_role: Role;
  readonly created_at: string;
  readonly updated_at: string;
}

/**
 * A time as UTC ISO-8601 with milliseconds (`2025-10-28T09:01:00.000Z`): one format and one offset in a
 * column, which pandas turns into one datetime64[ns, UTC] column (mixed offsets would leave strings).
 */
export const isoUtc = (value: string): string => {
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? value : time.toISOString();
};

export const claimRecord = (claim: ExportClaim): ClaimRecord => ({
  id: claim.id,
  statement: claim.statement,
  status: claim.status,
  tags: claim.tags,
  attributed_to: claim.attributedTo,
  source_id: claim.sourceId,
  quote: claim.quote?.exact ?? null,
  verdict: claim.assessment?.verdict ?? null,
  confidence: claim.assessment?.confidence ?? null,
  assessed_at: claim.assessment ? isoUtc(claim.assessment.assessedAt) : null,
  assessed_by_id: claim.assessment?.assessedBy.id ?? null,
  acceptability: claim.acceptability,
  defeated_by: claim.defeatedBy,
  evidence_count: claim.evidenceCount,
  supporting_evidence_count: claim.supportingEvidenceCount,
  undermining_evidence_count: claim.underminingEvidenceCount,
  counterpoint_count: claim.counterpointCount,
  open_counterpoints: claim.openCounterpoints,
  version: claim.version,
  created_by_id: claim.createdBy.id,
  created_by_role: claim.createdBy.role,
  created_at: isoUtc(claim.createdAt),
  updated_at: isoUtc(claim.updatedAt),
});

/** Every claim (retracted ones too, with status RETRACTED), one line each. */
export function* claimsNdjson(claims: Iterable<ExportClaim>): Generator<string> {
  for (const claim of claims) yield `${JSON.stringify(claimRecord(claim))}\n`;
}

export const claimsNdjsonReport = (rows: ExportRows): ExportReport => ({
  contents: counted(countOf(rows.claims()), 'claim'),
  notes: [],
});
