import { Inject, Injectable } from '@nestjs/common';
import { ValidationError } from '../../event-sourcing/errors.js';
import { ClaimsAtMoment } from './claims-at-moment.js';
import type { HistoricalClaimView } from './historical-claim.view.js';
import { HISTORY_READER, type HistoryReader } from './history.reader.js';

export interface ClaimMoment {
  /** ISO-8601 time: the claim as it stood after every event recorded up to and including it. */
  readonly asOf?: string | null;
  /** The claim as it stood right after this version of its stream (1 = as proposed). */
  readonly atVersion?: number | null;
}

/** Parses an `asOf` argument: the scalar has checked its shape, but services are called from elsewhere too. */
export const parseAsOf = (asOf: string): Date => {
  const time = new Date(asOf);
  if (Number.isNaN(time.getTime()))
    throw new ValidationError(`asOf must be an ISO-8601 date-time, not "${asOf}"`, 'asOf');
  return time;
};

/**
 * `claim(id, asOf | atVersion)`: the claim folded from its stream up to that moment, with its relations and
 * labels taken from the argument graph folded from the log up to the same position (docs/architecture.md §5).
 */
@Injectable()
export class ClaimAtService {
  constructor(@Inject(HISTORY_READER) private readonly reader: HistoryReader) {}

  async claimAt(claimId: string, { asOf, atVersion }: ClaimMoment): Promise<HistoricalClaimView | null> {
    const hasAsOf = asOf !== undefined && asOf !== null;
    const hasVersion = atVersion !== undefined && atVersion !== null;
    if (hasAsOf && hasVersion) throw new ValidationError('give asOf or atVersion, not both', 'atVersion');
    if (hasVersion) return this.atVersion(claimId, atVersion);
    if (hasAsOf) return this.asOf(claimId, parseAsOf(asOf));
    throw new ValidationError('time travel needs asOf or atVersion', 'asOf');
  }

  /**
   * The claim as its stored events leave it, whatever the read model has applied: what a mutation answers
   * when the read model is behind its write.
   */
  async asStored(claimId: string): Promise<HistoricalClaimView | null> {
    const events = await this.reader.claimEvents(claimId, {});
    if (events.length === 0) return null;
    return new ClaimsAtMoment(this.reader, { position: events.at(-1)!.position }).claim(claimId, events);
  }

  private async atVersion(claimId: string, version: number): Promise<HistoricalClaimView | null> {
    if (!Number.isSafeInteger(version) || version < 1) {
      throw new ValidationError(
        `atVersion must be a whole number ≥ 1 (version 1 is the claim as proposed), not ${version}`,
        'atVersion',
      );
    }
    const events = await this.reader.claimEvents(claimId, { toVersion: version });
    if (events.length === 0) return null;
    const reached = events.at(-1)!.version;
    if (reached < version) {
      throw new ValidationError(
        `claim ${claimId} is at version ${reached}; atVersion ${version} is beyond it`,
        'atVersion',
      );
    }
    // The moment of a version is the position of its event: what other claims looked like right then.
    return new ClaimsAtMoment(this.reader, { position: events.at(-1)!.position }).claim(claimId, events);
  }

  private async asOf(claimId: string, until: Date): Promise<HistoricalClaimView | null> {
    const position = await this.reader.positionAt(until);
    if (position === 0n) return null;
    return new ClaimsAtMoment(this.reader, { position }).claim(claimId);
  }
}
