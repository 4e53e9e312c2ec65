import type { Decider } from '../../event-sourcing/decider.js';
import { IllegalStateError, NotFoundError, ValidationError } from '../../event-sourcing/errors.js';
import { ROLES } from '../../event-sourcing/metadata.js';
import { optionalText, requireOneOf, requireRole, stamp } from '../../event-sourcing/guards.js';
import type { AccessCommand, GrantToken, RevokeToken } from './access.commands.js';
import type { AccessEvent, TokenGranted, TokenRevoked } from './access.events.js';
import { evolveAccess, initialAccessState, type AccessState } from './access.state.js';
import {
  ACTOR_ID_MAX_LENGTH,
  ACTOR_ID_PATTERN,
  RESERVED_ACTOR_IDS,
  REVOKE_REASON_MAX_LENGTH,
  isSha256Hex,
  isTokenId,
} from './access.values.js';

/** Grants and revocations of bearer tokens, one `access-<tokenId>` stream per token (docs/architecture.md §4). */

// The value is not echoed: someone who pastes a token where its id belongs must not see it printed back.
const requireTokenId = (tokenId: string): string => {
  if (typeof tokenId !== 'string' || !isTokenId(tokenId)) {
    throw new ValidationError('tokenId must be "tok_" followed by a 26-character ULID', 'tokenId');
  }
  return tokenId;
};

const requireActorId = (actorId: string): string => {
  if (typeof actorId !== 'string' || actorId.length === 0 || actorId.length > ACTOR_ID_MAX_LENGTH) {
    throw new ValidationError(`actorId must be 1–${ACTOR_ID_MAX_LENGTH} characters long`, 'actorId');
  }
  if (!ACTOR_ID_PATTERN.test(actorId)) {
    throw new ValidationError(
      'actorId must start with a letter or digit and contain only letters, digits, ".", "_", "@" and "-"',
      'actorId',
    );
  }
  if (RESERVED_ACTOR_IDS.includes(actorId)) {
    throw new ValidationError(`actorId "${actorId}" is reserved for Claimtrail's own acts`, 'actorId');
  }
  return actorId;
};

export const grantToken = (command: GrantToken, state: AccessState): TokenGranted[] => {
  const { data, metadata } = command;
  requireRole(metadata.actor, 'ADMIN', 'granting a token');
  const tokenId = requireTokenId(data.tokenId);
  if (state.status !== 'none') throw new IllegalStateError(`token ${tokenId} is already granted`);
  // Not echoed either: a caller who mixed up token and hash must not see the token in an error.
  if (typeof data.tokenHash !== 'string' || !isSha256Hex(data.tokenHash)) {
    throw new ValidationError('tokenHash must be a lower-case hex SHA-256 digest', 'tokenHash');
  }
  return [
    {
      type: 'TokenGranted',
      data: {
        tokenId,
        actorId: requireActorId(data.actorId),
        role: requireOneOf(data.role, ROLES, 'role'),
        tokenHash: data.tokenHash,
        ...stamp(metadata),
      },
    },
  ];
};

export const revokeToken = (command: RevokeToken, state: AccessState): TokenRevoked[] => {
  const { data, metadata } = command;
  requireRole(metadata.actor, 'ADMIN', 'revoking a token');
  const tokenId = requireTokenId(data.tokenId);
  if (state.status === 'none') throw new NotFoundError(`token ${tokenId} does not exist`);
  if (state.status === 'revoked') throw new IllegalStateError(`token ${tokenId} is already revoked`);
  return [
    {
      type: 'TokenRevoked',
      data: {
        tokenId,
        reason: optionalText(data.reason, 'reason', REVOKE_REASON_MAX_LENGTH),
        ...stamp(metadata),
      },
    },
  ];
};

export const decideAccess = (command: AccessCommand, state: AccessState): AccessEvent[] => {
  switch (command.type) {
    case 'GrantToken':
      return grantToken(command, state);
    case 'RevokeToken':
      return revokeToken(command, state);
    default: {
      const unexpected: never = command;
      throw new Error(`unknown access command ${String((unexpected as { type: unknown }).type)}`);
    }
  }
};

export const accessDecider: Decider<AccessCommand, AccessEvent, AccessState> = {
  initialState: initialAccessState,
  evolve: evolveAccess,
  decide: decideAccess,
  // A revocation's reason is its editorial reason; a grant needs none.
  reasonOf: (event) => (event.type === 'TokenRevoked' ? event.data.reason : null),
};
