import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, Min } from 'class-validator';
import { IDEMPOTENCY_KEY_LENGTH } from '../event-sourcing/metadata.js';
import { requiredText, TextField } from './validation.js';

/** The field every mutation input carries: a retry with the same key appends nothing new. */
@InputType({ isAbstract: true })
export abstract class IdempotentInput {
  @TextField(requiredText(IDEMPOTENCY_KEY_LENGTH), { nullable: true })
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
