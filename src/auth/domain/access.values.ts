import { roleAtLeast, type Actor } from '../../event-sourcing/metadata.js';

/**
 * Identifiers of the access part of the domain. Token ids are prefixed ULIDs like every other id, but they
 * live here rather than in event-sourcing/ids.ts: no GraphQL `node(id:)` ever resolves a token.
 */

export const TOKEN_ID_PREFIX = 'tok';
export const ACCESS_STREAM_PREFIX = 'access-';

const TOKEN_ID_PATTERN = /^tok_[0-9A-HJKMNP-TV-Z]{26}$/;
// What a SHA-256 digest looks like as createHash(...).digest('hex') writes it.
const SHA256_HEX_PATTERN = /^[0-9a-f]{64}$/;

export const isTokenId = (value: string): boolean => TOKEN_ID_PATTERN.test(value);
export const isSha256Hex = (value: string): boolean => SHA256_HEX_PATTERN.test(value);

export const accessStreamId = (tokenId: string): string => `${ACCESS_STREAM_PREFIX}${tokenId}`;

/** The token id of an `access-` stream, or undefined for any other stream. */
export const tokenIdOfStream = (streamId: string): string | undefined =>
  streamId.startsWith(ACCESS_STREAM_PREFIX) ? streamId.slice(ACCESS_STREAM_PREFIX.length) : undefined;

/** The actor the command-line tool acts as: whoever can run it can open the event store anyway. */
export const CLI_ACTOR: Actor = Object.freeze({ id: 'cli', role: 'ADMIN' });
/** The actor of the server's own acts, such as the first-start ADMIN token. */
export const SYSTEM_ACTOR: Actor = Object.freeze({ id: 'system', role: 'ADMIN' });

/**
 * No token may be granted to these ids: a person holding one would show up in the audit trail as the
 * CLI or the server itself.
 */
export const RESERVED_ACTOR_IDS: readonly string[] = [CLI_ACTOR.id, SYSTEM_ACTOR.id];

export const ACTOR_ID_MAX_LENGTH = 100;
export const ACTOR_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]*$/;
export const REVOKE_REASON_MAX_LENGTH = 500;

/**
 * Who may read grants and revocations of tokens (in the audit trail and its live feed and export): ADMINs,
 * who hand tokens out. Everyone else reads the argument only; who holds which token is not theirs to see.
 * `undefined` is an anonymous reader (CLAIMTRAIL_ANONYMOUS_READ).
 */
export const mayReadAccessEvents = (reader: Actor | undefined): boolean =>
  reader !== undefined && roleAtLeast(reader.role, 'ADMIN');
