import type pg from 'pg';
import { ConflictError, DuplicateEventError, ValidationError } from '../../event-sourcing/errors.js';
import type { AppendResult, NewEvent, StoredEvent } from '../../event-sourcing/event-store.js';
import { toStorageError } from './postgres-errors.js';
import {
  EVENT_ID_CONSTRAINT,
  STREAM_VERSION_CONSTRAINT,
  type AppendOutcomeRow,
  type EventRow,
} from './postgres-event-store.schema.js';
import { toStoredEvent } from './postgres-rows.js';

interface PendingAppend {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expectedVersion: number | undefined;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

/** Appends per call of the append function: enough to fill a commit under load, few enough to bound it. */
const MAX_BATCH = 256;

const APPEND_SQL = 'SELECT * FROM claimtrail_append($1, $2, $3, $4, $5, $6, $7)';

/** NUL cannot be stored in a PostgreSQL text column; event data may hold it (as JSON's `\u0000`), names may not. */
const NUL = '\u0000';

const checkNames = (streamId: string, events: readonly NewEvent[]): void => {
  if (streamId.includes(NUL)) throw new ValidationError('a stream id cannot contain NUL', 'streamId');
  for (const event of events) {
    if (event.eventId.includes(NUL)) throw new ValidationError('an event id cannot contain NUL', 'eventId');
    if (event.type.includes(NUL)) throw new ValidationError('an event type cannot contain NUL', 'type');
  }
};

/**
 * Group commit for one store instance: appends requested while a write is in flight wait, then go
 * together in the next call of `claimtrail_append` (one transaction, one WAL flush). Every write in every
 * instance holds the one append lock until it commits, so a second call in flight from the same instance
 * would only queue on that lock; batching instead turns the wait into shared commits.
 */
export class PostgresAppender {
  private queue: PendingAppend[] = [];
  private writing = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly onCommitted: () => void,
  ) {}

  append(
    streamId: string,
    events: readonly NewEvent[],
    expectedVersion: number | undefined,
  ): Promise<AppendResult> {
    if (events.length === 0)
      return Promise.reject(new DuplicateEventError('an append needs at least one event'));
    if (expectedVersion !== undefined && (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0))
      return Promise.reject(
        new ValidationError(
          `expectedVersion must be a whole number ≥ 0, not ${expectedVersion}`,
          'expectedVersion',
        ),
      );
    try {
      checkNames(streamId, events);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ streamId, events, expectedVersion, resolve, reject });
      if (!this.writing) {
        this.writing = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  /** Resolves once everything queued so far has been written or refused. */
  async idle(): Promise<void> {
    while (this.writing) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      await this.write(batch);
    }
    this.writing = false;
  }

  private async write(batch: PendingAppend[]): Promise<void> {
    const events = batch.flatMap((pending) => pending.events);
    let rows: AppendOutcomeRow[];
    try {
      ({ rows } = await this.pool.query<AppendOutcomeRow>({
        name: 'claimtrail_append',
        text: APPEND_SQL,
        values: [
          batch.map((pending) => pending.streamId),
          batch.map((pending) => pending.expectedVersion ?? null),
          batch.map((pending) => pending.events.length),
          events.map((event) => event.eventId),
          events.map((event) => event.type),
          events.map((event) => JSON.stringify(event.data)),
          events.map((event) => JSON.stringify(event.metadata)),
        ],
      }));
    } catch (error) {
      // Not knowing whether the batch committed, every append in it fails; a retry with the same event
      // ids is recognised as one if it did.
      const failure = toStorageError(error, 'append');
      for (const pending of batch) pending.reject(failure);
      return;
    }
    if (rows.some((row) => row.outcome === 'ok')) this.onCommitted();
    await Promise.all(
      batch.map(async (pending, index) => {
        try {
          pending.resolve(await this.settle(pending, rows[index]!));
        } catch (error) {
          pending.reject(toStorageError(error, `append to ${pending.streamId}`));
        }
      }),
    );
  }

  private async settle(pending: PendingAppend, row: AppendOutcomeRow): Promise<AppendResult> {
    const { streamId, events, expectedVersion } = pending;
    if (row.outcome === 'ok') {
      const firstPosition = BigInt(row.first_position!);
      const stored: StoredEvent[] = events.map((event, index) => ({
        ...event,
        streamId,
        version: row.first_version! + index,
        position: firstPosition + BigInt(index),
        recordedAt: row.stamped_at!,
      }));
      return {
        nextVersion: stored.at(-1)!.version,
        lastPosition: stored.at(-1)!.position,
        events: stored,
        duplicate: false,
      };
    }
    const retried = await this.findRetry(streamId, events);
    if (retried) return retried;
    if (row.outcome === 'behind' || row.outcome === STREAM_VERSION_CONSTRAINT) {
      throw new ConflictError(streamId, expectedVersion ?? 0, await this.streamVersion(streamId));
    }
    if (row.outcome === EVENT_ID_CONSTRAINT) {
      throw new DuplicateEventError(
        `event ids of this append are already stored in a different stream or order (stream ${streamId})`,
      );
    }
    throw new Error(`unexpected outcome of claimtrail_append: ${row.outcome}`);
  }

  /**
   * An append whose event ids are all stored, in this stream, in this order, consecutively, is a retry:
   * answer with the original result. Any other reuse of a stored id is an error.
   */
  private async findRetry(streamId: string, events: readonly NewEvent[]): Promise<AppendResult | undefined> {
    const { rows } = await this.pool.query<EventRow>({
      name: 'claimtrail_by_event_ids',
      text: 'SELECT * FROM claimtrail_events WHERE event_id = ANY($1)',
      values: [events.map((event) => event.eventId)],
    });
    if (rows.length === 0) return undefined;
    const byId = new Map(rows.map((row) => [row.event_id, row]));
    const found = events.map((event) => byId.get(event.eventId));
    const faithful = found.every(
      (row, index) =>
        row !== undefined && row.stream_id === streamId && row.version === found[0]!.version + index,
    );
    if (!faithful) {
      throw new DuplicateEventError(
        `event ids of this append were already used by another append (stream ${rows[0]!.stream_id}); a retry must repeat the whole append`,
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

  async streamVersion(streamId: string): Promise<number> {
    const { rows } = await this.pool.query<{ version: number | null }>({
      name: 'claimtrail_stream_version',
      text: 'SELECT max(version) AS version FROM claimtrail_events WHERE stream_id = $1',
      values: [streamId],
    });
    return rows[0]?.version ?? 0;
  }
}
