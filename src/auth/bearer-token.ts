import { createHash, randomBytes } from 'node:crypto';
import { ulid } from '../event-sourcing/ids.js';
import { TOKEN_ID_PREFIX } from './domain/access.values.js';

/**
 * Bearer tokens: `ct_` and 32 random bytes in base64url (43 characters, 256 bits). Only their SHA-256 is
 * ever stored. A plain, unsalted hash suffices because the input is uniformly random: there is no
 * dictionary to precompute, and a slow KDF would only make every request slower.
 */

export const TOKEN_PREFIX = 'ct_';
const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^ct_[A-Za-z0-9_-]{43}$/;

export const generateToken = (): string => `${TOKEN_PREFIX}${randomBytes(TOKEN_BYTES).toString('base64url')}`;

export const isWellFormedToken = (value: string): boolean => TOKEN_PATTERN.test(value);

/** Lower-case hex SHA-256 of the token's UTF-8 bytes: the only form in which a token is kept. */
export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

export const newTokenId = (): string => `${TOKEN_ID_PREFIX}_${ulid()}`;
