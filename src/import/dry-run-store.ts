import { ConflictError } from '../event-sourcing/errors.js';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  NewEvent,
  ReadStreamOptions,
  StoredEvent,
  Subscription,
} from '../event-sourcing/event-store.js';

/**
 * The event store as it would be after the appends made here, none of which reach the real store: reads
 * see the real stream followed by the appends held in memory. An import runs every step against this
 * overlay first, through the same `handleCommand`, so the deciders refuse whatever they would refuse for
 * real (and recognise what a previous run already wrote) before anything is written.
 */
export class DryRunStore implements EventStore {
  private readonly streams = new Map<string, Promise<StoredEvent[]>>();
  private nextPosition = 1n;

  constructor(private readonly base: EventStore) {}

  private stream(streamId: string): Promise<StoredEvent[]> {
    let stream = this.streams.get(streamId);
    if (!stream) this.streams.set(streamId, (stream = this.base.readStream(streamId)));
    return stream;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const { fromVersion = 1, toVersion = Number.MAX_SAFE_INTEGER, until } = options;
    return (await this.stream(streamId)).filter(
      (event) =>
        event.version >= fromVersion &&
        event.version <= toVersion &&
        (until === undefined || event.recordedAt <= until),
    );
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    const stream = await this.stream(streamId);
    const version = stream.at(-1)?.version ?? 0;
    if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
      throw new ConflictError(streamId, options.expectedVersion, version);
    }
    const recordedAt = new Date();
    const stored = events.map((event, index) => ({
      ...event,
      streamId,
      version: version + index + 1,
      position: this.nextPosition++,
      recordedAt,
    }));
    stream.push(...stored);
    return {
      nextVersion: version + stored.length,
      lastPosition: stored.at(-1)!.position,
      events: stored,
      duplicate: false,
    };
  }

  async streamVersion(streamId: string): Promise<number> {
    return (await this.stream(streamId)).at(-1)?.version ?? 0;
  }

  readAll(): Promise<StoredEvent[]> {
    return Promise.reject(new Error('a dry run reads streams only'));
  }

  subscribeAll(): Subscription {
    throw new Error('a dry run cannot be subscribed to');
  }

  headPosition(): Promise<bigint> {
    return this.base.headPosition();
  }

  storeId(): Promise<string> {
    return this.base.storeId();
  }

  async close(): Promise<void> {
    this.streams.clear();
  }
}
