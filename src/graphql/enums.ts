import { registerEnumType } from '@nestjs/graphql';
import {
  CLAIM_STATUSES,
  COUNTERPOINT_RESOLUTIONS,
  COUNTERPOINT_STATES,
  COUNTERPOINT_THREAD_KINDS,
  RELATION_KINDS,
  STANCES,
  VERDICTS,
} from '../claims/domain/claim.values.js';
import { LABELS } from '../claims/domain/grounded-labelling.js';

/**
 * The contract's enums (Role lives in auth/graphql/actor.model.ts), built from the domain's lists. Const
 * objects whose keys equal their values, so the GraphQL value, the TS value and the stored string are one
 * and the same; each name is both the object and the union of its values. The `…Enum` suffix keeps them apart from the domain's own types.
 */
type ValueOf<Enum> = Enum[keyof Enum];

/** A GraphQL enum object from a list of the domain's values: the list is the domain's, the enum follows. */
const enumOf = <Value extends string>(values: readonly Value[]): { readonly [Key in Value]: Key } =>
  Object.fromEntries(values.map((value) => [value, value])) as { readonly [Key in Value]: Key };

export const ClaimStatusEnum = enumOf(CLAIM_STATUSES);
export type ClaimStatusEnum = ValueOf<typeof ClaimStatusEnum>;

export const StanceEnum = enumOf(STANCES);
export type StanceEnum = ValueOf<typeof StanceEnum>;

export const CounterpointStateEnum = enumOf(COUNTERPOINT_STATES);
export type CounterpointStateEnum = ValueOf<typeof CounterpointStateEnum>;

export const CounterpointResolutionEnum = enumOf(COUNTERPOINT_RESOLUTIONS);
export type CounterpointResolutionEnum = ValueOf<typeof CounterpointResolutionEnum>;

export const CounterpointThreadKindEnum = enumOf(COUNTERPOINT_THREAD_KINDS);
export type CounterpointThreadKindEnum = ValueOf<typeof CounterpointThreadKindEnum>;

export const RelationKindEnum = enumOf(RELATION_KINDS);
export type RelationKindEnum = ValueOf<typeof RelationKindEnum>;

export const VerdictEnum = enumOf(VERDICTS);
export type VerdictEnum = ValueOf<typeof VerdictEnum>;

export const AcceptabilityEnum = enumOf(LABELS);
export type AcceptabilityEnum = ValueOf<typeof AcceptabilityEnum>;

export const ClaimOrderFieldEnum = {
  CREATED_AT: 'CREATED_AT',
  UPDATED_AT: 'UPDATED_AT',
  STATEMENT: 'STATEMENT',
  RELEVANCE: 'RELEVANCE',
} as const;
export type ClaimOrderFieldEnum = ValueOf<typeof ClaimOrderFieldEnum>;

export const OrderDirectionEnum = { ASC: 'ASC', DESC: 'DESC' } as const;
export type OrderDirectionEnum = ValueOf<typeof OrderDirectionEnum>;

registerEnumType(ClaimStatusEnum, { name: 'ClaimStatus' });
registerEnumType(StanceEnum, { name: 'Stance' });
registerEnumType(CounterpointStateEnum, { name: 'CounterpointState' });
registerEnumType(CounterpointResolutionEnum, { name: 'CounterpointResolution' });
registerEnumType(CounterpointThreadKindEnum, {
  name: 'CounterpointThreadKind',
  description:
    'What an entry of a counterpoint’s thread does: a response (ANSWER, CONCESSION, DISMISSAL) or a REBUTTAL',
});
registerEnumType(RelationKindEnum, { name: 'RelationKind' });
registerEnumType(VerdictEnum, { name: 'Verdict' });
registerEnumType(AcceptabilityEnum, {
  name: 'Acceptability',
  description: "A claim's label under grounded semantics",
});
registerEnumType(ClaimOrderFieldEnum, {
  name: 'ClaimOrderField',
  valuesMap: {
    RELEVANCE: {
      description:
        'Best match of filter.search first, whatever the direction (the order of a search when orderBy is not given)',
    },
  },
});
registerEnumType(OrderDirectionEnum, { name: 'OrderDirection' });
