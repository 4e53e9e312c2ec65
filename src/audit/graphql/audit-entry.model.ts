import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ActorModel } from '../../auth/graphql/actor.model.js';
import { PageInfoModel } from '../../graphql/page-info.model.js';
import { DateTimeScalar, JsonScalar } from '../../graphql/scalars.js';

@ObjectType('AuditEntry', {
  description:
    'One stored event, as the audit trail shows it. Token grants and revocations are shown to ADMINs only.',
})
export class AuditEntryModel {
  /** A string, because positions are bigints inside (STYLE: strings at the API). */
  @Field(() => String, { description: 'Global position in the event log, opaque' })
  position!: string;

  @Field(() => String)
  streamId!: string;

  @Field(() => ID, {
    description: 'The claim or source the event belongs to, or the token (tok_…) of a grant or revocation',
  })
  subjectId!: string;

  @Field(() => Int, { description: "The stream's version after this event" })
  version!: number;

  @Field(() => String)
  type!: string;

  @Field(() => DateTimeScalar)
  occurredAt!: string;

  @Field(() => DateTimeScalar, {
    description:
      'When the store recorded the event: asOf a time includes exactly the events recorded by then',
  })
  recordedAt!: string;

  @Field(() => ActorModel)
  actor!: ActorModel;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => String, {
    description:
      "One line in words, naming claims by the first words of their statement and sources by title, as they stood then: \"alice linked 'Moscow remains…' as attacking 'Central Asia moved…'\"",
  })
  summary!: string;

  @Field(() => JsonScalar)
  data!: unknown;

  @Field(() => String, { nullable: true })
  correlationId!: string | null;

  @Field(() => String, { nullable: true })
  causationId!: string | null;
}

@ObjectType('AuditEntryEdge')
export class AuditEntryEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => AuditEntryModel)
  node!: AuditEntryModel;
}

@ObjectType('AuditEntryConnection')
export class AuditEntryConnection {
  @Field(() => [AuditEntryEdge])
  edges!: AuditEntryEdge[];

  @Field(() => PageInfoModel)
  pageInfo!: PageInfoModel;

  @Field(() => Int)
  totalCount!: number;
}
