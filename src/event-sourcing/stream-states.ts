import type { EventStore } from './event-store.js';

/** A stream's state as folded up to `version`, with the ids that may belong to an idempotent command. */
export interface FoldedStream {
  readonly version: number;
  readonly state: unknown;
  /** Deterministic (UUIDv5) event ids of the stream: only those can be a previous run of a keyed command. */
  readonly keyedEventIds: Set<string>;
  /** What folded it: an entry is only reused with the same decider and upcasters. */
  readonly decider: object;
  readonly registry: object;
}

/**
 * The last state each stream was folded to, per store, so that a command reads only the events after it.
 * Streams are append-only, so an entry can only be stale, never wrong: the newer events are read and folded
 * on top, and the append's expected version catches anything written in between, also by other processes.
 * Bounded: the least recently used stream is forgotten first.
 */
export class StreamStates {
  private readonly byStore = new WeakMap<EventStore, Map<string, FoldedStream>>();

  constructor(private readonly limit = 5_000) {}

  get(store: EventStore, streamId: string, decider: object, registry: object): FoldedStream | undefined {
    const streams = this.byStore.get(store);
    const entry = streams?.get(streamId);
    if (!entry || entry.decider !== decider || entry.registry !== registry) return undefined;
    streams!.delete(streamId);
    streams!.set(streamId, entry);
    return entry;
  }

  set(store: EventStore, streamId: string, entry: FoldedStream): void {
    let streams = this.byStore.get(store);
    if (!streams) this.byStore.set(store, (streams = new Map()));
    streams.delete(streamId);
    streams.set(streamId, entry);
    if (streams.size > this.limit) streams.delete(streams.keys().next().value!);
  }
}

/** Deterministic event ids are UUIDv5; random ones are v7 (v4 before). */
export const isKeyedEventId = (eventId: string): boolean => eventId[14] === '5';
