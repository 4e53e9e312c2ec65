import { createHash } from 'node:crypto';
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

/** JSON with object keys sorted at every level, so equal inputs give equal text. */
const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify(value);
  const entries = Object.entries(value).filter(([, field]) => field !== undefined);
  entries.sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
  return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
};

/**
 * What a request asked for, as a digest: the input without its idempotency key and expected version (a
 * retry may come back with a newer version). Two requests with one key and different digests are not a
 * retry of each other.
 */
export const requestDigest = (mutation: string, input: MutationInput): string => {
  const { idempotencyKey: _key, expectedVersion: _version, ...request } = input;
  return createHash('sha256')
    .update(`${mutation}\u0000${canonicalJson(request)}`)
    .digest('base64url')
    .slice(0, 22);
};

/** `mutation` names what was asked (the handler), so that one key cannot stand for two kinds of request. */
export const commandMetadata = (
  context: MutationContext,
  input: MutationInput,
  mutation: string,
  extra: Partial<CommandMetadata> = {},
): CommandMetadata => ({
  actor: context.actor,
  now: new Date().toISOString(),
  correlationId: context.correlationId,
  ...(input.idempotencyKey
    ? { idempotencyKey: input.idempotencyKey, requestDigest: requestDigest(mutation, input) }
    : {}),
  ...extra,
});
