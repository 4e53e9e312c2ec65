import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  AcceptabilityEnum,
  ClaimOrderFieldEnum,
  ClaimStatusEnum,
  OrderDirectionEnum,
  VerdictEnum,
} from '../../graphql/enums.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { IsIsoDateTime, IsPrefixedId, IsTag, SafeText } from '../../graphql/validation.js';
import { MAX_TAGS } from '../domain/claim.values.js';

export const SEARCH_MAX_LENGTH = 500;

@InputType('ClaimFilter')
export class ClaimFilter {
  @Field(() => [ClaimStatusEnum], { nullable: true })
  @IsOptional()
  @IsArray()
  @IsEnum(ClaimStatusEnum, { each: true })
  status?: ClaimStatusEnum[] | null;

  @Field(() => [String], { nullable: true, description: 'Claims carrying all of these tags' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TAGS)
  @IsTag({ each: true })
  tags?: string[] | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsPrefixedId('source')
  sourceId?: string | null;

  /** FTS5 syntax errors are the query's to report (docs/architecture.md §5); here only size and characters. */
  @Field(() => String, {
    nullable: true,
    description: 'Full-text search over statements, evidence summaries and counterpoints',
  })
  @IsOptional()
  @IsString()
  @MaxLength(SEARCH_MAX_LENGTH)
  @SafeText()
  search?: string | null;

  /** An actor id, whatever the token store issued. */
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @SafeText()
  createdBy?: string | null;

  @Field(() => [AcceptabilityEnum], { nullable: true })
  @IsOptional()
  @IsArray()
  @IsEnum(AcceptabilityEnum, { each: true })
  acceptability?: AcceptabilityEnum[] | null;

  @Field(() => [VerdictEnum], { nullable: true })
  @IsOptional()
  @IsArray()
  @IsEnum(VerdictEnum, { each: true })
  verdict?: VerdictEnum[] | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @IsOptional()
  @IsIsoDateTime()
  updatedAfter?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @IsOptional()
  @IsIsoDateTime()
  updatedBefore?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: claims whose assessment has gone stale and wants an editor; false: all others',
  })
  @IsOptional()
  @IsBoolean()
  needsReassessment?: boolean | null;
}

@InputType('ClaimOrder')
export class ClaimOrder {
  @Field(() => ClaimOrderFieldEnum)
  @IsEnum(ClaimOrderFieldEnum)
  field!: ClaimOrderFieldEnum;

  @Field(() => OrderDirectionEnum, { defaultValue: OrderDirectionEnum.DESC })
  @IsEnum(OrderDirectionEnum)
  direction: OrderDirectionEnum = OrderDirectionEnum.DESC;
}
