/** The API's enums (checked against schema.gql by test/web/operations.spec.ts) and the shapes the app reads. */

export const ROLES = ['VIEWER', 'ANALYST', 'EDITOR', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export const CLAIM_STATUSES = ['OPEN', 'CONTESTED', 'ASSESSED', 'RETRACTED'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const ACCEPTABILITIES = ['IN', 'OUT', 'UNDECIDED'] as const;
export type Acceptability = (typeof ACCEPTABILITIES)[number];

export const VERDICTS = [
  'ACCURATE',
  'MOSTLY_ACCURATE',
  'MIXED',
  'MISLEADING',
  'INACCURATE',
  'UNSUPPORTED',
  'OPINION',
] as const;
export type Verdict = (typeof VERDICTS)[number];

export const STANCES = ['SUPPORTS', 'UNDERMINES'] as const;
export type Stance = (typeof STANCES)[number];

export const COUNTERPOINT_STATES = ['OPEN', 'ANSWERED', 'CONCEDED', 'DISMISSED'] as const;
export type CounterpointState = (typeof COUNTERPOINT_STATES)[number];

export const COUNTERPOINT_RESOLUTIONS = ['ANSWERED', 'CONCEDED', 'DISMISSED'] as const;
export type CounterpointResolution = (typeof COUNTERPOINT_RESOLUTIONS)[number];

export const RELATION_KINDS = ['SUPPORTS', 'ATTACKS', 'UNDERCUTS', 'REFINES', 'DUPLICATES'] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

export const CLAIM_ORDER_FIELDS = ['UPDATED_AT', 'CREATED_AT', 'STATEMENT', 'RELEVANCE'] as const;
export type ClaimOrderField = (typeof CLAIM_ORDER_FIELDS)[number];

export const ORDER_DIRECTIONS = ['ASC', 'DESC'] as const;
export type OrderDirection = (typeof ORDER_DIRECTIONS)[number];

/** Enum name in schema.gql → the values the app offers; the operations test compares the two. */
export const ENUMS: Record<string, readonly string[]> = {
  Role: ROLES,
  ClaimStatus: CLAIM_STATUSES,
  Acceptability: ACCEPTABILITIES,
  Verdict: VERDICTS,
  Stance: STANCES,
  CounterpointState: COUNTERPOINT_STATES,
  CounterpointResolution: COUNTERPOINT_RESOLUTIONS,
  RelationKind: RELATION_KINDS,
  ClaimOrderField: CLAIM_ORDER_FIELDS,
  OrderDirection: ORDER_DIRECTIONS,
};

export interface Actor {
  readonly id: string;
  readonly role: Role;
}

export interface PageInfo {
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

export interface Connection<T> {
  readonly totalCount: number;
  readonly pageInfo: PageInfo;
  readonly edges: ReadonlyArray<{
    readonly cursor?: string;
    readonly node: T;
    readonly match?: SearchMatch | null;
  }>;
}

/** Where a search matched a result (asked for by the claim board). */
export interface SearchMatch {
  readonly field: string | null;
  readonly highlights: ReadonlyArray<{ readonly text: string; readonly matched: boolean }>;
}

export interface TextQuote {
  readonly exact: string;
  readonly prefix: string | null;
  readonly suffix: string | null;
  readonly start: number;
  readonly end: number;
}

export interface Citation {
  readonly url: string | null;
  readonly title: string | null;
  readonly author?: string | null;
  readonly publisher?: string | null;
  readonly publishedAt?: string | null;
  readonly accessedAt?: string | null;
  readonly quote?: string | null;
}

export interface SourceListItem {
  readonly id: string;
  readonly title: string;
  readonly author: string | null;
  readonly publisher: string | null;
  readonly publishedAt: string | null;
  readonly url: string | null;
  readonly textLength: number | null;
  readonly registeredAt: string;
  readonly claims: { readonly totalCount: number };
}

export interface AnchoredClaim {
  readonly id: string;
  readonly statement: string;
  readonly status: ClaimStatus;
  readonly acceptability: Acceptability;
  readonly anchor: { readonly quote: Pick<TextQuote, 'start' | 'end' | 'exact'> } | null;
}

export interface SourceDetail {
  readonly id: string;
  readonly title: string;
  readonly url: string | null;
  readonly author: string | null;
  readonly publisher: string | null;
  readonly publishedAt: string | null;
  readonly language: string | null;
  readonly text: string | null;
  readonly textLength: number | null;
  readonly claims: Connection<AnchoredClaim>;
}

export interface ClaimRow {
  readonly id: string;
  readonly statement: string;
  readonly status: ClaimStatus;
  readonly acceptability: Acceptability;
  readonly tags: readonly string[];
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly createdBy: Actor;
  readonly assessment: { readonly verdict: Verdict } | null;
  readonly anchor: { readonly source: { readonly id: string; readonly title: string } } | null;
  readonly evidence: ReadonlyArray<{ readonly stance: Stance }>;
  readonly counterpoints: ReadonlyArray<{ readonly state: CounterpointState }>;
  readonly relations: ReadonlyArray<{
    readonly kind: RelationKind;
    readonly from: { readonly id: string };
    readonly to: { readonly id: string };
  }>;
}

export interface Evidence {
  readonly id: string;
  readonly stance: Stance;
  readonly summary: string;
  readonly reliability: number | null;
  readonly withdrawn: boolean;
  readonly withdrawnReason: string | null;
  readonly addedAt: string;
  readonly addedBy: Actor;
  readonly citation: Citation;
}

export interface Counterpoint {
  readonly id: string;
  readonly text: string;
  readonly state: CounterpointState;
  readonly raisedAt: string;
  readonly raisedBy: Actor;
  readonly response: string | null;
  readonly respondedAt: string | null;
  readonly respondedBy: Actor | null;
  readonly citation: Pick<Citation, 'url' | 'title'> | null;
}

export interface RelatedClaim {
  readonly id: string;
  readonly statement: string;
  readonly status: ClaimStatus;
  readonly acceptability: Acceptability;
}

export interface Relation {
  readonly kind: RelationKind;
  readonly rationale: string | null;
  readonly linkedAt: string;
  readonly linkedBy: Actor;
  readonly from: RelatedClaim;
  readonly to: RelatedClaim;
}

export interface Assessment {
  readonly verdict: Verdict;
  readonly confidence: number;
  readonly rationale: string;
  readonly assessedAt: string;
  readonly assessedBy: Actor;
}

export interface ClaimDetail {
  readonly id: string;
  readonly statement: string;
  readonly status: ClaimStatus;
  readonly acceptability: Acceptability;
  readonly defeatedBy: readonly string[];
  readonly tags: readonly string[];
  readonly version: number;
  readonly attributedTo: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly createdBy: Actor;
  readonly anchor: {
    readonly quote: TextQuote;
    readonly source: {
      readonly id: string;
      readonly title: string;
      readonly author: string | null;
      readonly url: string | null;
    };
  } | null;
  readonly assessment: Assessment | null;
  readonly evidence: readonly Evidence[];
  readonly counterpoints: readonly Counterpoint[];
  readonly relations: readonly Relation[];
}

export interface AuditEntry {
  readonly position: string;
  readonly type: string;
  readonly subjectId: string;
  readonly streamId?: string;
  readonly version: number;
  readonly occurredAt: string;
  /** When the store recorded it: the time to ask `asOf` for, to include this event. */
  readonly recordedAt?: string;
  readonly reason: string | null;
  readonly summary: string;
  readonly actor: Actor;
}

export interface GraphNode {
  readonly id: string;
  readonly statement: string;
  readonly status: ClaimStatus;
  readonly acceptability: Acceptability;
}

export interface GraphEdge {
  readonly kind: RelationKind;
  readonly rationale: string | null;
  readonly from: { readonly id: string };
  readonly to: { readonly id: string };
}

export interface ArgumentGraph {
  readonly asOf: string | null;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

export interface ClaimPayload {
  readonly claim: ClaimDetail;
}
