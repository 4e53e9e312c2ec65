import { Field, Float, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IdempotentInput, VersionedInput } from '../../graphql/command.inputs.js';
import { VerdictEnum } from '../../graphql/enums.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import {
  IsHttpUrl,
  IsIsoDateTime,
  IsPrefixedId,
  IsTag,
  MAX_TAGS,
  SafeText,
  TrimmedLength,
} from '../../graphql/validation.js';

/** Statements, summaries, counterpoints, responses, rationales and reasons (DESIGN §3), after trimming. */
export const PROSE_LENGTH = { min: 3, max: 2000 } as const;
export const CITATION_FIELD_MAX_LENGTH = 2000;
export const NOTE_MAX_LENGTH = 2000;
export const ATTRIBUTED_TO_MAX_LENGTH = 300;
export const QUOTE_EXACT_LENGTH = { min: 1, max: 2000 } as const;
export const QUOTE_CONTEXT_MAX_LENGTH = 200;

@InputType('CitationInput')
export class CitationInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @IsHttpUrl()
  url?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(CITATION_FIELD_MAX_LENGTH)
  @SafeText()
  title?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(CITATION_FIELD_MAX_LENGTH)
  @SafeText()
  publisher?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(CITATION_FIELD_MAX_LENGTH)
  @SafeText()
  author?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @IsOptional()
  @IsIsoDateTime()
  publishedAt?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @IsOptional()
  @IsIsoDateTime()
  accessedAt?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(CITATION_FIELD_MAX_LENGTH)
  @SafeText()
  quote?: string | null;
}

/** Matched character for character against the source text, so none of it is trimmed. */
@InputType('TextQuoteInput')
export class TextQuoteInput {
  @Field(() => String)
  @IsString()
  @Length(QUOTE_EXACT_LENGTH.min, QUOTE_EXACT_LENGTH.max)
  @SafeText()
  exact!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(QUOTE_CONTEXT_MAX_LENGTH)
  @SafeText()
  prefix?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(QUOTE_CONTEXT_MAX_LENGTH)
  @SafeText()
  suffix?: string | null;
}

@InputType('ProposeClaimInput')
export class ProposeClaimInput extends IdempotentInput {
  @Field(() => String)
  @IsString()
  @TrimmedLength(PROSE_LENGTH.min, PROSE_LENGTH.max)
  @SafeText()
  statement!: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TAGS)
  @IsTag({ each: true })
  tags?: string[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(ATTRIBUTED_TO_MAX_LENGTH)
  @SafeText()
  attributedTo?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsPrefixedId('source')
  sourceId?: string | null;

  @Field(() => TextQuoteInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => TextQuoteInput)
  quote?: TextQuoteInput | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(NOTE_MAX_LENGTH)
  @SafeText()
  note?: string | null;
}

@InputType('ReviseClaimInput')
export class ReviseClaimInput extends VersionedInput {
  @Field(() => ID)
  @IsPrefixedId('claim')
  claimId!: string;

  @Field(() => String)
  @IsString()
  @TrimmedLength(PROSE_LENGTH.min, PROSE_LENGTH.max)
  @SafeText()
  statement!: string;

  @Field(() => String)
  @IsString()
  @TrimmedLength(PROSE_LENGTH.min, PROSE_LENGTH.max)
  @SafeText()
  reason!: string;
}

@InputType('TagClaimInput')
export class TagClaimInput extends VersionedInput {
  @Field(() => ID)
  @IsPrefixedId('claim')
  claimId!: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TAGS)
  @IsTag({ each: true })
  add?: string[] | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TAGS)
  @IsTag({ each: true })
  remove?: string[] | null;
}

@InputType('AssessClaimInput')
export class AssessClaimInput extends VersionedInput {
  @Field(() => ID)
  @IsPrefixedId('claim')
  claimId!: string;

  @Field(() => VerdictEnum)
  @IsEnum(VerdictEnum)
  verdict!: VerdictEnum;

  @Field(() => Float)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  confidence!: number;

  @Field(() => String)
  @IsString()
  @TrimmedLength(PROSE_LENGTH.min, PROSE_LENGTH.max)
  @SafeText()
  rationale!: string;
}

@InputType('RetractClaimInput')
export class RetractClaimInput extends VersionedInput {
  @Field(() => ID)
  @IsPrefixedId('claim')
  claimId!: string;

  @Field(() => String)
  @IsString()
  @TrimmedLength(PROSE_LENGTH.min, PROSE_LENGTH.max)
  @SafeText()
  reason!: string;
}
