import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { AuditEntryModel } from '../../audit/graphql/audit-entry.model.js';
import { ActorModel } from '../../auth/graphql/actor.model.js';
import { AcceptabilityEnum, ClaimStatusEnum, RelationKindEnum } from '../../graphql/enums.js';
import { NodeInterface } from '../../graphql/node.interface.js';
import { PageInfoModel } from '../../graphql/page-info.model.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { SearchMatchModel } from '../../graphql/search.model.js';
import { AnchorModel, AssessmentModel } from './claim-parts.model.js';

/**
 * Claim and the types that refer to it. Claim and ClaimRelation refer to each other, so they share this file
 * and Claim comes first: decorator metadata names a property's class at load time, and ClaimRelation's
 * `from: ClaimModel` must find it defined (Claim's `relations` is an array, which the metadata records as Array).
 *
 * The claims resolver adds the fields that take arguments with `@ResolveField`:
 * `evidence(stance, includeWithdrawn = false)`, `counterpoints(state)` and `history(first, after)`.
 */
@ObjectType('Claim', { implements: () => [NodeInterface] })
export class ClaimModel implements NodeInterface {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  statement!: string;

  @Field(() => ClaimStatusEnum)
  status!: ClaimStatusEnum;

  @Field(() => [String])
  tags!: string[];

  @Field(() => String, {
    nullable: true,
    description: "Who made the claim in the source (e.g. the op-ed's author)",
  })
  attributedTo!: string | null;

  @Field(() => AnchorModel, { nullable: true })
  anchor!: AnchorModel | null;

  @Field(() => [ClaimRelationModel], { description: 'Links from and to this claim' })
  relations!: ClaimRelationModel[];

  @Field(() => AssessmentModel, { nullable: true })
  assessment!: AssessmentModel | null;

  @Field(() => AcceptabilityEnum)
  acceptability!: AcceptabilityEnum;

  @Field(() => [ID], {
    description:
      'Ids of the IN claims and counterpoints that make this claim OUT or UNDECIDED; empty for a retracted claim, which is OUT because it is no longer an argument, not because anything defeats it (see acceptabilityReason)',
  })
  defeatedBy!: string[];

  @Field(() => Int, {
    description: "Number of events in the claim's stream; pass it back as expectedVersion",
  })
  version!: number;

  @Field(() => ActorModel)
  createdBy!: ActorModel;

  @Field(() => DateTimeScalar)
  createdAt!: string;

  @Field(() => DateTimeScalar)
  updatedAt!: string;
}

@ObjectType('ClaimRelation')
export class ClaimRelationModel {
  @Field(() => RelationKindEnum)
  kind!: RelationKindEnum;

  @Field(() => ClaimModel)
  from!: ClaimModel;

  @Field(() => ClaimModel)
  to!: ClaimModel;

  @Field(() => String, { nullable: true })
  rationale!: string | null;

  @Field(() => ActorModel)
  linkedBy!: ActorModel;

  @Field(() => DateTimeScalar)
  linkedAt!: string;
}

@ObjectType('ClaimEdge')
export class ClaimEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => ClaimModel)
  node!: ClaimModel;

  @Field(() => SearchMatchModel, {
    nullable: true,
    description: 'Where filter.search matched (null without one)',
  })
  match!: SearchMatchModel | null;
}

@ObjectType('ClaimConnection')
export class ClaimConnection {
  @Field(() => [ClaimEdge])
  edges!: ClaimEdge[];

  @Field(() => PageInfoModel)
  pageInfo!: PageInfoModel;

  @Field(() => Int)
  totalCount!: number;
}

@ObjectType('SimilarClaim')
export class SimilarClaimModel {
  @Field(() => ClaimModel)
  claim!: ClaimModel;

  @Field(() => Float, {
    description:
      "How much of the two statements' wording they share, 0–1: 2 × shared content words ÷ (content words of one + of the other), words compared as the search index stems them",
  })
  similarity!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'bm25 of the claim for the statement (larger is better); null when the statement shares only words found in more than 1,000 statements, and the newest of those were compared',
  })
  score!: number | null;

  @Field(() => SearchMatchModel, { description: "The claim's statement, its shared words marked" })
  match!: SearchMatchModel;
}

@ObjectType('ClaimPayload')
export class ClaimPayload {
  @Field(() => ClaimModel)
  claim!: ClaimModel;

  @Field(() => [AuditEntryModel], {
    description: 'The events this mutation appended (empty when an idempotent retry appended nothing)',
  })
  events!: AuditEntryModel[];

  @Field({
    description:
      'True when the read model had not applied this write when the answer was made (it is stopped on a fault or far behind): `claim` is then folded from the stored events, and lists read right after may not show the change yet. The write itself is stored.',
  })
  readModelBehind!: boolean;
}

@ObjectType('ArgumentGraph')
export class ArgumentGraphModel {
  @Field(() => [ClaimModel])
  nodes!: ClaimModel[];

  @Field(() => [ClaimRelationModel])
  edges!: ClaimRelationModel[];

  @Field(() => DateTimeScalar, { nullable: true })
  asOf!: string | null;
}
