/**
 * The web app's one door to the server's domain: pure constants and guards (no Node imports, so Vite bundles
 * them as they are), so that a limit, a pattern or an ordered list is written once, in the domain, and the
 * browser checks a draft by the same rules the server will. The *types* of the enums come from schema.gql
 * (generated/graphql.ts); the checks at the end fail `tsc -p web` if the domain's lists and the schema's
 * enums ever disagree.
 */
import type * as Schema from './generated/graphql.js';
import {
  CLAIM_STATUSES,
  COUNTERPOINT_RESOLUTIONS,
  RELATION_KINDS,
  STANCES,
  VERDICTS,
  type CounterpointState,
} from '../../src/claims/domain/claim.values.js';
import type { COUNTERPOINT_THREAD_KINDS } from '../../src/claims/domain/claim.values.js';
import { isId } from '../../src/event-sourcing/id-kinds.js';
import { ROLES } from '../../src/event-sourcing/metadata.js';
import type { SourceMetadataField } from '../../src/sources/domain/source.values.js';

export {
  ATTRIBUTED_TO_MAX_LENGTH,
  CITATION_FIELD_MAX_LENGTH,
  COUNTERPOINT_TEXT_LENGTH,
  MAX_TAGS,
  NOTE_MAX_LENGTH,
  REASON_LENGTH,
  REBUTTAL_LENGTH,
  STATEMENT_LENGTH,
  SUMMARY_LENGTH,
} from '../../src/claims/domain/claim.values.js';
export { roleAtLeast } from '../../src/event-sourcing/metadata.js';
export { SOURCE_METADATA_FIELDS, type SourceMetadataField } from '../../src/sources/domain/source.values.js';
export { ValidationError } from '../../src/event-sourcing/errors.js';
export {
  characterCount,
  optionalTextProblem,
  requiredTextProblem,
} from '../../src/event-sourcing/text-rules.js';
export { isAttackingCounterpoint, isAttackingRelation } from '../../src/claims/domain/claim.attacks.js';
export {
  holdsPermit,
  isOwnerOrEditor,
  REOPEN_PERMITS,
  RESOLVE_PERMITS,
} from '../../src/claims/domain/claim.permissions.js';
export { tagProblem } from '../../src/claims/domain/claim.values.js';
export {
  optionalUnitInterval,
  requireUnitInterval,
  type LengthBounds,
} from '../../src/event-sourcing/guards.js';

/** In the domain's order, which is the order people read them in (the schema sorts them alphabetically). */
export { CLAIM_STATUSES, COUNTERPOINT_RESOLUTIONS, RELATION_KINDS, ROLES, STANCES, VERDICTS };

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<Check extends true> = Check;

/** Compile-time only: each domain list holds exactly the values of its schema enum (or input's fields). */
export type DomainListsMatchSchema = [
  Holds<Same<(typeof CLAIM_STATUSES)[number], Schema.ClaimStatus>>,
  Holds<Same<(typeof STANCES)[number], Schema.Stance>>,
  Holds<Same<(typeof COUNTERPOINT_RESOLUTIONS)[number], Schema.CounterpointResolution>>,
  Holds<Same<CounterpointState, Schema.CounterpointState>>,
  Holds<Same<(typeof COUNTERPOINT_THREAD_KINDS)[number], Schema.CounterpointThreadKind>>,
  Holds<Same<(typeof RELATION_KINDS)[number], Schema.RelationKind>>,
  Holds<Same<(typeof VERDICTS)[number], Schema.Verdict>>,
  Holds<Same<(typeof ROLES)[number], Schema.Role>>,
  Holds<SourceMetadataField extends keyof Schema.RegisterSourceInput ? true : false>,
];

export const isClaimId = (id: string): boolean => isId(id, 'claim');
export const isSourceId = (id: string): boolean => isId(id, 'source');
