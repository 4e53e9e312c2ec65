import { ArgsType, Field } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional } from 'class-validator';
import { CounterpointStateEnum, StanceEnum } from '../../graphql/enums.js';

/** Arguments of `Claim.evidence`, which the claims resolver declares with `@ResolveField`. */
@ArgsType()
export class EvidenceArgs {
  @Field(() => StanceEnum, { nullable: true })
  @IsOptional()
  @IsEnum(StanceEnum)
  stance?: StanceEnum | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  includeWithdrawn: boolean | null = false;
}

/** Arguments of `Claim.counterpoints`. */
@ArgsType()
export class CounterpointsArgs {
  @Field(() => CounterpointStateEnum, { nullable: true })
  @IsOptional()
  @IsEnum(CounterpointStateEnum)
  state?: CounterpointStateEnum | null;
}
