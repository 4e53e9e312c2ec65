import Database from 'better-sqlite3';
import { closeSync, fsyncSync, openSync, rmSync } from 'node:fs';
import type { EventStore } from '../event-sourcing/event-store.js';
import { upcasters } from '../event-sourcing/upcasters.js';
import { applyBatch } from './apply-batch.js';
import type { Projection } from './projection.js';
import { createReadModelSchema, readCheckpoint, writeStoreId } from './read-model.database.js';

/** Events per transaction: fewer commits, and FTS5 flushes fewer, larger segments. */
const BULK_BATCH = 5000;
/** Page cache while loading (KiB): the random-key indexes stay in memory. Peak RSS stays well under 400 MB. */
const BULK_CACHE_KIB = 64 * 1024;

export type Progress = (position: bigint, head: bigint) => void;

interface DeferredIndex {
  readonly name: string;
  readonly sql: string;
}

interface StagedSearchTable {
  readonly name: string;
  readonly columns: readonly string[];
}

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/**
 * A read model being built from the log, in bulk. Nothing reads the file until `finish` has returned and
 * the caller has given it its final name, so while loading it runs without a journal and without fsync:
 * a crash leaves a half-built file that is never pointed at. Work that is cheaper done once for the
 * whole log is left to `finish`:
 * - secondary indexes are built after the load (a sort instead of an update per row), but for the tables a
 *   projection names in `liveIndexedTables`;
 * - full-text tables are filled once, in rowid order. While loading, a plain temp table of the same name
 *   and columns shadows each one (unqualified names resolve to `temp` first), so the projections write to
 *   it unchanged. FTS5 flushes its pending terms whenever a row older than the newest is updated or
 *   deleted, which made each revision and withdrawal cost 140–200 µs; a plain table takes 5 µs. A rowid
 *   table hands out rowids by the same rule as the FTS5 content table (largest + 1), so the rowids kept in
 *   claim_search_rows stay right;
 */
export class BulkReadModel {
  private readonly deferredIndexes: readonly DeferredIndex[];
  private readonly stagedSearch: readonly StagedSearchTable[];

  constructor(
    private readonly db: Database.Database,
    private readonly projections: readonly Projection[],
  ) {
    // Recorded in schema order and re-created from their stored text, so sqlite_master ends with the same
    // entries, word for word. Only their rows move after the tables created later; each table still lists
    // its indexes in the same order, so the query planner sees the same schema (a spec compares plans).
    this.deferredIndexes = db
      .prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name NOT IN (SELECT value FROM json_each(?)) ORDER BY rowid",
      )
      .all(
        JSON.stringify(projections.flatMap((projection) => projection.liveIndexedTables ?? [])),
      ) as DeferredIndex[];
    for (const { name } of this.deferredIndexes) db.exec(`DROP INDEX ${quote(name)}`);
    const searchTables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE % USING fts5%'",
      )
      .pluck()
      .all() as string[];
    this.stagedSearch = searchTables.map((name) => ({
      name,
      columns: db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(name) as string[],
    }));
    for (const { name, columns } of this.stagedSearch) {
      db.exec(`CREATE TEMP TABLE ${quote(name)} (${columns.map(quote).join(', ')})`);
    }
  }

  /** Always a new file: the staging above relies on starting from empty tables at position 0. */
  static create(file: string, projections: readonly Projection[]): BulkReadModel {
    rmSync(file, { force: true });
    const db = new Database(file);
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma(`cache_size = -${BULK_CACHE_KIB}`);
    db.pragma('foreign_keys = OFF');
    createReadModelSchema(db, projections);
    return new BulkReadModel(db, projections);
  }

  /** Replays the log from the file's checkpoint up to `toPosition` (default: the head). */
  async load(
    store: EventStore,
    options: { toPosition?: bigint; onProgress?: Progress; batchSize?: number } = {},
  ): Promise<bigint> {
    const head = options.toPosition ?? (await store.headPosition());
    writeStoreId(this.db, await store.storeId());
    let position = readCheckpoint(this.db);
    while (position < head) {
      const batch = await store.readAll({
        fromPosition: position,
        toPosition: head,
        limit: options.batchSize ?? BULK_BATCH,
      });
      if (batch.length === 0) break;
      applyBatch(this.db, this.projections, batch, upcasters);
      position = batch.at(-1)!.position;
      options.onProgress?.(position, head);
    }
    return position;
  }

  /**
   * Builds the deferred indexes and leaves one durable, self-contained
   * file (rollback journal, no -wal beside it) that `openReadModel` turns into WAL on its first open.
   */
  finish(file: string): void {
    const { db } = this;
    db.transaction(() => {
      for (const { name, columns } of this.stagedSearch) {
        const list = columns.map(quote).join(', ');
        db.exec(
          `INSERT INTO main.${quote(name)} (rowid, ${list}) SELECT rowid, ${list} FROM temp.${quote(name)} ORDER BY rowid`,
        );
        db.exec(`DROP TABLE temp.${quote(name)}`);
      }
      for (const { sql } of this.deferredIndexes) db.exec(sql);
    })();
    db.pragma('journal_mode = DELETE');
    db.close();
    // Loaded with synchronous = OFF: on disk before anyone can be pointed at it.
    const descriptor = openSync(file, 'r+');
    try {
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
