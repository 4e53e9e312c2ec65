import type { Role } from '../../event-sourcing/metadata.js';
import type { ClaimStatus } from '../domain/claim.values.js';
import type { Label } from '../domain/grounded-labelling.js';
import type { ClaimView } from './claim.views.js';

/**
 * The columns a ClaimView is made of, read as arrays (`.raw()`): better-sqlite3 builds a row object property by
 * property, and for these 16 columns that took twice as long as the array; `SELECT *` (22 columns, counters and
 * note included) took three times as long. The claims of a page were the largest cost of a claims query (B5).
 */
export const CLAIM_COLUMNS = [
  'id',
  'statement',
  'status',
  'tags',
  'attributed_to',
  'source_id',
  'quote',
  'assessment',
  'acceptability',
  'defeated_by',
  'version',
  'created_by',
  'created_role',
  'created_at',
  'updated_at',
  'seq',
] as const;
export const CLAIM_SELECT = `SELECT ${CLAIM_COLUMNS.join(', ')} FROM claims`;

export type ClaimRow = [
  id: string,
  statement: string,
  status: ClaimStatus,
  tags: string,
  attributedTo: string | null,
  sourceId: string | null,
  quote: string | null,
  assessment: string | null,
  acceptability: Label,
  defeatedBy: string,
  version: number,
  createdBy: string,
  createdRole: Role,
  createdAt: string,
  updatedAt: string,
  seq: number,
];
export const SEQ = CLAIM_COLUMNS.indexOf('seq');

export const toClaimView = ([
  id,
  statement,
  status,
  tags,
  attributedTo,
  sourceId,
  quote,
  assessment,
  acceptability,
  defeatedBy,
  version,
  createdBy,
  createdRole,
  createdAt,
  updatedAt,
]: ClaimRow): ClaimView => ({
  id,
  statement,
  status,
  tags: JSON.parse(tags) as string[],
  attributedTo,
  anchor: sourceId && quote ? { sourceId, quote: JSON.parse(quote) } : null,
  assessment: assessment ? JSON.parse(assessment) : null,
  acceptability,
  defeatedBy: JSON.parse(defeatedBy) as string[],
  version,
  createdBy: { id: createdBy, role: createdRole },
  createdAt,
  updatedAt,
});
