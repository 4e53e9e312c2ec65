import type { StoredEvent } from './event-store.js';
import type { Actor, CommandMetadata } from './metadata.js';

/** Who sends a mutation, and the request it belongs to. The actor always comes from the token. */
export interface MutationContext {
  readonly actor: Actor;
  readonly correlationId: string;
}

/** What every GraphQL-facing input may carry. */
export interface MutationInput {
  readonly expectedVersion?: number | null;
  readonly idempotencyKey?: string | null;
}

/** A GraphQL-facing command: the validated input and who sent it. */
export abstract class MutationCommand<Input extends MutationInput> {
  constructor(
    readonly input: Input,
    readonly context: MutationContext,
  ) {}
}

export interface MutationResult {
  /** The claim or source the mutation was about. */
  readonly subjectId: string;
  readonly events: readonly StoredEvent[];
  readonly duplicate: boolean;
}

export const commandMetadata = (
  context: MutationContext,
  input: MutationInput,
  extra: Partial<CommandMetadata> = {},
): CommandMetadata => ({
  actor: context.actor,
  now: new Date().toISOString(),
  correlationId: context.correlationId,
  ...(input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : {}),
  ...extra,
});
