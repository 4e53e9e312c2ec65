import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { IsIsoDateTime, IsPrefixedId, SafeText } from '../../graphql/validation.js';

// Event type names are PascalCase identifiers (`EvidenceAttached`) and never change once stored.
const EVENT_TYPE = /^[A-Z][A-Za-z0-9]{0,99}$/;

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
}
