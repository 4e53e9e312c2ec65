import type { EventStore, StoredEvent, Subscription } from '../event-sourcing/event-store.js';

const BATCH_SIZE = 500;

/** How a subscription outlasts a store that is away for a while (PostgreSQL restarting, say). */
export interface PollingRetry {
  /** Whether reading may work again after a pause; any other error ends the subscription with it. */
  readonly isTransient: (error: unknown) => boolean;
  /** The pause before retry `attempt` (0 for the first). */
  readonly delayMs: (attempt: number) => number;
  /** Told once per failed read, before the pause. */
  readonly onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

export interface PollingSubscriptionOptions {
  /** Registers a wake-up; returns its removal. The store wakes subscribers on every commit it hears of. */
  readonly subscribe: (listener: () => void) => () => void;
  /** The fallback poll, for commits nobody announced (another process, a lost notification). */
  readonly pollMs: number;
  readonly retry?: PollingRetry;
}

/**
 * Catch up with `readAll` in batches from the last position handed on, then wait for a wake-up or the
 * fallback poll. A wake-up only says "read again": the events always come from the log, so a missed or
 * repeated wake-up costs at most one poll interval, never an event. This is sound only for stores whose
 * positions commit in order (SQLite's single writer; PostgreSQL's append lock): a reader past position n
 * must never meet a lower position later.
 */
export class PollingSubscription implements Subscription {
  private closed = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly store: Pick<EventStore, 'readAll'>,
    private position: bigint,
    private readonly options: PollingSubscriptionOptions,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<StoredEvent> {
    let pending = false;
    const unsubscribe = this.options.subscribe(() => {
      pending = true;
      this.wake?.();
    });
    let failures = 0;
    try {
      while (!this.closed) {
        pending = false;
        let batch: StoredEvent[];
        try {
          batch = await this.store.readAll({ fromPosition: this.position, limit: BATCH_SIZE });
          failures = 0;
        } catch (error) {
          const retry = this.options.retry;
          if (!retry?.isTransient(error)) throw error;
          const delayMs = retry.delayMs(failures);
          retry.onRetry?.(error, failures, delayMs);
          failures += 1;
          await this.pause(delayMs);
          continue;
        }
        for (const event of batch) {
          if (this.closed) return;
          this.position = event.position;
          yield event;
        }
        if (batch.length === BATCH_SIZE) {
          // Catching up: let timers and I/O run between pages, or a long catch-up would stall the server.
          await new Promise<void>((resolve) => setImmediate(resolve));
          continue;
        }
        if (pending) continue;
        await this.pause(this.options.pollMs);
      }
    } finally {
      unsubscribe();
    }
  }

  /** Waits `ms`, or less when woken or closed. */
  private async pause(ms: number): Promise<void> {
    if (this.closed) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wake = undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake?.();
  }
}
