import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { AuditEntryModel } from '../../audit/graphql/audit-entry.model.js';
import { ActorModel } from '../../auth/graphql/actor.model.js';
import { AcceptabilityEnum } from '../../graphql/enums.js';
import { PageInfoModel } from '../../graphql/page-info.model.js';
import { DateTimeScalar } from '../../graphql/scalars.js';

@ObjectType('StandingCause', {
  description: 'The event that moved a claim’s label, on whichever stream it was',
})
export class StandingCauseModel {
  @Field(() => String)
  type!: string;

  @Field(() => String, {
    description: 'The stream of the event: the claim’s own, or another’s (a link, an attacker)',
  })
  streamId!: string;

  @Field(() => ActorModel)
  actor!: ActorModel;

  @Field(() => String, { nullable: true })
  reason!: string | null;
}

@ObjectType('StandingChange', { description: 'A change of a claim’s acceptability label, and why' })
export class StandingChangeModel {
  @Field(() => String, {
    description: 'Global position in the event log of the event that caused it, opaque',
  })
  position!: string;

  @Field(() => DateTimeScalar)
  at!: string;

  @Field(() => AcceptabilityEnum, { nullable: true, description: 'null when the claim entered the graph' })
  from!: AcceptabilityEnum | null;

  @Field(() => AcceptabilityEnum)
  to!: AcceptabilityEnum;

  @Field(() => [ID], { description: 'The arguments that defeat the claim afterwards' })
  defeatedBy!: string[];

  @Field(() => StandingCauseModel)
  cause!: StandingCauseModel;

  @Field(() => AuditEntryModel, {
    nullable: true,
    description: 'The causing event as the audit trail shows it',
  })
  event!: AuditEntryModel | null;
}

@ObjectType('StandingChangeEdge')
export class StandingChangeEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => StandingChangeModel)
  node!: StandingChangeModel;
}

@ObjectType('StandingChangeConnection')
export class StandingChangeConnection {
  @Field(() => [StandingChangeEdge])
  edges!: StandingChangeEdge[];

  @Field(() => PageInfoModel)
  pageInfo!: PageInfoModel;

  @Field(() => Int)
  totalCount!: number;
}
