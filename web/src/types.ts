/**
 * The app's names for what the API answers. Nothing here is written by hand: each shape is a generated
 * operation or fragment type (generated/graphql.ts, from schema.gql and operations.graphql) or a part of one.
 */
import type {
  ActorFieldsFragment,
  ArgumentGraphQuery,
  AuditEntryFieldsFragment,
  ClaimDetailFragment,
  ClaimRowFragment,
  ClaimSummaryFragment,
  SourceReaderQuery,
  SourcesQuery,
} from './generated/graphql.js';

export type {
  Acceptability,
  CitationInput,
  ClaimFilter,
  ClaimOrderField,
  ClaimStatus,
  CounterpointResolution,
  CounterpointState,
  OrderDirection,
  RegisterSourceInput,
  RelationKind,
  Role,
  Stance,
  Verdict,
} from './generated/graphql.js';

export type Actor = ActorFieldsFragment;

export type ClaimDetail = ClaimDetailFragment;
export type Evidence = ClaimDetail['evidence'][number];
export type Counterpoint = ClaimDetail['counterpoints'][number];
export type Relation = ClaimDetail['relations'][number];
export type Citation = Evidence['citation'];
export type Anchor = NonNullable<ClaimDetail['anchor']>;

/** A claim named in passing: a link's other end, a search hit, a graph node. */
export type RelatedClaim = ClaimSummaryFragment;
export type ClaimRow = ClaimRowFragment;

export type SourceListItem = SourcesQuery['sources']['edges'][number]['node'];
export type SourceDetail = NonNullable<SourceReaderQuery['source']>;
export type AnchoredClaim = SourceDetail['claims']['edges'][number]['node'];

/** One audit entry as every view of the trail reads it (the history adds `recordedAt`, live adds `streamId`). */
export type AuditEntry = AuditEntryFieldsFragment;

export type ArgumentGraph = ArgumentGraphQuery['argumentGraph'];
