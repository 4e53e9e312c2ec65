import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RestoredEvent,
  StoredEvent,
  StreamEvent,
  SubscribeAllOptions,
  Subscription,
} from '../../event-sourcing/event-store.js';
import {
  ClaimtrailError,
  ConflictError,
  DuplicateEventError,
  StorageError,
  ValidationError,
} from '../../event-sourcing/errors.js';
import { EVENT_STORE_SCHEMA, type EventRow } from './sqlite-event-store.schema.js';
import { PollingSubscription } from '../polling-subscription.js';

export type SynchronousMode = 'FULL' | 'NORMAL';

export interface SqliteEventStoreOptions {
  /** Path of the database file (`:memory:` works for throwaway stores). */
  readonly file: string;
  /** FULL (default) survives power loss; NORMAL survives a process crash only. */
  readonly synchronous?: SynchronousMode;
  /** Fallback poll for subscriptions, for events written by other processes. */
  readonly pollMs?: number;
}

interface PendingAppend {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expectedVersion: number | undefined;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

const toStoredEvent = (row: EventRow): StoredEvent => ({
  eventId: row.event_id,
  type: row.type,
  data: JSON.parse(row.data) as StoredEvent['data'],
  metadata: JSON.parse(row.metadata) as StoredEvent['metadata'],
  streamId: row.stream_id,
  version: row.version,
  position: BigInt(row.position),
  recordedAt: new Date(row.recorded_at),
});

interface StreamEventRow {
  event_id: string;
  type: string;
  data: string;
  version: number;
  schema_version: number | null;
}

/** Stream versions this store has seen exist; a version, once written, exists forever. Bounded. */
class KnownVersions {
  private readonly versions = new Map<string, number>();

  constructor(private readonly limit = 50_000) {}

  has(streamId: string, version: number): boolean {
    return (this.versions.get(streamId) ?? 0) >= version;
  }

  saw(streamId: string, version: number): void {
    if (version <= (this.versions.get(streamId) ?? 0)) return;
    if (this.versions.size >= this.limit) this.versions.clear();
    this.versions.set(streamId, version);
  }
}

/**
 * Checked by code, not `instanceof`: the native addon keeps the error class of the realm that loaded it
 * first, so under test runners with one realm per file its errors are not instances of this realm's Error.
 */
const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE';

/** SQLite names the columns of the violated index: `UNIQUE constraint failed: events.stream_id, events.version`. */
const isVersionViolation = (error: unknown): boolean =>
  String((error as Error).message).includes('events.version');

/**
 * The embedded event store. better-sqlite3 is synchronous, so concurrency comes from group commit:
 * every append requested during one turn of the event loop is written in one transaction (one fsync),
 * each append with its own expected-version check inside its own savepoint, so a conflict fails only
 * that append.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly commits = new EventEmitter();
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private lastRecordedAt = 0;
  private readonly known = new KnownVersions();
  private readonly statements;
  private readonly id: string;

  private constructor(private readonly options: SqliteEventStoreOptions) {
    if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
    this.db = new Database(options.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    this.db.pragma('busy_timeout = 10000');
    this.db.exec(EVENT_STORE_SCHEMA);
    this.commits.setMaxListeners(0);
    // Positions stay far below 2^53 in any SQLite file, so rows are read as numbers and widened to bigint.
    const prepare = (sql: string) => this.db.prepare(sql);
    this.statements = {
      version: this.db.prepare('SELECT max(version) AS version FROM events WHERE stream_id = ?').pluck(),
      exists: this.db.prepare('SELECT 1 FROM events WHERE stream_id = ? AND version = ?').pluck(),
      insert: this.db.prepare(
        'INSERT INTO events (stream_id, version, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      byEventId: prepare('SELECT * FROM events WHERE event_id = ?'),
      streamRange: prepare(
        'SELECT * FROM events WHERE stream_id = ? AND version >= ? AND version <= ? AND recorded_at <= ? ORDER BY version',
      ),
      all: prepare('SELECT * FROM events WHERE position > ? AND position <= ? ORDER BY position LIMIT ?'),
      // Without metadata, position and time: half the bytes of a row, and a third of the rehydration (B3).
      streamEvents: prepare(
        "SELECT event_id, type, data, version, json_extract(metadata, '$.schemaVersion') AS schema_version FROM events WHERE stream_id = ? AND version >= ? ORDER BY version",
      ),
      head: prepare('SELECT coalesce(max(position), 0) FROM events').pluck(),
      // A descending walk of the recorded_at index (whose entries end in the rowid) that stops at the first row.
      positionAt: prepare(
        'SELECT position FROM events WHERE recorded_at <= ? ORDER BY recorded_at DESC, position DESC LIMIT 1',
      ).pluck(),
      lastRecordedAt: this.db.prepare('SELECT coalesce(max(recorded_at), 0) FROM events').pluck(),
    };
    this.lastRecordedAt = Number(this.statements.lastRecordedAt.get());
    this.db.prepare('INSERT OR IGNORE INTO store (id, store_id) VALUES (1, ?)').run(randomUUID());
    this.id = this.db.prepare('SELECT store_id FROM store WHERE id = 1').pluck().get() as string;
    this.prepareTransactions();
  }

  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    return new SqliteEventStore(options);
  }

  append(streamId: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    if (events.length === 0)
      return Promise.reject(new DuplicateEventError('an append needs at least one event'));
    return new Promise((resolve, reject) => {
      this.queue.push({ streamId, events, expectedVersion: options.expectedVersion, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    this.flushScheduled = false;
    const outcomes: Array<{ ok: true; result: AppendResult } | { ok: false; error: unknown }> = [];
    const recordedAt = (this.lastRecordedAt = Math.max(this.lastRecordedAt, Date.now()));
    try {
      const lone = batch.length === 1 ? batch[0]! : undefined;
      if (lone && lone.events.length === 1 && lone.expectedVersion !== undefined) {
        outcomes.push({ ok: true, result: this.write(lone, recordedAt) });
      } else this.commitBatch.immediate(batch, recordedAt, outcomes);
    } catch (error) {
      // A lone append that broke a rule rolled the (one-append) transaction back: its own error, not storage.
      if (batch.length === 1 && error instanceof ClaimtrailError) {
        batch[0]!.reject(error);
        return;
      }
      const storageError = new StorageError(
        `storage failure: the event store could not commit (${(error as Error).message})`,
      );
      for (const pending of batch) pending.reject(storageError);
      return;
    }
    batch.forEach((pending, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) pending.resolve(outcome.result);
      else pending.reject(outcome.error);
    });
    if (outcomes.some((outcome) => outcome.ok && !outcome.result.duplicate)) this.commits.emit('commit');
  }

  /**
   * One transaction for the whole batch. Each append of several events gets its own savepoint, so a conflict
   * rolls back that append only; a one-event append needs none (SQLite undoes a failed statement and keeps
   * the transaction), nor does a lone append (the transaction itself rolls it back). The wrappers
   * are built once: building them per append was a measurable share of a single writer's time (B1).
   * A lone append of one event needs no transaction at all: its one INSERT is atomic on its own, and the
   * reads before it only look at versions that can never disappear.
   */
  private writeInSavepoint!: (pending: PendingAppend, recordedAt: number) => AppendResult;
  private commitBatch!: Database.Transaction<
    (
      batch: PendingAppend[],
      recordedAt: number,
      outcomes: Array<{ ok: true; result: AppendResult } | { ok: false; error: unknown }>,
    ) => void
  >;

