import pg from 'pg';
import { StorageError, ValidationError } from '../../event-sourcing/errors.js';
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
import { PollingSubscription } from '../polling-subscription.js';
import { retryDelayMs } from '../retry-delay.js';
import { PostgresAppender } from './postgres-append.js';
import { isTransientPgError, redactUrl, toStorageError } from './postgres-errors.js';
import type { EventRow } from './postgres-event-store.schema.js';
import { PostgresListener } from './postgres-listener.js';
import { migrate } from './postgres-migrations.js';
import { toStoredEvent, toStreamEvent, type StreamEventRow } from './postgres-rows.js';

export interface PostgresEventStoreOptions {
  /** `postgres://user:password@host:port/database` (DATABASE_URL). */
  readonly connectionString: string;
  /** Fallback poll of subscriptions, for a notification lost while the LISTEN connection was down. */
  readonly pollMs?: number;
  readonly poolSize?: number;
  /** Told when a read or the LISTEN connection failed and will be retried; the default writes to stderr. */
  readonly onRetry?: (what: string, error: unknown, attempt: number, delayMs: number) => void;
}

/** Beyond this a statement is a fault (a lock held by a stuck session, say), reported instead of waited on. */
const STATEMENT_TIMEOUT_MS = 30_000;

const BIGGEST_POSITION = (2n ** 63n - 1n).toString();

/**
 * The PostgreSQL adapter. One `claimtrail_events` table (postgres-event-store.schema.ts); appends go
 * through one function under one advisory lock, so positions are dense and commit in order, which is what
 * lets subscriptions read the log by position without ever skipping an event (docs/decisions/0004).
 * Subscriptions poll from their position and are woken by LISTEN/NOTIFY; both survive the server
 * restarting. Event ids are UNIQUE for ever: idempotency is permanent, as in the SQLite store.
 */
export class PostgresEventStore implements EventStore {
  private readonly appender: PostgresAppender;
  private readonly subscriptions = new Set<Subscription>();

  private constructor(
    private readonly pool: pg.Pool,
    private readonly listener: PostgresListener,
    private readonly id: string,
    private readonly options: PostgresEventStoreOptions,
  ) {
    this.appender = new PostgresAppender(pool, () => listener.wake());
  }

