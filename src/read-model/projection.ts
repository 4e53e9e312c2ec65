import type Database from 'better-sqlite3';
import type { StoredEvent } from '../event-sourcing/event-store.js';

/**
 * A projection declares the event types it handles and writes its rows for one event. The projector calls
 * it inside the transaction that also moves the checkpoint, so a batch is applied exactly once or not at all.
 */
export interface Projection {
  readonly name: string;
  /**
   * Raised whenever what the projection writes for the same events changes (a new column, a new rule): a
   * read model written by another version is rebuilt from the log rather than read (read-model.database.ts).
   */
  readonly version: number;
  readonly handles: ReadonlySet<string>;
  /** Creates the projection's tables (idempotent DDL). */
  readonly schema: string;
  apply(db: Database.Database, event: StoredEvent): void;
  /**
   * For a projection that keeps state beside its tables (an in-memory index of them): the batch it was
   * applying rolled back, so that state is ahead of the tables; drop it and load it again.
   */
  discard?(db: Database.Database): void;
  /**
   * The projection's tables as `verify` compares them: each with the query that lists its rows in an order
   * that makes two read models comparable row for row.
   */
  readonly verifiedTables: readonly VerifiedTable[];
  /**
   * Tables whose secondary indexes a bulk load keeps live instead of building them at the end: those whose
   * keys arrive almost in order, where the updates cost less than building the index afterwards.
   */
  readonly liveIndexedTables?: readonly string[];
}

export interface VerifiedTable {
  readonly name: string;
  /** Every row, in an order that does not depend on how the rows were written. */
  readonly rows: string;
}
