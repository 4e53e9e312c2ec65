import { SOURCE_STREAM_PREFIX } from '../../sources/domain/source.stream.js';

/** Each claim is one stream, `claim-<claimId>`; a link lives on its *from* claim's stream. */
export const CLAIM_STREAM_PREFIX = 'claim-';

export const claimStreamId = (claimId: string): string => `${CLAIM_STREAM_PREFIX}${claimId}`;

/** The claim id of a `claim-` stream, or undefined for any other stream. */
export const claimIdOfStream = (streamId: string): string | undefined =>
  streamId.startsWith(CLAIM_STREAM_PREFIX) ? streamId.slice(CLAIM_STREAM_PREFIX.length) : undefined;

/**
 * The streams that make up the argument: claims and the sources they quote. The audit trail, the live feed
 * and the demo's "is this store in use" check are about these, not about token grants.
 */
export const isArgumentStream = (streamId: string): boolean =>
  streamId.startsWith(CLAIM_STREAM_PREFIX) || streamId.startsWith(SOURCE_STREAM_PREFIX);
