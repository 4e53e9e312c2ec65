import type Database from 'better-sqlite3';
import { ForbiddenError, UnauthenticatedError } from '../event-sourcing/errors.js';
import { ROLES, roleAtLeast, type Actor, type Role } from '../event-sourcing/metadata.js';
import { prepared } from '../read-model/statement-cache.js';
import { hashToken, isWellFormedToken } from './bearer-token.js';
import type { TokenRow } from './read-model/tokens.projection.js';

/**
 * Who a request acts as, from its `Authorization: Bearer <token>` header, looked up in this instance's
 * `tokens` read model (fed from the `access-` streams, so every instance knows every token).
 *
 * Timing: the presented token is hashed first and the lookup is by hash. The comparisons SQLite makes
 * while walking the unique index can at most reveal how much of the *hash* of a guess matches a stored
 * hash, and knowing a stored hash does not help to find a token with that hash (SHA-256 preimage
 * resistance over 256 random bits), so no constant-time comparison of secrets is needed on this path.
 *
 * Errors never contain the token or any part of it: they end up in responses and logs.
 */
export class AuthService {
  constructor(private readonly db: Database.Database) {}

  /**
   * The actor of a valid, unrevoked token; `undefined` when there is no Authorization header (the caller
   * decides whether that may read: see `requireReader`). Throws UnauthenticatedError for a malformed
   * header, an unknown token or a revoked one.
   */
  authenticate(authorization: string | undefined): Actor | undefined {
    if (authorization === undefined) return undefined;
    const token = bearerToken(authorization);
    // prepared() keys statements by the live connection, so a read-model swap never leaves a stale one.
    const row = prepared(this.db, 'SELECT actor_id, role, revoked_at FROM tokens WHERE token_hash = ?').get(
      hashToken(token),
    ) as Pick<TokenRow, 'actor_id' | 'role' | 'revoked_at'> | undefined;
    if (!row) throw new UnauthenticatedError('the bearer token is not recognised');
    // Saying "revoked" tells nothing to a guesser: only someone who once held the token can get here.
    if (row.revoked_at !== null) throw new UnauthenticatedError('the bearer token has been revoked');
    const role = ROLES.find((candidate) => candidate === row.role);
    if (role === undefined) throw new UnauthenticatedError('the bearer token has an unknown role');
    return { id: row.actor_id, role };
  }
}

/** The token of an `Authorization: Bearer <token>` header (scheme case-insensitive, RFC 7235 §2.1). */
export const bearerToken = (authorization: string): string => {
  const parts = authorization.trim().split(/[ \t]+/);
  if (parts.length === 0 || parts[0] === '')
    throw new UnauthenticatedError('the Authorization header is empty');
  if (parts[0]!.toLowerCase() !== 'bearer') {
    throw new UnauthenticatedError('the Authorization header must use the Bearer scheme: "Bearer <token>"');
  }
  if (parts.length !== 2) {
    throw new UnauthenticatedError(
      'the Authorization header must be "Bearer <token>" with exactly one token',
    );
  }
  if (!isWellFormedToken(parts[1]!)) {
    throw new UnauthenticatedError(
      'the bearer token is malformed: expected "ct_" followed by 43 base64url characters',
    );
  }
  return parts[1]!;
};

/** The actor, if it has at least `minimum`. No actor (anonymous) → UnauthenticatedError. */
export const requireRole = (actor: Actor | undefined, minimum: Role, action = 'this operation'): Actor => {
  if (!actor) throw new UnauthenticatedError(`${action} needs a bearer token`);
  if (!roleAtLeast(actor.role, minimum)) {
    throw new ForbiddenError(`${action} needs the ${minimum} role or higher; ${actor.id} is ${actor.role}`);
  }
  return actor;
};

/** For queries only: any authenticated actor may read; nobody may unless anonymous read is switched on. */
export const requireReader = (
  actor: Actor | undefined,
  options: { readonly anonymousRead: boolean },
): void => {
  if (!actor && !options.anonymousRead) throw new UnauthenticatedError('reading needs a bearer token');
};
