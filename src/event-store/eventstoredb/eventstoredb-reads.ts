import {
  BACKWARDS,
  END,
  FORWARDS,
  StreamNotFoundError,
  type EventStoreDBClient,
  type ReadStreamOptions as EsdbReadStreamOptions,
  type RecordedEvent,
  type StreamingRead,
} from '@eventstore/db-client';
import type { ReadAllOptions, StoredEvent } from '../../event-sourcing/event-store.js';
import {
  fromRevisionOf,
  isClaimtrailEvent,
  toReadPosition,
  toStoredEvent,
  versionOfRevision,
} from './eventstoredb-mapping.js';

/**
 * Iterate a read until `each` returns false. Stopping early cancels the server call: leaving the
 * for-await only destroys the client-side stream and would leave the gRPC call running.
 */
export const drain = async <T>(read: StreamingRead<T>, each: (item: T) => boolean): Promise<void> => {
  let stoppedEarly = false;
  try {
    for await (const item of read) {
      if (!each(item)) {
        stoppedEarly = true;
        break;
      }
    }
  } finally {
    if (stoppedEarly) await read.cancel();
  }
};

/** Reads of single streams and of Claimtrail's part of `$all`, mapped to the port's shapes. */
export class EventStoreDbReads {
  constructor(
    private readonly client: EventStoreDBClient,
    private readonly prefixes: readonly string[],
  ) {}

  /** A missing stream is an empty one (the client reports it as an error while iterating). */
  async recorded(streamId: string, options: EsdbReadStreamOptions): Promise<RecordedEvent[]> {
    const recorded: RecordedEvent[] = [];
    try {
      await drain(this.client.readStream(streamId, options), ({ event }) => {
        if (event) recorded.push(event);
        return true;
      });
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return recorded;
  }

  async events(streamId: string, options: EsdbReadStreamOptions): Promise<StoredEvent[]> {
    return (await this.recorded(streamId, options)).map((event) => toStoredEvent(event));
  }

  /** Versions `from`..`to`, from the leader: it has every acknowledged write, a follower may lag. */
  range(streamId: string, from: number, to: number): Promise<StoredEvent[]> {
    return this.events(streamId, {
      fromRevision: fromRevisionOf(from),
      maxCount: to - from + 1,
      requiresLeader: true,
    });
  }

  /** Event ids and versions after `afterVersion`, from the leader. */
  async refs(streamId: string, afterVersion: number): Promise<Array<{ eventId: string; version: number }>> {
    const recorded = await this.recorded(streamId, {
      fromRevision: fromRevisionOf(afterVersion + 1),
      requiresLeader: true,
    });
    return recorded.map((event) => ({ eventId: event.id, version: versionOfRevision(event.revision) }));
  }

  async version(streamId: string): Promise<number> {
    const [last] = await this.recorded(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
    return last ? versionOfRevision(last.revision) : 0;
  }

  async all({ fromPosition, toPosition, limit }: ReadAllOptions): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    if (limit === 0) return events;
    // A negative limit means no limit, as SQLite's LIMIT does in the embedded store.
    const max = limit === undefined || limit < 0 ? Infinity : limit;
    // The server reads $all from a position inclusively; the port's fromPosition is exclusive.
    const read = this.client.readAll({ direction: FORWARDS, fromPosition: toReadPosition(fromPosition) });
    await drain(read, ({ event, commitPosition }) => {
      if (!event || !isClaimtrailEvent(event.streamId, event.type, this.prefixes)) return true;
      const stored = toStoredEvent(event, commitPosition);
      if (fromPosition !== undefined && stored.position <= fromPosition) return true;
      if (toPosition !== undefined && stored.position > toPosition) return false;
      events.push(stored);
      return events.length < max;
    });
    return events;
  }

  /**
   * The position of the last *Claimtrail* event. System and foreign events are skipped because the
   * filtered subscription never delivers them: a head that a projector can never reach would make
   * "caught up" unreachable.
   */
  async head(): Promise<bigint> {
    let head = 0n;
    await drain(
      this.client.readAll({ direction: BACKWARDS, fromPosition: END }),
      ({ event, commitPosition }) => {
        if (!event || !isClaimtrailEvent(event.streamId, event.type, this.prefixes)) return true;
        head = toStoredEvent(event, commitPosition).position;
        return false;
      },
    );
    return head;
  }

  /**
   * The position of the last Claimtrail event recorded at or before `until`, read backwards from the end:
   * the server assigns `created` in commit order, so the walk stops at the first event old enough. Its cost
   * grows with the number of events after `until`, which is what time travel to recent moments needs.
   */
  async positionAt(until: Date): Promise<bigint> {
    let found = 0n;
    await drain(
      this.client.readAll({ direction: BACKWARDS, fromPosition: END }),
      ({ event, commitPosition }) => {
        if (!event || !isClaimtrailEvent(event.streamId, event.type, this.prefixes)) return true;
        if (event.created.getTime() > until.getTime()) return true;
        found = toStoredEvent(event, commitPosition).position;
        return false;
      },
    );
    return found;
  }
}
