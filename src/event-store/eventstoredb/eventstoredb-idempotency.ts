/**
 * What this process knows about the event ids already in a stream, so that `append` can tell a retry
 * from a conflict from an id reused in the wrong place the way the port defines it.
 *
 * Why the adapter keeps this itself: EventStoreDB recognises a retried append only in some cases — with
 * an exact expected revision that points at the retried events (it then checks the ids at those
 * revisions), or with `any` through a bounded cache of recent ids. An append at the *current* version
 * whose ids are already in the stream is written a second time, and a partial overlap is reported as
 * a plain wrong-expected-version. Knowing the stream's ids makes every case answerable before writing.
 *
 * The knowledge is kept up to date incrementally: an entry is only ever extended by reading the stream
 * from the entry's version onwards, which is cheap (usually an empty read) because streams only grow.
 * Event ids are stream-scoped in EventStoreDB, so an id reused in *another* stream cannot be detected.
 */
import type { NewEvent, StoredEvent } from '../../event-sourcing/event-store.js';

/** Stream version and the version of each event id in it. */
export interface KnownStream {
  readonly version: number;
  readonly ids: ReadonlyMap<string, number>;
}

export type RetryClassification =
  /** None of the ids is in the stream: a new append. */
  | { readonly kind: 'new' }
  /** Every id is in the stream, in this order, at consecutive versions: a retry of that append. */
  | { readonly kind: 'retry'; readonly fromVersion: number; readonly toVersion: number }
  /** Some ids are in the stream, or all of them but not as one consecutive run in this order. */
  | { readonly kind: 'reused'; readonly eventId: string };

export const classifyRetry = (known: KnownStream, events: readonly NewEvent[]): RetryClassification => {
  const versions = events.map((event) => known.ids.get(event.eventId));
  const foundAt = versions.findIndex((version) => version !== undefined);
  if (foundAt < 0) return { kind: 'new' };
  const first = versions[0];
  const consecutive =
    first !== undefined &&
    versions.every((version, index) => version !== undefined && version === first + index);
  return consecutive
    ? { kind: 'retry', fromVersion: first, toVersion: first + events.length - 1 }
    : { kind: 'reused', eventId: events[foundAt]!.eventId };
};

/** The first event id that occurs twice in one batch, if any. */
export const repeatedEventId = (events: readonly NewEvent[]): string | undefined => {
  const seen = new Set<string>();
  for (const { eventId } of events) {
    if (seen.has(eventId)) return eventId;
    seen.add(eventId);
  }
  return undefined;
};

type EventRef = Pick<StoredEvent, 'eventId' | 'version'>;

/** Least-recently-used map of KnownStream, bounded by the number of streams. */
export class KnownStreams {
  private readonly entries = new Map<string, { version: number; ids: Map<string, number> }>();

  constructor(private readonly maxStreams = 10_000) {}

  get(streamId: string): KnownStream | undefined {
    const entry = this.entries.get(streamId);
    if (entry) {
      this.entries.delete(streamId);
      this.entries.set(streamId, entry);
    }
    return entry;
  }

  /**
   * Add events that follow on from the known version (read after it, or just written). A gap means
   * this process missed some events, so the entry is dropped and the next append reads the stream
   * afresh; without an entry nothing is recorded, because the earlier ids are unknown.
   */
  extend(streamId: string, events: readonly EventRef[]): KnownStream | undefined {
    const entry = this.entries.get(streamId);
    if (!entry) return undefined;
    const fresh = events.filter((event) => event.version > entry.version);
    if (fresh.length > 0 && fresh[0]!.version !== entry.version + 1) {
      this.entries.delete(streamId);
      return undefined;
    }
    for (const event of fresh) entry.ids.set(event.eventId, event.version);
    entry.version = fresh.at(-1)?.version ?? entry.version;
    return this.get(streamId);
  }

  /**
   * The whole stream, as read from its start (which need not be version 1 if it was truncated).
   * Keeps what is known if that is more recent.
   */
  replace(streamId: string, events: readonly EventRef[]): KnownStream {
    const current = this.entries.get(streamId);
    const version = events.at(-1)?.version ?? 0;
    if (current && current.version > version) return current;
    const ids = new Map(events.map((event) => [event.eventId, event.version] as const));
    this.entries.delete(streamId);
    this.entries.set(streamId, { version, ids });
    while (this.entries.size > this.maxStreams) this.entries.delete(this.entries.keys().next().value!);
    return this.entries.get(streamId)!;
  }

  get size(): number {
    return this.entries.size;
  }
}
