import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDefined, IsOptional, ValidateNested } from 'class-validator';
import { VersionedInput } from '../../graphql/command.inputs.js';
import { CounterpointResolutionEnum, RelationKindEnum, StanceEnum } from '../../graphql/enums.js';
import { EnumField, IdField, requiredText, TextField, UnitIntervalField } from '../../graphql/validation.js';
import {
  COUNTERPOINT_TEXT_LENGTH,
  REASON_LENGTH,
  REBUTTAL_LENGTH,
  SUMMARY_LENGTH,
} from '../domain/claim.values.js';
import { CitationInput } from './claim.inputs.js';

/** Evidence, counterpoints and links: the inputs that argue about a claim. */

@InputType('AttachEvidenceInput')
export class AttachEvidenceInput extends VersionedInput {
  @IdField('claim')
  claimId!: string;

  @EnumField(StanceEnum)
  stance!: StanceEnum;

  @TextField(requiredText(SUMMARY_LENGTH))
  summary!: string;

  @Field(() => CitationInput)
  @IsDefined()
  @ValidateNested()
  @Type(() => CitationInput)
  citation!: CitationInput;

  @UnitIntervalField({ nullable: true })
  reliability?: number | null;
}

@InputType('WithdrawEvidenceInput')
export class WithdrawEvidenceInput extends VersionedInput {
  @IdField('claim')
  claimId!: string;

  @IdField('evidence')
  evidenceId!: string;

  @TextField(requiredText(REASON_LENGTH))
  reason!: string;
}

@InputType('RaiseCounterpointInput')
export class RaiseCounterpointInput extends VersionedInput {
  @IdField('claim')
  claimId!: string;

  @TextField(requiredText(COUNTERPOINT_TEXT_LENGTH))
  text!: string;

  @Field(() => CitationInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CitationInput)
  citation?: CitationInput | null;
}

@InputType('RespondToCounterpointInput')
export class RespondToCounterpointInput extends VersionedInput {
  @IdField('claim')
  claimId!: string;

  @IdField('counterpoint')
  counterpointId!: string;

  @EnumField(CounterpointResolutionEnum)
  resolution!: CounterpointResolutionEnum;

  @TextField(requiredText(REASON_LENGTH))
  response!: string;
}

/** A rebuttal of the response that resolved a counterpoint: it is OPEN again. */
@InputType('ReopenCounterpointInput')
export class ReopenCounterpointInput extends VersionedInput {
  @IdField('claim')
  claimId!: string;

  @IdField('counterpoint')
  counterpointId!: string;

  @TextField(requiredText(REBUTTAL_LENGTH), {
    description: 'The rebuttal: why the response does not settle it',
  })
  text!: string;

  @TextField(requiredText(REASON_LENGTH))
  reason!: string;
}

/** A link is stored on its *from* claim's stream, so `expectedVersion` is that claim's version. */
@InputType({ isAbstract: true })
abstract class LinkInput extends VersionedInput {
  @IdField('claim')
  fromClaimId!: string;

  @IdField('claim')
  toClaimId!: string;

  @EnumField(RelationKindEnum)
  kind!: RelationKindEnum;
}

@InputType('LinkClaimsInput')
export class LinkClaimsInput extends LinkInput {
  @TextField(requiredText(REASON_LENGTH), { nullable: true })
  rationale?: string | null;
}

@InputType('UnlinkClaimsInput')
export class UnlinkClaimsInput extends LinkInput {
  @TextField(requiredText(REASON_LENGTH))
  reason!: string;
}
