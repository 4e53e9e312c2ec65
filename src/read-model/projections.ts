import { auditProjection } from '../audit/read-model/audit.projection.js';
import { tokensProjection } from '../auth/read-model/tokens.projection.js';
import { claimsProjection } from '../claims/read-model/claims.projection.js';
import { sourcesProjection } from '../sources/read-model/sources.projection.js';
import type { Projection } from './projection.js';

/** Every projection of this instance's read model, in the order they apply an event. */
export const PROJECTIONS: readonly Projection[] = [
  sourcesProjection,
  claimsProjection,
  auditProjection,
  tokensProjection,
];
