import { createHash } from 'node:crypto';
import { ValidationError } from './errors.js';
import type { EventStore } from './event-store.js';
import type { CommandResult } from './handle-command.js';
import { IDEMPOTENCY_KEY_LENGTH, type Actor, type CommandMetadata } from './metadata.js';
import { requiredTextProblem } from './text-rules.js';

/**
 * The one command path (docs/adding-a-command.md): a request (the API's input shape) and who sends it go
 * to a feature's command function, which builds the domain command (metadata, ids derived from the
 * idempotency key, the reads of other streams its decider needs) and runs it through `handleCommand`. The
 * CommandBus handler and the bundle/Argdown import call the very same functions.
 */

/** Who sends a command, and the request it belongs to. The actor always comes from the token. */
export interface MutationContext {
  readonly actor: Actor;
  readonly correlationId: string;
}

/** …and the store it runs against: the server's, or the import's dry-run overlay of it. */
export interface CommandContext extends MutationContext {
  readonly store: EventStore;
}

/** What every request may carry. */
export interface MutationInput {
  readonly expectedVersion?: number | null;
  readonly idempotencyKey?: string | null;
}

export interface MutationResult extends CommandResult {
  /** The claim or source the mutation was about. */
  readonly subjectId: string;
}

/** A feature's command function: one per mutation. */
export type CommandFunction<Request extends MutationInput> = (
  request: Request,
  context: CommandContext,
) => Promise<MutationResult>;

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
export const requestDigest = (label: string, input: MutationInput): string => {
  const { idempotencyKey: _key, expectedVersion: _version, ...request } = input;
  return createHash('sha256')
    .update(`${label}\u0000${canonicalJson(request)}`)
    .digest('base64url')
    .slice(0, 22);
};

/** An idempotency key as the API and the import take it (the text rules, IDEMPOTENCY_KEY_LENGTH). */
const idempotencyKeyOf = (input: MutationInput): string | undefined => {
  const key = input.idempotencyKey;
  if (key === null || key === undefined) return undefined;
  const problem = requiredTextProblem(key, IDEMPOTENCY_KEY_LENGTH);
  if (problem) throw new ValidationError(`idempotencyKey ${problem}`, 'idempotencyKey');
  return key;
};

/**
 * The metadata a command carries in. `label` names what was asked, so that one key cannot stand for two
 * kinds of request; it is part of the digest stored with keyed events, so a label never changes.
 */
export const commandMetadata = (
  context: MutationContext,
  input: MutationInput,
  label: string,
  extra: Pick<CommandMetadata, 'newId'> = {},
): CommandMetadata => {
  const idempotencyKey = idempotencyKeyOf(input);
  return {
    actor: context.actor,
    now: new Date().toISOString(),
    correlationId: context.correlationId,
    ...(idempotencyKey ? { idempotencyKey, requestDigest: requestDigest(label, input) } : {}),
    ...extra,
  };
};

/** The expected version a request names, as `handleCommand` takes it. */
export const versionCheck = (input: MutationInput): { expectedVersion?: number } =>
  input.expectedVersion === null || input.expectedVersion === undefined
    ? {}
    : { expectedVersion: input.expectedVersion };
