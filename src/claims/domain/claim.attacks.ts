import type { CounterpointState, RelationKind } from './claim.values.js';

/**
 * What attacks what in the argument graph (docs/architecture.md §3), the one statement of the rule that the
 * projection's SQL, time travel, the exports and the resolvers all use. Labels follow from these attacks by
 * grounded semantics (grounded-labelling.ts).
 */

/** Links that attack their target. SUPPORTS, REFINES and DUPLICATES do not change labels. */
export const ATTACKING_RELATION_KINDS = ['ATTACKS', 'UNDERCUTS'] as const satisfies readonly RelationKind[];

/** Counterpoints that attack their claim: an ANSWERED or DISMISSED counterpoint is defeated and attacks nothing. */
export const ATTACKING_COUNTERPOINT_STATES = [
  'OPEN',
  'CONCEDED',
] as const satisfies readonly CounterpointState[];

const attackingKinds: ReadonlySet<string> = new Set(ATTACKING_RELATION_KINDS);
const attackingStates: ReadonlySet<string> = new Set(ATTACKING_COUNTERPOINT_STATES);

export const isAttackingRelation = (kind: RelationKind): boolean => attackingKinds.has(kind);

export const isAttackingCounterpoint = (state: CounterpointState): boolean => attackingStates.has(state);
