import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { SafeText } from './validation.js';

/**
 * `first`/`after` for the connection fields that take no default (Claim.history, Source.claims). The 500 cap
 * of docs/architecture.md §6 is the query's to apply, so a larger `first` is clamped rather than refused here.
 */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  first?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @SafeText()
  after?: string | null;
}
