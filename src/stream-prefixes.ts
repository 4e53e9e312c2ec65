import { ACCESS_STREAM_PREFIX } from './auth/domain/access.values.js';
import { CLAIM_STREAM_PREFIX } from './claims/domain/claim.stream.js';
import { SOURCE_STREAM_PREFIX } from './sources/domain/source.stream.js';

/**
 * Every kind of stream Claimtrail writes, by prefix: what an adapter that shares its store with others
 * (EventStoreDB's `$all`) reads and follows. Each prefix is defined by its feature's domain.
 */
export const STREAM_PREFIXES: readonly string[] = [
  CLAIM_STREAM_PREFIX,
  SOURCE_STREAM_PREFIX,
  ACCESS_STREAM_PREFIX,
];
