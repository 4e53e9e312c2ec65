import { ArgsType, Field, ID, InputType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ConnectionArgs } from '../../graphql/connection.args.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { IsIsoDateTime, IsPrefixedId, SafeText } from '../../graphql/validation.js';

/** The order of an audit trail; the same names as the `order` parameter of /export/audit.ndjson. */
export const AuditOrderEnum = { NEWEST_FIRST: 'NEWEST_FIRST', OLDEST_FIRST: 'OLDEST_FIRST' } as const;
export type AuditOrderEnum = (typeof AuditOrderEnum)[keyof typeof AuditOrderEnum];

registerEnumType(AuditOrderEnum, {
  name: 'AuditOrder',
  description: 'The order of audit entries, by their position in the event log',
  valuesMap: {
    NEWEST_FIRST: { description: 'The latest event first (the default)' },
    OLDEST_FIRST: { description: 'The events in the order they happened' },
  },
});

// Event type names are PascalCase identifiers (`EvidenceAttached`) and never change once stored.
export const EVENT_TYPE = /^[A-Z][A-Za-z0-9]{0,99}$/;

@InputType('AuditFilter')
export class AuditFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @IsPrefixedId(['claim', 'source'])
  subjectId?: string | null;

  /** Actor ids are whatever the token store issued, so only their length and characters are checked. */
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @SafeText()
  actorId?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(EVENT_TYPE, {
    each: true,
    message: 'each value in $property must be an event type name such as EvidenceAttached',
  })
  types?: string[] | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @IsOptional()
  @IsIsoDateTime()
  from?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @IsOptional()
  @IsIsoDateTime()
  to?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "A claim's own events and the events of other streams that changed it or its standing: links to it, unlinks, and events on its attackers that moved its label",
  })
  @IsOptional()
  @IsPrefixedId('claim')
  affecting?: string | null;
}

/** `Claim.history(first, after, order)`. */
@ArgsType()
export class HistoryArgs extends ConnectionArgs {
  @Field(() => AuditOrderEnum, { nullable: true, defaultValue: AuditOrderEnum.NEWEST_FIRST })
  @IsOptional()
  @IsIn(Object.values(AuditOrderEnum))
  order?: AuditOrderEnum | null;
}
