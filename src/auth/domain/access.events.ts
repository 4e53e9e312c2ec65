import type { DomainEvent } from '../../event-sourcing/decider.js';
import type { Actor, Role } from '../../event-sourcing/metadata.js';

/**
 * Events of an `access-<tokenId>` stream. Stored event type names never change (docs/architecture.md §2). The token itself
 * is never stored anywhere: only its SHA-256, which is enough to recognise it and useless to present.
 */

export type TokenGranted = DomainEvent<
  'TokenGranted',
  {
    readonly tokenId: string;
    readonly actorId: string;
    readonly role: Role;
    /** SHA-256 of the token (UTF-8), lower-case hex. */
    readonly tokenHash: string;
    readonly at: string;
    readonly by: Actor;
  }
>;

export type TokenRevoked = DomainEvent<
  'TokenRevoked',
  {
    readonly tokenId: string;
    readonly reason: string | null;
    readonly at: string;
    readonly by: Actor;
  }
>;

export type AccessEvent = TokenGranted | TokenRevoked;

export const ACCESS_EVENT_TYPES = [
  'TokenGranted',
  'TokenRevoked',
] as const satisfies readonly AccessEvent['type'][];
