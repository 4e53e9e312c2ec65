import {
  START,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import type { StoredEvent, Subscription } from '../../event-sourcing/event-store.js';
import { retryDelayMs, type RetryBackoff } from '../retry-delay.js';
import {
  isClaimtrailEvent,
  isTransientError,
  toEsdbPosition,
  toStorageError,
  toStoredEvent,
} from './eventstoredb-mapping.js';

export type ResubscribeBackoff = RetryBackoff;

export const DEFAULT_RESUBSCRIBE_BACKOFF: ResubscribeBackoff = { baseMs: 100, maxMs: 30_000 };

/** Delay before resubscription attempt `attempt`: the shared jittered back-off, capped at 30 s by default. */
export const resubscribeDelayMs = (
  attempt: number,
  random: () => number = Math.random,
  backoff: ResubscribeBackoff = DEFAULT_RESUBSCRIBE_BACKOFF,
): number => retryDelayMs(attempt, random, backoff);

export interface EventStoreDbSubscriptionOptions {
  readonly fromPosition: bigint | undefined;
  readonly prefixes: readonly string[];
  readonly backoff: ResubscribeBackoff;
  /** Pause the server subscription when this many events wait for the consumer. */
  readonly highWaterMark: number;
  /** Told the position of every event handed on (the store's head tracker listens). */
  readonly onEvent?: (position: bigint) => void;
  readonly onRetry: (error: unknown, attempt: number, delayMs: number) => void;
  readonly onClosed: () => void;
}

type Waiter = { resolve: (result: IteratorResult<StoredEvent>) => void; reject: (error: unknown) => void };

/**
 * A `$all` catch-up subscription, filtered server-side to Claimtrail's stream prefixes, as an
 * AsyncIterable. The client never resubscribes by itself (a cut subscription just errors), so this
 * class does: from the position of the last event it handed on, after a backoff, for as long as the
 * errors are transient. Events at or before that position are dropped, so a resubscription never
 * delivers an event twice. Nothing is read until the first `next()`.
 */
export class EventStoreDbSubscription implements Subscription {
  private readonly queue: StoredEvent[] = [];
  private readonly waiters: Waiter[] = [];
  private failure: unknown;
  private closed = false;
  private started = false;
  private current: AllStreamSubscription | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private attempt = 0;
  private lastPosition: bigint | undefined;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: EventStoreDbSubscriptionOptions,
  ) {
    this.lastPosition = options.fromPosition === 0n ? undefined : options.fromPosition;
  }

  [Symbol.asyncIterator](): AsyncIterator<StoredEvent> {
    return {
      next: () => this.next(),
      return: async () => {
        await this.close();
        return { done: true, value: undefined };
      },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.queue.length = 0;
    for (const waiter of this.waiters.splice(0)) waiter.resolve({ done: true, value: undefined });
    const subscription = this.current;
    this.current = undefined;
    this.options.onClosed();
    if (subscription) await unsubscribe(subscription);
  }

  private next(): Promise<IteratorResult<StoredEvent>> {
    const value = this.queue.shift();
    if (value !== undefined) {
      if (this.queue.length < this.options.highWaterMark / 2 && this.current?.isPaused())
        this.current.resume();
      return Promise.resolve({ done: false, value });
    }
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.closed) return Promise.resolve({ done: true, value: undefined });
    if (!this.started) {
      this.started = true;
      this.subscribe();
    }
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private subscribe(): void {
    if (this.closed) return;
    const subscription = this.client.subscribeToAll({
      fromPosition: this.lastPosition === undefined ? START : toEsdbPosition(this.lastPosition),
      filter: streamNameFilter({ prefixes: [...this.options.prefixes] }),
    });
    this.current = subscription;
    subscription.on('data', (resolved: AllStreamResolvedEvent) => this.onEvent(subscription, resolved));
    subscription.on('error', (error: Error) => this.onInterrupted(subscription, error));
    // The server ending a subscription is not a way for a live subscription to finish: resubscribe.
    subscription.on('end', () =>
      this.onInterrupted(subscription, new Error('the server ended the subscription')),
    );
    subscription.on('close', () =>
      this.onInterrupted(subscription, new Error('the subscription stream closed')),
    );
  }

  private onEvent(subscription: AllStreamSubscription, resolved: AllStreamResolvedEvent): void {
    if (this.current !== subscription || !resolved.event) return;
    const { streamId, type } = resolved.event;
    if (!isClaimtrailEvent(streamId, type, this.options.prefixes)) return;
    let event: StoredEvent;
    try {
      event = toStoredEvent(resolved.event, resolved.commitPosition);
    } catch (error) {
      this.fail(error);
      return;
    }
    if (this.lastPosition !== undefined && event.position <= this.lastPosition) return;
    this.lastPosition = event.position;
    this.attempt = 0;
    this.options.onEvent?.(event.position);
    const waiter = this.waiters.shift();
    if (waiter) {
      waiter.resolve({ done: false, value: event });
      return;
    }
    this.queue.push(event);
    if (this.queue.length >= this.options.highWaterMark) subscription.pause();
  }

  private onInterrupted(subscription: AllStreamSubscription, error: unknown): void {
    if (this.closed || this.current !== subscription) return;
    this.current = undefined;
    void unsubscribe(subscription);
    if (!isTransientError(error)) {
      this.fail(error);
      return;
    }
    const delayMs = resubscribeDelayMs(this.attempt, Math.random, this.options.backoff);
    this.options.onRetry(error, this.attempt, delayMs);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => this.subscribe(), delayMs);
  }

  private fail(error: unknown): void {
    if (this.closed) return;
    this.failure = toStorageError(error, 'subscription');
    const subscription = this.current;
    this.current = undefined;
    this.closed = true;
    this.options.onClosed();
    if (subscription) void unsubscribe(subscription);
    for (const waiter of this.waiters.splice(0)) waiter.reject(this.failure);
  }
}

/**
 * `unsubscribe()` first awaits the call being set up, which can take a while (or fail) when the
 * cluster is unreachable; closing must neither hang on that nor throw because of it.
 */
const unsubscribe = async (subscription: AllStreamSubscription): Promise<void> => {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    subscription.unsubscribe().catch(() => undefined),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, 1_000))),
  ]);
  clearTimeout(timer);
};