  private prepareTransactions(): void {
    this.writeInSavepoint = this.db.transaction((pending: PendingAppend, recordedAt: number) =>
      this.write(pending, recordedAt),
    );
    this.commitBatch = this.db.transaction((batch: PendingAppend[], recordedAt: number, outcomes) => {
      if (batch.length === 1) {
        outcomes.push({ ok: true, result: this.write(batch[0]!, recordedAt) });
        return;
      }
      for (const pending of batch) {
        try {
          // A failed INSERT undoes itself and leaves the transaction open: one event needs no savepoint.
          const result =
            pending.events.length === 1
              ? this.write(pending, recordedAt)
              : this.writeInSavepoint(pending, recordedAt);
          outcomes.push({ ok: true, result });
        } catch (error) {
          if (!(error instanceof ClaimtrailError)) throw error;
          outcomes.push({ ok: false, error });
        }
      }
    });
  }

  /**
   * Runs inside a savepoint (or alone, for one event with an expected version): throwing rolls back this
   * append only. With an expected version the next versions are simply inserted: the UNIQUE
   * (stream_id, version) index refuses them if the stream moved on. The expected version itself must exist
   * (no gaps); the store usually knows that from its own reads and writes, else one point lookup checks it.
   * This replaced a `max(version)` read per append (B1).
   */
  private write(pending: PendingAppend, recordedAt: number): AppendResult {
    const { streamId, events, expectedVersion } = pending;
    if (expectedVersion !== undefined && expectedVersion > 0 && !this.known.has(streamId, expectedVersion)) {
      if (this.statements.exists.get(streamId, expectedVersion) === undefined)
        return this.notAtExpected(streamId, events, expectedVersion);
    }
    const currentVersion = expectedVersion ?? Number(this.statements.version.get(streamId) ?? 0);
    const stored: StoredEvent[] = [];
    try {
      events.forEach((event, index) => {
        const version = currentVersion + index + 1;
        const data = JSON.stringify(event.data);
        const metadata = JSON.stringify(event.metadata);
        const info = this.statements.insert.run(
          streamId,
          version,
          event.eventId,
          event.type,
          data,
          metadata,
          recordedAt,
        );
        stored.push({
          ...event,
          streamId,
          version,
          position: BigInt(info.lastInsertRowid),
          recordedAt: new Date(recordedAt),
        });
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (isVersionViolation(error)) return this.notAtExpected(streamId, events, currentVersion);
      const retried = this.findRetry(streamId, events);
      if (retried) return retried;
      throw new DuplicateEventError(
        `event ids of this append are already stored in a different stream or order (stream ${streamId})`,
      );
    }
    this.known.saw(streamId, currentVersion + events.length);
    return {
      nextVersion: currentVersion + events.length,
      lastPosition: stored.at(-1)!.position,
      events: stored,
      duplicate: false,
    };
  }

  /** The stream is not at the expected version: the retry of an append that landed (its result), or a conflict. */
  private notAtExpected(
    streamId: string,
    events: readonly NewEvent[],
    expectedVersion: number,
  ): AppendResult {
    const retried = this.findRetry(streamId, events);
    if (retried) return retried;
    throw new ConflictError(streamId, expectedVersion, Number(this.statements.version.get(streamId) ?? 0));
  }

  /**
   * An append whose event ids are all stored, in this stream, in this order, consecutively, is a retry:
   * answer with the original result. Any other reuse of a stored id is an error.
   */
  private findRetry(streamId: string, events: readonly NewEvent[]): AppendResult | undefined {
    const found = events.map((event) => this.statements.byEventId.get(event.eventId) as EventRow | undefined);
    if (found.every((row) => row === undefined)) return undefined;
    const faithful = found.every(
      (row, index) =>
        row !== undefined && row.stream_id === streamId && row.version === found[0]!.version + index,
    );
    if (!faithful) {
      throw new DuplicateEventError(
        `event ids of this append were already used by another append (stream ${found.find(Boolean)!.stream_id}); a retry must repeat the whole append`,
      );
    }
    const stored = (found as EventRow[]).map(toStoredEvent);
    return {
      nextVersion: stored.at(-1)!.version,
      lastPosition: stored.at(-1)!.position,
      events: stored,
      duplicate: true,
    };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const rows = this.statements.streamRange.all(
      streamId,
      options.fromVersion ?? 1,
      options.toVersion ?? Number.MAX_SAFE_INTEGER,
      options.until ? options.until.getTime() : Number.MAX_SAFE_INTEGER,
    ) as EventRow[];
    if (rows.length > 0) this.known.saw(streamId, rows.at(-1)!.version);
    return rows.map(toStoredEvent);
  }

  async readStreamEvents(streamId: string, fromVersion = 1): Promise<StreamEvent[]> {
    const rows = this.statements.streamEvents.all(streamId, fromVersion) as StreamEventRow[];
    if (rows.length > 0) this.known.saw(streamId, rows.at(-1)!.version);
    return rows.map((row) => ({
      eventId: row.event_id,
      type: row.type,
      data: JSON.parse(row.data) as StreamEvent['data'],
      version: row.version,
      schemaVersion: row.schema_version ?? 1,
    }));
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const rows = this.statements.all.all(
      options.fromPosition ?? 0n,
      options.toPosition ?? BigInt(Number.MAX_SAFE_INTEGER),
      options.limit ?? -1,
    ) as EventRow[];
    return rows.map(toStoredEvent);
  }

  subscribeAll(options: SubscribeAllOptions = {}): Subscription {
    return new PollingSubscription(this, options.fromPosition ?? 0n, {
      subscribe: (listener) => {
        this.commits.on('commit', listener);
        return () => this.commits.off('commit', listener);
      },
      pollMs: this.options.pollMs ?? 1000,
    });
  }

  async streamVersion(streamId: string): Promise<number> {
    return Number(this.statements.version.get(streamId) ?? 0);
  }

  async headPosition(): Promise<bigint> {
    return BigInt(this.statements.head.get() as bigint | number);
  }

  /**
   * Recording times never decrease along the log (each flush stamps max(previous, now)), so the last event
   * recorded at or before `until` is also the one with the highest position among them.
   */
  async positionAt(until: Date): Promise<bigint> {
    return BigInt((this.statements.positionAt.get(until.getTime()) as number | undefined) ?? 0);
  }

  async storeId(): Promise<string> {
    return this.id;
  }

  /** Backup events as they were, in one transaction; recording times may not go back (positionAt relies on it). */
  async restore(events: readonly RestoredEvent[]): Promise<void> {
    if (events.length === 0) return;
    let last = this.lastRecordedAt;
    for (const event of events) {
      const time = event.recordedAt.getTime();
      if (!(time >= last))
        throw new ValidationError(
          `event ${event.eventId} is recorded before the event before it (${event.recordedAt.toISOString()})`,
        );
      last = time;
    }
    this.db.transaction(() => {
      for (const event of events) {
        this.statements.insert.run(
          event.streamId,
          event.version,
          event.eventId,
          event.type,
          JSON.stringify(event.data),
          JSON.stringify(event.metadata),
          event.recordedAt.getTime(),
        );
      }
    })();
    this.lastRecordedAt = last;
    this.commits.emit('commit');
  }

  /** Synchronous reads for hot paths that cannot afford a promise per call (benchmarks, time travel). */
  get database(): Database.Database {
    return this.db;
  }

  async close(): Promise<void> {
    if (this.queue.length > 0) await new Promise((resolve) => setImmediate(resolve));
    this.commits.emit('commit');
    this.db.close();
  }
}
