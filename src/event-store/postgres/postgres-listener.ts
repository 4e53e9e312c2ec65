import { EventEmitter } from 'node:events';
import pg from 'pg';
import { NOTIFY_CHANNEL } from './postgres-event-store.schema.js';

export interface ListenerOptions {
  readonly connectionString: string;
  /** The pause before reconnection attempt `attempt` (0 for the first). */
  readonly delayMs: (attempt: number) => number;
  readonly onReconnect?: (error: unknown, attempt: number, delayMs: number) => void;
}

/**
 * One connection per store that LISTENs on the append channel and wakes this process's subscriptions
 * whenever any instance commits. A notification is only a wake-up: subscribers read the log themselves,
 * so one that is lost (while this connection is down) costs at most a poll interval. When the connection
 * drops it reconnects with back-off, and wakes everyone once it is back, since commits may have been missed.
 */
export class PostgresListener {
  private readonly commits = new EventEmitter();
  private client: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private attempt = 0;
  private closed = false;

  constructor(private readonly options: ListenerOptions) {
    this.commits.setMaxListeners(0);
  }

  /** Connects once; a failure here is the caller's (the store checks reachability first). */
  async start(): Promise<void> {
    await this.connect();
  }

  on(listener: () => void): () => void {
    this.commits.on('commit', listener);
    return () => this.commits.off('commit', listener);
  }

  /** Wakes this process's subscribers (after a local commit, before the notification comes round). */
  wake(): void {
    this.commits.emit('commit');
  }

  get connected(): boolean {
    return this.client !== undefined;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      application_name: 'claimtrail-listener',
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
    });
    client.on('notification', () => this.wake());
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('the LISTEN connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.attempt = 0;
    this.wake();
  }

  private lost(client: pg.Client, error: unknown): void {
    if (this.closed || this.client !== client) return;
    this.client = undefined;
    client.removeAllListeners('end');
    void client.end().catch(() => undefined);
    this.scheduleReconnect(error);
  }

  private scheduleReconnect(error: unknown): void {
    if (this.closed) return;
    const delayMs = this.options.delayMs(this.attempt);
    this.options.onReconnect?.(error, this.attempt, delayMs);
    this.attempt += 1;
    this.timer = setTimeout(() => {
      this.connect().catch((failure: unknown) => this.scheduleReconnect(failure));
    }, delayMs);
    this.timer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.wake();
    const client = this.client;
    this.client = undefined;
    if (client) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
    }
  }
}
