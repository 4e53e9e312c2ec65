import { Field, Float, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDefined, IsEnum, IsNumber, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';
import { VersionedInput } from '../../graphql/command.inputs.js';
import { CounterpointResolutionEnum, RelationKindEnum, StanceEnum } from '../../graphql/enums.js';
import { IsPrefixedId, SafeText, TrimmedLength } from '../../graphql/validation.js';
import { CitationInput, PROSE_LENGTH } from './claim.inputs.js';

/** Evidence, counterpoints and links: the inputs that argue about a claim. */

@InputType('AttachEvidenceInput')
export class AttachEvidenceInput extends VersionedInput {
  @Field(() => ID)
  @IsPrefixedId('claim')
  claimId!: string;

  @Field(() => StanceEnum)
  @IsEnum(StanceEnum)
  stance!: StanceEnum;

  @Field(() => String)
  @IsString()
  @TrimmedLength(PROSE_LENGTH.min, PROSE_LENGTH.max)
  @SafeText()
  summary!: string;

  @Field(() => CitationInput)
  @IsDefined()
  @ValidateNested()
  @Type(() => CitationInput)
  citation!: CitationInput;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  reliability?: number | null;
}

@InputType('WithdrawEvidenceInput')
export class WithdrawEvidenceInput extends VersionedInput {
  @Field(() => ID)
  @IsPrefixedId('claim')
  claimId!: string;

  @Field(() => ID)
  @IsPrefixedId('evidence')
  evidenceId!: string;

  @Field(() => String)
  @IsString()
  @TrimmedLength(PROSE_LENGTH.min, PROSE_LENGTH.max)
  @SafeText()
  reason!: string;
}

@InputType('RaiseCounterpointInput')
export class RaiseCounterpointInput extends VersionedInput {
  @Field(() => ID)
  @IsPrefixedId('claim')
  claimId!: string;

  @Field(() => String)
  @IsString()
  @TrimmedLength(PROSE_LENGTH.min, PROSE_LENGTH.max)
  @SafeText()
  text!: string;

  @Field(() => CitationInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CitationInput)
  citation?: CitationInput | null;
}

@InputType('RespondToCounterpointInput')
export class RespondToCounterpointInput extends VersionedInput {
  @Field(() => ID)
  @IsPrefixedId('claim')
  claimId!: string;

  @Field(() => ID)
  @IsPrefixedId('counterpoint')
  counterpointId!: string;

  @Field(() => CounterpointResolutionEnum)
  @IsEnum(CounterpointResolutionEnum)
  resolution!: CounterpointResolutionEnum;

  @Field(() => String)
  @IsString()
  @TrimmedLength(PROSE_LENGTH.min, PROSE_LENGTH.max)
  @SafeText()
  response!: string;
}

@InputType('LinkClaimsInput')
export class LinkClaimsInput extends VersionedInput {
  /** The link is stored on this claim's stream, so `expectedVersion` is this claim's version. */
  @Field(() => ID)
  @IsPrefixedId('claim')
  fromClaimId!: string;

  @Field(() => ID)
  @IsPrefixedId('claim')
  toClaimId!: string;

  @Field(() => RelationKindEnum)
  @IsEnum(RelationKindEnum)
  kind!: RelationKindEnum;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @TrimmedLength(PROSE_LENGTH.min, PROSE_LENGTH.max)
  @SafeText()
  rationale?: string | null;
}

@InputType('UnlinkClaimsInput')
export class UnlinkClaimsInput extends VersionedInput {
  @Field(() => ID)
  @IsPrefixedId('claim')
  fromClaimId!: string;

  @Field(() => ID)
  @IsPrefixedId('claim')
  toClaimId!: string;

  @Field(() => RelationKindEnum)
  @IsEnum(RelationKindEnum)
  kind!: RelationKindEnum;

  @Field(() => String)
  @IsString()
  @TrimmedLength(PROSE_LENGTH.min, PROSE_LENGTH.max)
  @SafeText()
  reason!: string;
}
