import type { Command } from '../../event-sourcing/metadata.js';

export type GrantToken = Command<
  'GrantToken',
  {
    /** A `tok_` id, generated outside the domain. */
    readonly tokenId: string;
    /** Who the token authenticates as. */
    readonly actorId: string;
    readonly role: string;
    /** SHA-256 hex of the token; the token never enters the domain. */
    readonly tokenHash: string;
  }
>;

export type RevokeToken = Command<
  'RevokeToken',
  {
    readonly tokenId: string;
    readonly reason?: string | null;
  }
>;

export type AccessCommand = GrantToken | RevokeToken;
