import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Min } from 'class-validator';
import { SafeText, TrimmedLength } from './validation.js';

export const IDEMPOTENCY_KEY_LENGTH = { min: 1, max: 200 } as const;

/** The field every mutation input carries: a retry with the same key appends nothing new. */
@InputType({ isAbstract: true })
export abstract class IdempotentInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @TrimmedLength(IDEMPOTENCY_KEY_LENGTH.min, IDEMPOTENCY_KEY_LENGTH.max)
  @SafeText()
  idempotencyKey?: string | null;
}

/** …and, for commands on an existing stream, the optimistic-concurrency check. */
@InputType({ isAbstract: true })
export abstract class VersionedInput extends IdempotentInput {
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedVersion?: number | null;
}
