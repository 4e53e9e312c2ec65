import { applyDecorators } from '@nestjs/common';
import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsOptional, ValidateNested } from 'class-validator';
import { IdempotentInput, VersionedInput } from '../../graphql/command.inputs.js';
import { VerdictEnum } from '../../graphql/enums.js';
import {
  DateTimeField,
  EnumField,
  httpUrl,
  IdField,
  IsTag,
  optionalText,
  requiredText,
  TextField,
  UnitIntervalField,
} from '../../graphql/validation.js';
import {
  ATTRIBUTED_TO_MAX_LENGTH,
  CITATION_FIELD_MAX_LENGTH,
  MAX_TAGS,
  NOTE_MAX_LENGTH,
  QUOTE_CONTEXT_MAX_LENGTH,
  QUOTE_EXACT_LENGTH,
  REASON_LENGTH,
  STATEMENT_LENGTH,
} from '../domain/claim.values.js';

/** The inputs of a claim's own lifecycle; every limit is the domain's (claims/domain/claim.values.ts). */

@InputType('CitationInput')
export class CitationInput {
  @TextField(httpUrl, { nullable: true })
  url?: string | null;

  @TextField(optionalText(CITATION_FIELD_MAX_LENGTH), { nullable: true })
  title?: string | null;

  @TextField(optionalText(CITATION_FIELD_MAX_LENGTH), { nullable: true })
  publisher?: string | null;

  @TextField(optionalText(CITATION_FIELD_MAX_LENGTH), { nullable: true })
  author?: string | null;

  @DateTimeField({ nullable: true })
  publishedAt?: string | null;

  @DateTimeField({ nullable: true })
  accessedAt?: string | null;

  @TextField(optionalText(CITATION_FIELD_MAX_LENGTH), { nullable: true })
  quote?: string | null;
}

/** Matched character for character against the source text; the context only says which occurrence. */
@InputType('TextQuoteInput')
export class TextQuoteInput {
  @TextField(requiredText(QUOTE_EXACT_LENGTH))
  exact!: string;

  @TextField(optionalText(QUOTE_CONTEXT_MAX_LENGTH), { nullable: true })
  prefix?: string | null;

  @TextField(optionalText(QUOTE_CONTEXT_MAX_LENGTH), { nullable: true })
  suffix?: string | null;
}

const TagsField = (): PropertyDecorator =>
  applyDecorators(
    Field(() => [String], { nullable: true }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(MAX_TAGS),
    IsTag({ each: true }),
  );

@InputType('ProposeClaimInput')
export class ProposeClaimInput extends IdempotentInput {
  @TextField(requiredText(STATEMENT_LENGTH))
  statement!: string;

  @TagsField()
  tags?: string[] | null;

  @TextField(optionalText(ATTRIBUTED_TO_MAX_LENGTH), { nullable: true })
  attributedTo?: string | null;

  @IdField('source', { nullable: true })
  sourceId?: string | null;

  @Field(() => TextQuoteInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => TextQuoteInput)
  quote?: TextQuoteInput | null;

  @TextField(optionalText(NOTE_MAX_LENGTH), { nullable: true })
  note?: string | null;
}

@InputType('ReviseClaimInput')
export class ReviseClaimInput extends VersionedInput {
  @IdField('claim')
  claimId!: string;

  @TextField(requiredText(STATEMENT_LENGTH))
  statement!: string;

  @TextField(requiredText(REASON_LENGTH))
  reason!: string;
}

@InputType('TagClaimInput')
export class TagClaimInput extends VersionedInput {
  @IdField('claim')
  claimId!: string;

  @TagsField()
  add?: string[] | null;

  @TagsField()
  remove?: string[] | null;
}

@InputType('AssessClaimInput')
export class AssessClaimInput extends VersionedInput {
  @IdField('claim')
  claimId!: string;

  @EnumField(VerdictEnum)
  verdict!: VerdictEnum;

  @UnitIntervalField()
  confidence!: number;

  @TextField(requiredText(REASON_LENGTH))
  rationale!: string;
}

@InputType('WithdrawAssessmentInput')
export class WithdrawAssessmentInput extends VersionedInput {
  @IdField('claim')
  claimId!: string;

  @TextField(requiredText(REASON_LENGTH))
  reason!: string;
}

/** The claim anchored anew, by the rules of a proposal's anchor. */
@InputType('ReanchorClaimInput')
export class ReanchorClaimInput extends VersionedInput {
  @IdField('claim')
  claimId!: string;

  @IdField('source')
  sourceId!: string;

  @Field(() => TextQuoteInput)
  @IsDefined()
  @ValidateNested()
  @Type(() => TextQuoteInput)
  quote!: TextQuoteInput;

  @TextField(requiredText(REASON_LENGTH))
  reason!: string;
}

@InputType('RetractClaimInput')
export class RetractClaimInput extends VersionedInput {
  @IdField('claim')
  claimId!: string;

  @TextField(requiredText(REASON_LENGTH))
  reason!: string;
}
