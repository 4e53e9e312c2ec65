import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  AcceptabilityEnum,
  ClaimOrderFieldEnum,
  ClaimStatusEnum,
  OrderDirectionEnum,
  VerdictEnum,
} from '../../graphql/enums.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { SEARCH_MAX_LENGTH, SearchModeEnum } from '../../graphql/search.model.js';
import {
  IdField,
  IsIsoDateTime,
  IsPrefixedId,
  IsTag,
  requiredText,
  SafeText,
  Satisfies,
  TextField,
  unitInterval,
} from '../../graphql/validation.js';
import { MAX_TAGS, STATEMENT_LENGTH } from '../domain/claim.values.js';

export { SEARCH_MAX_LENGTH } from '../../graphql/search.model.js';

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

  /** What the words mean is the query's to work out (and ADVANCED syntax errors its to report, docs/architecture.md §5); here size and characters. */
  @Field(() => String, {
    nullable: true,
    description:
      "Full-text search over statements, anchored quotes, evidence summaries, counterpoints and their answers, read as searchMode says. Without orderBy, results are ranked best match first (bm25) when the search matches at most 1,000 texts, else newest match first; each edge's `match` shows where it matched",
  })
  @IsOptional()
  @IsString()
  @MaxLength(SEARCH_MAX_LENGTH)
  @SafeText()
  search?: string | null;

  @Field(() => SearchModeEnum, { nullable: true, defaultValue: SearchModeEnum.WORDS })
  @IsOptional()
  @IsEnum(SearchModeEnum)
  searchMode?: SearchModeEnum | null;

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

export const SIMILAR_CLAIMS = { default: 5, max: 20 } as const;
/** Chosen on the op-ed measurement (docs/decisions/similar-claims.md). */
export const MIN_SIMILARITY = 0.4;

/** `similarClaims`: a statement being written, possibly unfinished, so from one character on. */
@ArgsType()
export class SimilarClaimsArgs {
  @TextField(requiredText({ min: 1, max: STATEMENT_LENGTH.max }), {
    description: 'The statement being written',
  })
  statement!: string;

  @IdField('source', { nullable: true, description: 'Only claims anchored to this source' })
  sourceId?: string | null;

  @Field(() => Int, { nullable: true, defaultValue: SIMILAR_CLAIMS.default })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(SIMILAR_CLAIMS.max)
  first?: number | null;

  @Field(() => Float, {
    nullable: true,
    defaultValue: MIN_SIMILARITY,
    description:
      'Leave out claims less alike than this (SimilarClaim.similarity). 0.4 separated every hand-written rewording of the op-ed claims from all other claims (docs/decisions/similar-claims.md)',
  })
  @IsOptional()
  @Satisfies(unitInterval)
  minSimilarity?: number | null;
}
