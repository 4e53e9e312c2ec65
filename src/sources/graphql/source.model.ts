import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ActorModel } from '../../auth/graphql/actor.model.js';
import { NodeInterface } from '../../graphql/node.interface.js';
import { PageInfoModel } from '../../graphql/page-info.model.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { SearchMatchModel } from '../../graphql/search.model.js';

/**
 * A registered document. `claims(first, after): ClaimConnection!` is added by the sources resolver with
 * `@ResolveField`, which keeps this file free of imports from claims/ (and the two free of a cycle).
 */
@ObjectType('Source', { implements: () => [NodeInterface] })
export class SourceModel implements NodeInterface {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  url!: string | null;

  @Field(() => String, { nullable: true })
  author!: string | null;

  @Field(() => String, { nullable: true })
  publisher!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  publishedAt!: string | null;

  @Field(() => String, { nullable: true })
  language!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The registered text, which anchor.quote.start/end index into (null when none was registered)',
  })
  text!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'SHA-256 of the text, hex, when a text was registered',
  })
  textHash!: string | null;

  @Field(() => Int, { nullable: true })
  textLength!: number | null;

  @Field(() => ActorModel)
  registeredBy!: ActorModel;

  @Field(() => DateTimeScalar)
  registeredAt!: string;

  @Field(() => Int, {
    description: "Number of events in the source's stream (1 as registered); pass it back as expectedVersion",
  })
  version!: number;
}

@ObjectType('SourceFieldChange')
export class SourceFieldChangeModel {
  @Field(() => String, { description: 'title, url, author, publisher, publishedAt or language' })
  field!: string;

  @Field(() => String, { nullable: true })
  from!: string | null;

  @Field(() => String, { nullable: true })
  to!: string | null;
}

@ObjectType('SourceRevision', { description: "A correction of a source's metadata (the text never changes)" })
export class SourceRevisionModel {
  @Field(() => Int, { description: 'The version of the source this revision made' })
  version!: number;

  @Field(() => [SourceFieldChangeModel])
  changes!: SourceFieldChangeModel[];

  @Field(() => String)
  reason!: string;

  @Field(() => ActorModel)
  revisedBy!: ActorModel;

  @Field(() => DateTimeScalar)
  revisedAt!: string;
}

@ObjectType('SourceEdge')
export class SourceEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => SourceModel)
  node!: SourceModel;

  @Field(() => SearchMatchModel, {
    nullable: true,
    description: 'Where filter.search matched (null without one)',
  })
  match!: SearchMatchModel | null;
}

@ObjectType('SourceConnection')
export class SourceConnection {
  @Field(() => [SourceEdge])
  edges!: SourceEdge[];

  @Field(() => PageInfoModel)
  pageInfo!: PageInfoModel;

  @Field(() => Int)
  totalCount!: number;
}

@ObjectType('SourcePayload')
export class SourcePayload {
  @Field(() => SourceModel)
  source!: SourceModel;

  @Field({
    description:
      'True when the read model had not applied this write when the answer was made: `source` is then folded from the stored events. The write itself is stored.',
  })
  readModelBehind!: boolean;
}
