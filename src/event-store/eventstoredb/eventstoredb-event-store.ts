import { BACKWARDS, END, EventStoreDBClient, MaxAppendSizeExceededError } from '@eventstore/db-client';
import { DuplicateEventError, ValidationError } from '../../event-sourcing/errors.js';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  SubscribeAllOptions,
  Subscription,
} from '../../event-sourcing/event-store.js';
import { EventStoreDbAppend } from './eventstoredb-append.js';
import { KnownStreams, repeatedEventId } from './eventstoredb-idempotency.js';
import { fromRevisionOf, normalizeConnectionString, toStorageError } from './eventstoredb-mapping.js';
import { drain, EventStoreDbReads } from './eventstoredb-reads.js';
import { HeadTracker, storeIdentity } from './eventstoredb-store-facts.js';
import {
  DEFAULT_RESUBSCRIBE_BACKOFF,
  EventStoreDbSubscription,
  type ResubscribeBackoff,
} from './eventstoredb-subscription.js';

export interface EventStoreDbOptions {
  /**
   * Stream prefixes that make up Claimtrail's part of `$all` (readAll, subscribeAll, headPosition): the
   * composition root's STREAM_PREFIXES (src/stream-prefixes.ts).
   */
  readonly streamPrefixes: readonly string[];
  readonly resubscribeBackoff?: ResubscribeBackoff;
  /** Called before each resubscription; the default writes one line to stderr. */
  readonly onSubscriptionRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  /** How many streams' event ids to remember for the idempotency checks (least recently used go first). */
  readonly knownStreams?: number;
  /** How old the last walk of `$all` for the head may be before a new one runs (HeadTracker). */
  readonly headMaxAgeMs?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The EventStoreDB / KurrentDB adapter (`@eventstore/db-client` 6.x over gRPC). Versions are revision + 1
 * and positions are commit positions (eventstoredb-mapping.ts); appends follow the port's idempotency
 * (eventstoredb-append.ts); the subscription resubscribes by itself (eventstoredb-subscription.ts).
 * Only streams with Claimtrail's prefixes are visible through readAll, subscribeAll and headPosition.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly reads: EventStoreDbReads;
  private readonly appends: EventStoreDbAppend;
  private readonly known: KnownStreams;
  private readonly prefixes: readonly string[];
  private readonly subscriptions = new Set<EventStoreDbSubscription>();
  private readonly heads: HeadTracker;
  private identity: Promise<string> | undefined;

