import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { ActorModel } from '../../auth/graphql/actor.model.js';
import {
  CounterpointStateEnum,
  CounterpointThreadKindEnum,
  StanceEnum,
  VerdictEnum,
} from '../../graphql/enums.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { SourceModel } from '../../sources/graphql/source.model.js';

/** The parts a claim is made of; none refers back to Claim, so they load before it. */

@ObjectType('TextQuote')
export class TextQuoteModel {
  @Field(() => String)
  exact!: string;

  @Field(() => String, { nullable: true })
  prefix!: string | null;

  @Field(() => String, { nullable: true })
  suffix!: string | null;

  @Field(() => Int, { description: '0-based offset of the first character of exact in the source text' })
  start!: number;

  @Field(() => Int, { description: '0-based offset just past the last character of exact' })
  end!: number;
}

@ObjectType('Anchor')
export class AnchorModel {
  @Field(() => SourceModel)
  source!: SourceModel;

  @Field(() => TextQuoteModel)
  quote!: TextQuoteModel;
}

@ObjectType('Citation')
export class CitationModel {
  @Field(() => String, { nullable: true })
  url!: string | null;

  @Field(() => String, { nullable: true })
  title!: string | null;

  @Field(() => String, { nullable: true })
  publisher!: string | null;

  @Field(() => String, { nullable: true })
  author!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  publishedAt!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  accessedAt!: string | null;

  @Field(() => String, { nullable: true })
  quote!: string | null;
}

@ObjectType('Evidence')
export class EvidenceModel {
  @Field(() => ID)
  id!: string;

  @Field(() => StanceEnum)
  stance!: StanceEnum;

  @Field(() => String)
  summary!: string;

  @Field(() => CitationModel)
  citation!: CitationModel;

  @Field(() => Float, { nullable: true })
  reliability!: number | null;

  @Field(() => ActorModel)
  addedBy!: ActorModel;

  @Field(() => DateTimeScalar)
  addedAt!: string;

  @Field(() => Boolean)
  withdrawn!: boolean;

  @Field(() => String, { nullable: true })
  withdrawnReason!: string | null;
}

@ObjectType('CounterpointThreadEntry', {
  description:
    'A response to a counterpoint or a rebuttal that reopened it; a thread lists them oldest first',
})
export class CounterpointThreadEntryModel {
  @Field(() => CounterpointThreadKindEnum)
  kind!: CounterpointThreadKindEnum;

  @Field(() => String)
  text!: string;

  @Field(() => String, { nullable: true, description: 'Why a rebuttal reopened the counterpoint' })
  reason!: string | null;

  @Field(() => ActorModel)
  by!: ActorModel;

  @Field(() => DateTimeScalar)
  at!: string;
}

/** `thread` is added by the counterpoint resolver (claim-parts.resolver.ts). */
@ObjectType('Counterpoint')
export class CounterpointModel {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  text!: string;

  @Field(() => CounterpointStateEnum)
  state!: CounterpointStateEnum;

  @Field(() => CitationModel, { nullable: true })
  citation!: CitationModel | null;

  @Field(() => ActorModel)
  raisedBy!: ActorModel;

  @Field(() => DateTimeScalar)
  raisedAt!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The response that resolved it (null while OPEN, also once reopened: see thread)',
  })
  response!: string | null;

  @Field(() => ActorModel, { nullable: true })
  respondedBy!: ActorModel | null;

  @Field(() => DateTimeScalar, { nullable: true })
  respondedAt!: string | null;
}

@ObjectType('Assessment')
export class AssessmentModel {
  @Field(() => VerdictEnum)
  verdict!: VerdictEnum;

  @Field(() => Float)
  confidence!: number;

  @Field(() => String)
  rationale!: string;

  @Field(() => ActorModel)
  assessedBy!: ActorModel;

  @Field(() => DateTimeScalar)
  assessedAt!: string;

  @Field(() => Int, {
    description: 'The version of the claim the verdict judged (the assessment’s own version)',
  })
  assessedVersion!: number;

  @Field(() => String, { description: 'The statement as it read when it was assessed' })
  assessedStatement!: string;
}
