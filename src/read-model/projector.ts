import type Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import type { EventStore, StoredEvent, Subscription } from '../event-sourcing/event-store.js';
import { upcasters, type UpcasterRegistry } from '../event-sourcing/upcasters.js';
import { applyBatch, type ProjectionFault } from './apply-batch.js';
import type { Projection } from './projection.js';
import { readCheckpoint, readStoreId, writeStoreId } from './read-model.database.js';

const MAX_BATCH = 500;
const RETRY_AFTER_FAULT_MS = 1000;

export interface ProjectorLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * Follows `$all` from the checkpoint and applies each event to every projection that handles it, in the
 * same SQLite transaction that moves the checkpoint: delivery is at-least-once, the effect exactly-once.
 * Events that arrive together (catch-up, bursts) are applied in batches of up to 500 per transaction.
 * A projection that throws stops the projector on that event (it is never skipped); it retries from the
 * checkpoint after a pause, and `/ready` fails meanwhile.
 */
export class Projector {
  private subscription: Subscription | undefined;
  private buffer: StoredEvent[] = [];
  private flushScheduled = false;
  private position: bigint;
  private stopped = false;
  private readonly applied = new EventEmitter();
  fault: { position: string; message: string } | undefined;

  constructor(
    private db: Database.Database,
    private readonly store: EventStore,
    private readonly projections: readonly Projection[],
    private readonly logger: ProjectorLogger,
    private readonly registry: UpcasterRegistry = upcasters,
  ) {
    this.position = readCheckpoint(db);
    this.applied.setMaxListeners(0);
  }

  get checkpoint(): bigint {
    return this.position;
  }

  start(): void {
    this.stopped = false;
    void this.follow();
  }

  private async follow(): Promise<void> {
    const subscription = (this.subscription = this.store.subscribeAll({ fromPosition: this.position }));
    try {
      // What this read model is built from, beside its checkpoint (open-read-model.ts checks it at start).
      if (readStoreId(this.db) === null) writeStoreId(this.db, await this.store.storeId());
      for await (const event of subscription) {
        // After a switch to another read model, this loop's events belong to the old one.
        if (subscription !== this.subscription) break;
        this.buffer.push(event);
        if (this.buffer.length >= MAX_BATCH) this.flush();
        else if (!this.flushScheduled) {
          this.flushScheduled = true;
          setImmediate(() => this.flush());
        }
        if (this.fault) break;
      }
    } catch (error) {
      if (subscription === this.subscription) this.fail(this.position + 1n, error);
    }
    if (this.fault && !this.stopped && subscription === this.subscription) {
      await subscription.close();
      setTimeout(() => this.restart(), RETRY_AFTER_FAULT_MS).unref();
    }
  }

  /**
   * Continues on another read-model connection (after a rebuild), from that read model's own checkpoint.
   * Listeners (read-your-writes waits, live subscriptions) stay attached.
   */
  async switchTo(db: Database.Database): Promise<void> {
    const previous = this.subscription;
    this.subscription = undefined;
    await previous?.close();
    this.buffer = [];
    this.db = db;
    this.position = readCheckpoint(db);
    this.fault = undefined;
    if (!this.stopped) void this.follow();
  }

  private restart(): void {
    if (this.stopped) return;
    this.buffer = [];
    this.position = readCheckpoint(this.db);
    this.fault = undefined;
    this.logger.info('projector: resuming from checkpoint', { position: String(this.position) });
    void this.follow();
  }

  /** Applies the buffered events in one transaction with the checkpoint. */
  private flush(): void {
    this.flushScheduled = false;
    const batch = this.buffer.filter((event) => event.position > this.position);
    this.buffer = [];
    if (batch.length === 0 || this.fault) return;
    const started = performance.now();
    try {
      applyBatch(this.db, this.projections, batch, this.registry);
    } catch (error) {
      const fault = error as ProjectionFault;
      this.fail(fault.position, fault.cause);
      return;
    }
    this.position = batch.at(-1)!.position;
    this.logger.info('projector: batch applied', {
      events: batch.length,
      position: String(this.position),
      ms: Math.round((performance.now() - started) * 100) / 100,
    });
    this.applied.emit('batch', batch);
  }

  private fail(position: bigint, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.fault = { position: String(position), message };
    this.logger.error('projector: stopped on an event it could not apply', {
      position: String(position),
      error: message,
    });
    this.applied.emit('fault');
    void this.subscription?.close();
  }

  /**
   * Resolves once the read model has applied `position` (read-your-writes), or false after `timeoutMs`.
   * With `giveUpOnFault`, also false as soon as the projector is stopped on a fault: a request or the
   * start-up should not hang on a fault that may last, where a caller that expects it to clear waits on.
   */
  waitFor(position: bigint, timeoutMs = 5000, { giveUpOnFault = false } = {}): Promise<boolean> {
    if (this.position >= position) return Promise.resolve(true);
    if (giveUpOnFault && this.fault) return Promise.resolve(false);
    return new Promise((resolve) => {
      const onFault = () => {
        cleanup();
        resolve(false);
      };
      const onBatch = () => {
        if (this.position < position) return;
        cleanup();
        resolve(true);
      };
      const timer = setTimeout(() => {
        cleanup();
        resolve(false);
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.applied.off('batch', onBatch);
        this.applied.off('fault', onFault);
      };
      this.applied.on('batch', onBatch);
      if (giveUpOnFault) this.applied.on('fault', onFault);
    });
  }

  /** Every batch after it is committed to the read model, in log order (live subscriptions listen here). */
  onBatch(listener: (events: readonly StoredEvent[]) => void): () => void {
    this.applied.on('batch', listener);
    return () => this.applied.off('batch', listener);
  }

  /** Why the last `isCaughtUp` could not ask the store for its head (the store is unreachable), if it could not. */
  storeFault: string | undefined;

  /**
   * Caught up when the checkpoint has reached the head of the log and nothing is failing. A store that
   * cannot be asked (a database restarting) means not caught up, with the reason in `storeFault`.
   */
  async isCaughtUp(): Promise<boolean> {
    let head: bigint;
    try {
      head = await this.store.headPosition();
      this.storeFault = undefined;
    } catch (error) {
      this.storeFault = error instanceof Error ? error.message : String(error);
      return false;
    }
    return !this.fault && this.position >= head;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
    if (this.flushScheduled || this.buffer.length > 0) this.flush();
  }
}