  /**
   * Connects, checks that the server answers, and creates or migrates the schema. A wrong or unreachable
   * address fails here, at start-up, with the address (without its password) in the message.
   */
  static async open(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const where = redactUrl(options.connectionString);
    const onRetry = options.onRetry ?? logRetry;
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      application_name: 'claimtrail',
      connectionTimeoutMillis: 5_000,
      statement_timeout: STATEMENT_TIMEOUT_MS,
      keepAlive: true,
    });
    // An idle connection the server closed (a restart) is reported here; the pool replaces it on demand.
    pool.on('error', () => undefined);
    let storeId: string;
    try {
      storeId = await migrate(pool);
    } catch (error) {
      await pool.end().catch(() => undefined);
      if (error instanceof StorageError) throw error;
      throw new StorageError(
        `PostgreSQL at ${where} is unreachable or refused the schema: ${(error as Error).message || String(error)}`,
      );
    }
    const listener = new PostgresListener({
      connectionString: options.connectionString,
      delayMs: (attempt) => retryDelayMs(attempt),
      onReconnect: (error, attempt, delayMs) => onRetry('LISTEN connection', error, attempt, delayMs),
    });
    try {
      await listener.start();
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw new StorageError(`PostgreSQL at ${where}: LISTEN failed: ${(error as Error).message}`);
    }
    return new PostgresEventStore(pool, listener, storeId, options);
  }

  append(streamId: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    return this.appender.append(streamId, events, options.expectedVersion);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const rows = await this.rows<EventRow>(
      'claimtrail_read_stream',
      `SELECT * FROM claimtrail_events WHERE stream_id = $1 AND version >= $2 AND version <= $3
       AND ($4::timestamptz IS NULL OR recorded_at <= $4) ORDER BY version`,
      [
        streamId,
        Math.max(options.fromVersion ?? 1, 1),
        Math.min(options.toVersion ?? 2 ** 31 - 1, 2 ** 31 - 1),
        options.until?.toISOString() ?? null,
      ],
      `read of ${streamId}`,
    );
    return rows.map(toStoredEvent);
  }

  async readStreamEvents(streamId: string, fromVersion = 1): Promise<StreamEvent[]> {
    const rows = await this.rows<StreamEventRow>(
      'claimtrail_read_stream_events',
      'SELECT event_id, type, data, version, metadata FROM claimtrail_events WHERE stream_id = $1 AND version >= $2 ORDER BY version',
      [streamId, Math.max(fromVersion, 1)],
      `read of ${streamId}`,
    );
    return rows.map(toStreamEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const limit = options.limit === undefined || options.limit < 0 ? null : options.limit;
    const rows = await this.rows<EventRow>(
      'claimtrail_read_all',
      'SELECT * FROM claimtrail_events WHERE position > $1 AND position <= $2 ORDER BY position LIMIT $3',
      [(options.fromPosition ?? 0n).toString(), options.toPosition?.toString() ?? BIGGEST_POSITION, limit],
      'read of the log',
    );
    return rows.map(toStoredEvent);
  }

  subscribeAll(options: SubscribeAllOptions = {}): Subscription {
    const onRetry = this.options.onRetry ?? logRetry;
    const subscription: Subscription = new PollingSubscription(this, options.fromPosition ?? 0n, {
      subscribe: (listener) => this.listener.on(listener),
      pollMs: this.options.pollMs ?? 1000,
      retry: {
        isTransient: (error) => isTransientPgError((error as Error).cause ?? error),
        delayMs: (attempt) => retryDelayMs(attempt),
        onRetry: (error, attempt, delayMs) => onRetry('subscription read', error, attempt, delayMs),
      },
    });
    this.subscriptions.add(subscription);
    const close = subscription.close.bind(subscription);
    subscription.close = async () => {
      this.subscriptions.delete(subscription);
      await close();
    };
    return subscription;
  }

  async streamVersion(streamId: string): Promise<number> {
    try {
      return await this.appender.streamVersion(streamId);
    } catch (error) {
      throw toStorageError(error, `version read of ${streamId}`);
    }
  }

  /** The primary key's last entry: one index probe, cheap enough for every /ready. */
  async headPosition(): Promise<bigint> {
    const rows = await this.rows<{ head: string }>(
      'claimtrail_head',
      'SELECT coalesce(max(position), 0) AS head FROM claimtrail_events',
      [],
      'head read',
    );
    return BigInt(rows[0]!.head);
  }

  /** Recording times never decrease along the log (see the append function), so the walk stops at once. */
  async positionAt(until: Date): Promise<bigint> {
    const rows = await this.rows<{ position: string }>(
      'claimtrail_position_at',
      'SELECT position FROM claimtrail_events WHERE recorded_at <= $1 ORDER BY recorded_at DESC, position DESC LIMIT 1',
      [until.toISOString()],
      'position read',
    );
    return rows[0] ? BigInt(rows[0].position) : 0n;
  }

  async storeId(): Promise<string> {
    return this.id;
  }

  async restore(events: readonly RestoredEvent[]): Promise<void> {
    if (events.length === 0) return;
    for (let index = 1; index < events.length; index++) {
      if (events[index]!.recordedAt < events[index - 1]!.recordedAt)
        throw new ValidationError(
          `event ${events[index]!.eventId} is recorded before the event before it (${events[index]!.recordedAt.toISOString()})`,
        );
    }
    await this.rows(
      'claimtrail_restore',
      'SELECT claimtrail_restore($1, $2, $3, $4, $5, $6, $7)',
      [
        events.map((event) => event.streamId),
        events.map((event) => event.version),
        events.map((event) => event.eventId),
        events.map((event) => event.type),
        events.map((event) => JSON.stringify(event.data)),
        events.map((event) => JSON.stringify(event.metadata)),
        events.map((event) => event.recordedAt.toISOString()),
      ],
      'restore',
    ).catch((error: unknown) => {
      // check_violation from claimtrail_restore: the first time is before the log's last.
      const cause = (error as Error).cause as { code?: string; message?: string } | undefined;
      if (cause?.code === '23514') throw new ValidationError(String(cause.message));
      throw error;
    });
    this.listener.wake();
  }

  private async rows<Row extends pg.QueryResultRow>(
    name: string,
    text: string,
    values: unknown[],
    action: string,
  ): Promise<Row[]> {
    try {
      return (await this.pool.query<Row>({ name, text, values })).rows;
    } catch (error) {
      throw toStorageError(error, action);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.appender.idle();
    await this.listener.close();
    await this.pool.end();
  }
}

const logRetry = (what: string, error: unknown, attempt: number, delayMs: number): void => {
  const reason = error instanceof Error ? error.message : String(error);
  console.warn(
    `postgres: ${what} failed (${reason}); retrying in ${Math.round(delayMs)} ms (attempt ${attempt + 1})`,
  );
};
