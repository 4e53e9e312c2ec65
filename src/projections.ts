import { auditProjection } from './audit/read-model/audit.projection.js';
import { tokensProjection } from './auth/read-model/tokens.projection.js';
import { claimsProjection } from './claims/read-model/claims.projection.js';
import { standingProjection } from './claims/read-model/standing.projection.js';
import type { Projection } from './read-model/projection.js';
import { sourcesProjection } from './sources/read-model/sources.projection.js';

/**
 * Every projection of an instance's read model, in the order they apply an event. The composition root of
 * the read side: the server hands it to ReadModelModule, the CLI to rebuild and verify, so that
 * `read-model/` itself knows no feature.
 */
export const PROJECTIONS: readonly Projection[] = [
  sourcesProjection,
  // Before the claims projection: its graph is loaded from the tables as they stood before the event (a
  // new claim's row, which the claims projection then inserts, starts IN, as the graph has it).
  standingProjection,
  claimsProjection,
  auditProjection,
  tokensProjection,
];
