import {
  WrongExpectedVersionError,
  jsonEvent,
  type AppendResult as EsdbAppendResult,
  type CurrentRevision,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import { ConflictError, DuplicateEventError, StorageError } from '../../event-sourcing/errors.js';
import type { AppendResult, NewEvent } from '../../event-sourcing/event-store.js';
import { classifyRetry, type KnownStream, type KnownStreams } from './eventstoredb-idempotency.js';
import { toConflictError, toExpectedRevision, versionOfRevision } from './eventstoredb-mapping.js';
import type { EventStoreDbReads } from './eventstoredb-reads.js';

/**
 * One append, with the port's idempotency: look at the stream's ids (incrementally, see
 * eventstoredb-idempotency.ts), answer a faithful retry with the stored events, refuse any other
 * reuse, and only then write with the expected revision. The server's own checks close the window
 * between that look and the write: a wrong-expected-version makes us look again before calling it a
 * conflict, and a success is read back so that the result carries real positions and times.
 */
export class EventStoreDbAppend {
  constructor(
    private readonly client: EventStoreDBClient,
    private readonly reads: EventStoreDbReads,
    private readonly known: KnownStreams,
  ) {}

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expectedVersion: number | undefined,
  ): Promise<AppendResult> {
    const expectedRevision = toExpectedRevision(expectedVersion);
    let known = this.known.get(streamId);
    if (!known || (expectedVersion !== undefined && expectedVersion !== known.version)) {
      known = await this.refresh(streamId);
    }
    // The entry is shared with concurrent appends in this process: keep the version this append saw.
    const versionSeen = known.version;
    const retried = await this.settle(streamId, events, known);
    if (retried) return retried;
    if (expectedVersion !== undefined && expectedVersion !== versionSeen) {
      throw new ConflictError(streamId, expectedVersion, versionSeen);
    }
    let written: EsdbAppendResult;
    try {
      const proposed = events.map(({ eventId, type, data, metadata }) =>
        jsonEvent({ id: eventId, type, data, metadata }),
      );
      written = await this.client.appendToStream(streamId, proposed, { expectedRevision });
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      return this.afterWrongExpectedVersion(streamId, events, expectedVersion, error.actualVersion);
    }
    // `success: false` comes only with throwOnAppendFailure=false, which the adapter refuses at connect.
    if (!written.success) {
      throw new StorageError(`the client reported a failed append to ${streamId} instead of an error`);
    }
    const lastVersion = versionOfRevision(written.nextExpectedRevision);
    const firstVersion = lastVersion - events.length + 1;
    const stored = await this.reads.range(streamId, firstVersion, lastVersion);
    if (
      stored.length !== events.length ||
      stored.some((event, index) => event.eventId !== events[index]!.eventId)
    ) {
      throw new DuplicateEventError(`the server took this append to ${streamId} for a retry of other events`);
    }
    // Stored before our look at the stream: a retry that raced with us and that the server recognised.
    const duplicate = firstVersion <= versionSeen;
    if (!duplicate) this.known.extend(streamId, stored);
    return { nextVersion: lastVersion, lastPosition: stored.at(-1)!.position, events: stored, duplicate };
  }

  /** Lost a race, or the server saw part of a retry: look at the stream again before calling it a conflict. */
  private async afterWrongExpectedVersion(
    streamId: string,
    events: readonly NewEvent[],
    expectedVersion: number | undefined,
    actualVersion: CurrentRevision,
  ): Promise<AppendResult> {
    const retried = await this.settle(streamId, events, await this.refresh(streamId));
    if (retried) return retried;
    // Without an expected version the server refuses only an append that partly repeats stored events.
    if (expectedVersion === undefined)
      throw new DuplicateEventError(`the server refused a partial retry in ${streamId}`);
    throw toConflictError({ streamName: streamId, actualVersion }, expectedVersion);
  }

  /** A faithful retry answers with the stored events; any other reuse of an id is refused. */
  private async settle(
    streamId: string,
    events: readonly NewEvent[],
    known: KnownStream,
  ): Promise<AppendResult | undefined> {
    const retry = classifyRetry(known, events);
    if (retry.kind === 'new') return undefined;
    if (retry.kind === 'reused') {
      throw new DuplicateEventError(
        `event id ${retry.eventId} is already in stream ${streamId}; a retry must repeat the whole append`,
      );
    }
    const stored = await this.reads.range(streamId, retry.fromVersion, retry.toVersion);
    return {
      nextVersion: retry.toVersion,
      lastPosition: stored.at(-1)!.position,
      events: stored,
      duplicate: true,
    };
  }

  /** Bring what is known about a stream's ids up to date, reading only what is new. */
  private async refresh(streamId: string): Promise<KnownStream> {
    const known = this.known.get(streamId);
    if (known) {
      const extended = this.known.extend(streamId, await this.reads.refs(streamId, known.version));
      if (extended) return extended;
    }
    return this.known.replace(streamId, await this.reads.refs(streamId, 0));
  }
}
