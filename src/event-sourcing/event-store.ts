/**
 * The one event-store port. Adapters: `sqlite` (embedded default), `postgres` and `eventstoredb`.
 *
 * Versions: a stream's version is the number of events in it (0 = no stream; the first event makes it 1).
 * Positions: the global log position, a bigint (SQLite rowid; PostgreSQL's dense position; EventStoreDB
 * commit position).
 */

export type JsonObject = { readonly [key: string]: unknown };

/** An event as a caller hands it to `append`. */
export interface NewEvent {
  /** Deterministic id (UUID form) so that a retried append can be recognised. */
  readonly eventId: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
}

/** An event as the store gives it back. */
export interface StoredEvent extends NewEvent {
  readonly streamId: string;
  /** The stream's version after this event (first event → 1). */
  readonly version: number;
  /** Global position in the log, strictly increasing. */
  readonly position: bigint;
  readonly recordedAt: Date;
}

/** What folding a stream needs of an event: no metadata beyond its schema version, no position or time. */
export interface StreamEvent {
  readonly eventId: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly version: number;
  /** The shape version the event was written in (metadata `schemaVersion`, 1 when absent). */
  readonly schemaVersion: number;
}

/** An event as a backup holds it: everything but the position, which the store it is restored into assigns. */
export interface RestoredEvent extends NewEvent {
  readonly streamId: string;
  readonly version: number;
  readonly recordedAt: Date;
}

export interface AppendOptions {
  /** The version the caller read; `undefined` skips the check (the store still serialises appends). */
  readonly expectedVersion?: number;
}

export interface AppendResult {
  /** The stream's version after the append. */
  readonly nextVersion: number;
  /** Position of the last event appended (or of the original events for an idempotent retry). */
  readonly lastPosition: bigint;
  /** The events as stored. */
  readonly events: readonly StoredEvent[];
  /** True when every event was already stored: a retry that wrote nothing. */
  readonly duplicate: boolean;
}

export interface ReadStreamOptions {
  /** First version to return (inclusive, default 1). */
  readonly fromVersion?: number;
  /** Last version to return (inclusive). */
  readonly toVersion?: number;
  /** Only events recorded at or before this time. */
  readonly until?: Date;
}

export interface ReadAllOptions {
  /** Return events strictly after this position (default: from the start). */
  readonly fromPosition?: bigint;
  /** Last position to return (inclusive). */
  readonly toPosition?: bigint;
  readonly limit?: number;
}

export interface SubscribeAllOptions {
  /** Deliver events strictly after this position (default: from the start). */
  readonly fromPosition?: bigint;
}

export interface Subscription extends AsyncIterable<StoredEvent> {
  /** Stop the subscription; a pending iteration ends. */
  close(): Promise<void>;
}

export interface EventStore {
  append(streamId: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;
  /** Catch up from `fromPosition`, then follow live appends, in log order, each once. */
  subscribeAll(options?: SubscribeAllOptions): Subscription;
  streamVersion(streamId: string): Promise<number>;
  /** Position of the last event in the log (0n when empty). */
  headPosition(): Promise<bigint>;
  /**
   * Position of the last event recorded at or before `until` (0n when there is none): where the log stood
   * at that time. Optional: without it, time travel scans `readAll` for the position.
   */
  positionAt?(until: Date): Promise<bigint>;
  /**
   * Optional: a stream's events from `fromVersion` (default 1) with only what a fold needs. A lighter
   * `readStream` for rehydrating commands; without it, `readStream` serves.
   */
  readStreamEvents?(streamId: string, fromVersion?: number): Promise<StreamEvent[]>;
  /**
   * An id made when the store was created and kept for its life. A read model keeps the id of the store it
   * was built from beside its checkpoint, so a store recreated at the same address is noticed instead of
   * being read from the old checkpoint on.
   */
  storeId(): Promise<string>;
  /**
   * Optional: writes events exactly as a backup holds them (`claimtrail restore`): ids, streams, versions
   * and recording times kept, after the end of the log, in order, all of one call or none. Recording times
   * must not go back. Not a way to append: the restore has checked the versions; commands never call it.
   * Without it a store cannot be restored into (EventStoreDB sets its own recording times).
   */
  restore?(events: readonly RestoredEvent[]): Promise<void>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
