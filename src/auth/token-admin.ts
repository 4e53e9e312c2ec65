import { ConflictError, IllegalStateError } from '../event-sourcing/errors.js';
import type { EventStore, StoredEvent } from '../event-sourcing/event-store.js';
import { handleCommand } from '../event-sourcing/handle-command.js';
import type { Actor, Role } from '../event-sourcing/metadata.js';
import { upcasters } from '../event-sourcing/upcasters.js';
import { generateToken, hashToken, newTokenId } from './bearer-token.js';
import type { GrantToken, RevokeToken } from './domain/access.commands.js';
import { accessDecider } from './domain/access.decider.js';
import type { AccessEvent } from './domain/access.events.js';
import { evolveAccess, initialAccessState, type AccessState } from './domain/access.state.js';
import { SYSTEM_ACTOR, TOKEN_ID_PREFIX, accessStreamId, tokenIdOfStream } from './domain/access.values.js';

/** Token administration shared by the CLI and the server. Everything goes through the event store. */

export interface CreatedToken {
  readonly tokenId: string;
  /** The bearer token. Shown once: only its hash is stored, so it cannot be recovered. */
  readonly token: string;
  readonly actorId: string;
  readonly role: Role;
}

export interface TokenSummary {
  readonly tokenId: string;
  readonly actorId: string;
  readonly role: Role;
  readonly grantedAt: string;
  readonly grantedBy: string;
  readonly revokedAt: string | null;
  readonly revokeReason: string | null;
}

export interface CreateTokenInput {
  readonly actorId: string;
  readonly role: Role;
  /** Who grants it: an ADMIN, the CLI actor or the system actor. */
  readonly by: Actor;
  readonly now?: Date;
}

/** The actor id the first-start ADMIN token authenticates as. */
export const BOOTSTRAP_ADMIN_ACTOR_ID = 'admin';

/**
 * The bootstrap grant always goes to this one stream, so two instances starting on the same empty store
 * cannot both create an ADMIN token: the second finds the stream taken and the decider refuses.
 * The all-zero ULID also makes the token recognisable in `token list`.
 */
export const BOOTSTRAP_TOKEN_ID = `${TOKEN_ID_PREFIX}_${'0'.repeat(26)}`;

const READ_PAGE = 1000;

const grant = async (store: EventStore, tokenId: string, input: CreateTokenInput): Promise<CreatedToken> => {
  const token = generateToken();
  const command: GrantToken = {
    type: 'GrantToken',
    data: { tokenId, actorId: input.actorId, role: input.role, tokenHash: hashToken(token) },
    metadata: { actor: input.by, now: (input.now ?? new Date()).toISOString() },
  };
  // expectedVersion 0: a grant only ever starts a stream, so a race is a conflict, never a retry.
  await handleCommand(store, accessStreamId(tokenId), accessDecider, command, { expectedVersion: 0 });
  return { tokenId, token, actorId: input.actorId, role: input.role };
};

export const createToken = (store: EventStore, input: CreateTokenInput): Promise<CreatedToken> =>
  grant(store, newTokenId(), input);

export const revokeToken = async (
  store: EventStore,
  tokenId: string,
  by: Actor,
  reason?: string,
  now: Date = new Date(),
): Promise<void> => {
  const command: RevokeToken = {
    type: 'RevokeToken',
    data: { tokenId, reason: reason ?? null },
    metadata: { actor: by, now: now.toISOString() },
  };
  await handleCommand(store, accessStreamId(tokenId), accessDecider, command);
};

/**
 * Every `access-` event in log order. The port has no by-category read, so this pages through the whole
 * log: fine for the CLI and the first start, not for a request path (that reads the `tokens` read model).
 */
async function* accessEvents(store: EventStore): AsyncGenerator<StoredEvent> {
  let fromPosition = 0n;
  for (;;) {
    const page = await store.readAll({ fromPosition, limit: READ_PAGE });
    for (const event of page) if (tokenIdOfStream(event.streamId) !== undefined) yield upcasters.apply(event);
    if (page.length < READ_PAGE) return;
    fromPosition = page.at(-1)!.position;
  }
}

const summary = (state: AccessState): TokenSummary | undefined =>
  state.status === 'none'
    ? undefined
    : {
        tokenId: state.tokenId,
        actorId: state.actorId,
        role: state.role,
        grantedAt: state.grantedAt,
        grantedBy: state.grantedBy.id,
        revokedAt: state.status === 'revoked' ? state.revokedAt : null,
        revokeReason: state.status === 'revoked' ? state.revokeReason : null,
      };

/** Every token ever granted, in the order granted, revoked ones included. Hashes stay out. */
export const listTokens = async (store: EventStore): Promise<TokenSummary[]> => {
  const states = new Map<string, AccessState>();
  for await (const event of accessEvents(store)) {
    const previous = states.get(event.streamId) ?? initialAccessState();
    states.set(
      event.streamId,
      evolveAccess(previous, { type: event.type, data: event.data } as unknown as AccessEvent),
    );
  }
  return [...states.values()].map(summary).filter((token): token is TokenSummary => token !== undefined);
};

/** True once any token has ever been granted (revoked or not). */
export const hasAnyToken = async (store: EventStore): Promise<boolean> => {
  for await (const event of accessEvents(store)) if (event.type === 'TokenGranted') return true;
  return false;
};

/**
 * On the first start of a store that has never had a token, grant an ADMIN token and return it so the
 * server can print it once. Returns undefined in every other case, including losing a start-up race.
 */
export const ensureBootstrapAdmin = async (
  store: EventStore,
  now: Date = new Date(),
): Promise<string | undefined> => {
  if (await hasAnyToken(store)) return undefined;
  try {
    const created = await grant(store, BOOTSTRAP_TOKEN_ID, {
      actorId: BOOTSTRAP_ADMIN_ACTOR_ID,
      role: 'ADMIN',
      by: SYSTEM_ACTOR,
      now,
    });
    return created.token;
  } catch (error) {
    if (error instanceof ConflictError || error instanceof IllegalStateError) return undefined;
    throw error;
  }
};