  private constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: EventStoreDbOptions,
  ) {
    this.prefixes = options.streamPrefixes;
    this.known = new KnownStreams(options.knownStreams);
    this.reads = new EventStoreDbReads(client, this.prefixes);
    this.appends = new EventStoreDbAppend(client, this.reads, this.known);
    this.heads = new HeadTracker(() => this.reads.head(), options.headMaxAgeMs);
  }

  /** An adapter over a client made elsewhere (tests hand it a fake); `connect` is the way in otherwise. */
  static fromClient(client: EventStoreDBClient, options: EventStoreDbOptions): EventStoreDbEventStore {
    refuseAppendResults(client);
    return new EventStoreDbEventStore(client, options);
  }

  /**
   * Accepts `esdb://`, `esdb+discover://` and the `kurrentdb://` family. Checks that the server answers,
   * so that a wrong address fails at start-up rather than at the first command.
   */
  static async connect(
    connectionString: string,
    options: EventStoreDbOptions,
  ): Promise<EventStoreDbEventStore> {
    const client = EventStoreDBClient.connectionString(normalizeConnectionString(connectionString));
    try {
      refuseAppendResults(client);
    } catch (error) {
      await client.dispose();
      throw error;
    }
    try {
      await drain(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }), () => true);
    } catch (error) {
      await client.dispose();
      throw toStorageError(error, 'connection check');
    }
    return new EventStoreDbEventStore(client, options);
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    if (events.length === 0) throw new DuplicateEventError('an append needs at least one event');
    const repeated = repeatedEventId(events);
    if (repeated) throw new DuplicateEventError(`event id ${repeated} appears twice in one append`);
    const invalid = events.find((event) => !UUID.test(event.eventId));
    if (invalid) throw new ValidationError(`event id "${invalid.eventId}" is not a UUID`, 'eventId');
    try {
      const result = await this.appends.append(streamId, events, options.expectedVersion);
      this.heads.saw(result.lastPosition);
      return result;
    } catch (error) {
      if (error instanceof MaxAppendSizeExceededError) {
        throw new ValidationError(
          `the events exceed the server's maximum append size (${error.maxAppendSize} bytes)`,
        );
      }
      throw toStorageError(error, `append to ${streamId}`);
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const { fromVersion = 1, toVersion, until } = options;
    if (toVersion !== undefined && toVersion < Math.max(fromVersion, 1)) return [];
    try {
      const maxCount = toVersion === undefined ? undefined : toVersion - Math.max(fromVersion, 1) + 1;
      const events = await this.reads.events(streamId, {
        fromRevision: fromRevisionOf(fromVersion),
        maxCount,
      });
      // A whole stream just read is what the next append's idempotency check needs: keep its ids.
      if (fromVersion <= 1 && toVersion === undefined && until === undefined)
        this.known.replace(streamId, events);
      return until === undefined
        ? events
        : events.filter((event) => event.recordedAt.getTime() <= until.getTime());
    } catch (error) {
      throw toStorageError(error, `read of ${streamId}`);
    }
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    try {
      return await this.reads.all(options);
    } catch (error) {
      throw toStorageError(error, 'read of $all');
    }
  }

  subscribeAll(options: SubscribeAllOptions = {}): Subscription {
    const subscription: EventStoreDbSubscription = new EventStoreDbSubscription(this.client, {
      fromPosition: options.fromPosition,
      prefixes: this.prefixes,
      backoff: this.options.resubscribeBackoff ?? DEFAULT_RESUBSCRIBE_BACKOFF,
      highWaterMark: 1_000,
      onEvent: (position) => this.heads.saw(position),
      onRetry: this.options.onSubscriptionRetry ?? logRetry,
      onClosed: () => this.subscriptions.delete(subscription),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  async streamVersion(streamId: string): Promise<number> {
    try {
      return await this.reads.version(streamId);
    } catch (error) {
      throw toStorageError(error, `version read of ${streamId}`);
    }
  }

  /** Position of the last event in Claimtrail's streams (0n when there is none), see HeadTracker. */
  async headPosition(): Promise<bigint> {
    try {
      return await this.heads.head();
    } catch (error) {
      throw toStorageError(error, 'head read of $all');
    }
  }

  async positionAt(until: Date): Promise<bigint> {
    try {
      return await this.reads.positionAt(until);
    } catch (error) {
      throw toStorageError(error, 'position read of $all');
    }
  }

  async storeId(): Promise<string> {
    this.identity ??= storeIdentity(this.client).catch((error: unknown) => {
      this.identity = undefined;
      throw toStorageError(error, 'store identity read');
    });
    return this.identity;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }
}

/**
 * With `throwOnAppendFailure=false` the client answers a wrong expected version with `success: false` and
 * a `nextExpectedRevision` that is not the stream's (batch appends report their own), so conflicts would
 * carry wrong versions. The adapter needs the errors: refuse the option. The client keeps the parsed value
 * behind a getter its types mark protected.
 */
const refuseAppendResults = (client: EventStoreDBClient): void => {
  if ((client as unknown as { throwOnAppendFailure?: boolean }).throwOnAppendFailure === false) {
    throw new ValidationError(
      'EVENTSTORE_CONNECTION_STRING sets throwOnAppendFailure=false, which Claimtrail cannot work with: remove it (conflicts must arrive as errors)',
      'EVENTSTORE_CONNECTION_STRING',
    );
  }
};

const logRetry = (error: unknown, attempt: number, delayMs: number): void => {
  const reason = error instanceof Error ? error.message : String(error);
  console.warn(
    `eventstoredb: subscription interrupted (${reason}); resubscribing in ${Math.round(delayMs)} ms (attempt ${attempt + 1})`,
  );
};
