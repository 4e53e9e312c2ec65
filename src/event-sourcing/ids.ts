import { createHash, randomFillSync, randomUUID } from 'node:crypto';
import { ID_PREFIXES, type IdKind } from './id-kinds.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const RANDOM_POOL_BYTES = 4096;
const randomPool = Buffer.alloc(RANDOM_POOL_BYTES);
let randomOffset = RANDOM_POOL_BYTES;

/**
 * A ULID: 48 bits of milliseconds, then 80 random bits, in Crockford base32 (26 characters). The random
 * characters come from a pooled buffer refilled 4 KiB at a time: the `ulid` package draws one
 * `crypto.randomBytes` call per character, 4 % of a mutation's CPU in the B6 profile.
 */
export const ulid = (now: number = Date.now()): string => {
  let time = '';
  for (let index = 0, rest = now; index < 10; index++, rest = Math.floor(rest / 32))
    time = CROCKFORD[rest % 32] + time;
  if (randomOffset + 16 > RANDOM_POOL_BYTES) {
    randomFillSync(randomPool);
    randomOffset = 0;
  }
  let random = '';
  // Each byte gives 5 uniform bits: 256 is a multiple of 32.
  for (let index = 0; index < 16; index++) random += CROCKFORD[randomPool[randomOffset++]! & 31];
  return time + random;
};

export const newId = (kind: IdKind): string => `${ID_PREFIXES[kind]}_${ulid()}`;

/**
 * An id derived from an idempotency key, so that a retried create command finds the entity the first
 * call created. The 26 characters are the first 130 bits of SHA-256 in Crockford base32.
 */
export const derivedId = (kind: IdKind, ...parts: string[]): string => {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  let bits = 0n;
  for (const byte of digest.subarray(0, 17)) bits = (bits << 8n) | BigInt(byte);
  bits >>= 6n; // 136 → 130 bits
  let out = '';
  for (let index = 0; index < 26; index++) {
    out = CROCKFORD[Number(bits & 31n)] + out;
    bits >>= 5n;
  }
  // The first ULID character may only be 0–7; clear the top bits so the id stays a valid ULID.
  return `${ID_PREFIXES[kind]}_${CROCKFORD[CROCKFORD.indexOf(out[0]!) & 7]}${out.slice(1)}`;
};

/** A UUID-shaped deterministic event id for (stream, idempotency key, index): a retry produces the same ids. */
export const deterministicEventId = (streamId: string, key: string, index: number): string => {
  const hex = createHash('sha256').update(`${streamId}\u0000${key}\u0000${index}`).digest('hex');
  // Version 5 / RFC 4122 variant bits, so EventStoreDB accepts it as a UUID.
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/**
 * A UUIDv7 (RFC 9562): the first 48 bits are the time in milliseconds, the rest random. Time-ordered ids keep
 * the event store's UNIQUE index on event ids append-mostly; random UUIDv4 touched a different leaf page
 * for nearly every event, a measured share of the pages each group commit writes (bench/ANALYSIS.md, B2).
 */
export const randomEventId = (now: number = Date.now()): string => {
  const time = now.toString(16).padStart(12, '0');
  // randomUUID is `xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx`: keep its random bits and variant after the version.
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${randomUUID().slice(15)}`;
};
