import { registerEnumType } from '@nestjs/graphql';

/**
 * The contract's enums (Role lives in auth/graphql/actor.model.ts). Const objects whose keys equal their
 * values, so the GraphQL value, the TS value and the stored string are one and the same; each name is both
 * the object and the union of its values. The `…Enum` suffix keeps them apart from the domain's own types.
 */
type ValueOf<Enum> = Enum[keyof Enum];

export const ClaimStatusEnum = {
  OPEN: 'OPEN',
  CONTESTED: 'CONTESTED',
  ASSESSED: 'ASSESSED',
  RETRACTED: 'RETRACTED',
} as const;
export type ClaimStatusEnum = ValueOf<typeof ClaimStatusEnum>;

export const StanceEnum = { SUPPORTS: 'SUPPORTS', UNDERMINES: 'UNDERMINES' } as const;
export type StanceEnum = ValueOf<typeof StanceEnum>;

export const CounterpointStateEnum = {
  OPEN: 'OPEN',
  ANSWERED: 'ANSWERED',
  CONCEDED: 'CONCEDED',
  DISMISSED: 'DISMISSED',
} as const;
export type CounterpointStateEnum = ValueOf<typeof CounterpointStateEnum>;

export const CounterpointResolutionEnum = {
  ANSWERED: 'ANSWERED',
  CONCEDED: 'CONCEDED',
  DISMISSED: 'DISMISSED',
} as const;
export type CounterpointResolutionEnum = ValueOf<typeof CounterpointResolutionEnum>;

export const RelationKindEnum = {
  SUPPORTS: 'SUPPORTS',
  ATTACKS: 'ATTACKS',
  UNDERCUTS: 'UNDERCUTS',
  REFINES: 'REFINES',
  DUPLICATES: 'DUPLICATES',
} as const;
export type RelationKindEnum = ValueOf<typeof RelationKindEnum>;

export const VerdictEnum = {
  ACCURATE: 'ACCURATE',
  MOSTLY_ACCURATE: 'MOSTLY_ACCURATE',
  MIXED: 'MIXED',
  MISLEADING: 'MISLEADING',
  INACCURATE: 'INACCURATE',
  UNSUPPORTED: 'UNSUPPORTED',
  OPINION: 'OPINION',
} as const;
export type VerdictEnum = ValueOf<typeof VerdictEnum>;

export const AcceptabilityEnum = { IN: 'IN', OUT: 'OUT', UNDECIDED: 'UNDECIDED' } as const;
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
