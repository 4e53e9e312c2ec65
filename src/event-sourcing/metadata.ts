/** Who acts, and the metadata every command carries in and every event carries out. */

export const ROLES = ['VIEWER', 'ANALYST', 'EDITOR', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/** Each role includes the ones before it. */
export const roleAtLeast = (role: Role, minimum: Role): boolean =>
  ROLES.indexOf(role) >= ROLES.indexOf(minimum);

export interface Actor {
  readonly id: string;
  readonly role: Role;
}

/** An idempotency key as a client or the import gives it (checked with the text rules, after trimming). */
export const IDEMPOTENCY_KEY_LENGTH = { min: 1, max: 200 } as const;

/** What arrives with every command: the domain takes time, ids and the actor from here, never from a clock. */
export interface CommandMetadata {
  readonly actor: Actor;
  /** ISO-8601 time the command is decided at. */
  readonly now: string;
  /** Id for an entity the command creates (evidence, counterpoint), generated outside the domain. */
  readonly newId?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly idempotencyKey?: string;
  /** Digest of the request a key came with, so that a key reused for a different request is refused. */
  readonly requestDigest?: string;
}

/** Stored with every event. */
export interface EventMetadata {
  readonly actorId: string;
  readonly actorRole: Role;
  /** The editorial reason, as the decided event states it (the decider's `reasonOf`). */
  readonly reason: string | null;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly idempotencyKey: string | null;
  /** Present with an idempotency key given through the API: see CommandMetadata.requestDigest. */
  readonly requestDigest?: string;
  readonly occurredAt: string;
  readonly schemaVersion: number;
}

/** A command as deciders receive it. */
export interface Command<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata;
}
