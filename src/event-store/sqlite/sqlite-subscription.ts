import type { EventStore, StoredEvent, Subscription } from '../../event-sourcing/event-store.js';

const BATCH_SIZE = 500;

/**
 * Catch up with `readAll` in batches, then wait for a wake-up. The store wakes subscribers on every
 * commit in this process; `pollMs` is only the fallback for writers in other processes (the CLI).
 */
export class SqliteSubscription implements Subscription {
  private closed = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly store: Pick<EventStore, 'readAll'>,
    private position: bigint,
    private readonly subscribe: (listener: () => void) => () => void,
    private readonly pollMs: number,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<StoredEvent> {
    let pending = false;
    const unsubscribe = this.subscribe(() => {
      pending = true;
      this.wake?.();
    });
    try {
      while (!this.closed) {
        pending = false;
        const batch = await this.store.readAll({ fromPosition: this.position, limit: BATCH_SIZE });
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
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.pollMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = undefined;
      }
    } finally {
      unsubscribe();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake?.();
  }
}
