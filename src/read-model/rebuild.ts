import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '../event-sourcing/event-store.js';
import { upcasters } from '../event-sourcing/upcasters.js';
import { applyBatch } from './apply-batch.js';
import { BulkReadModel, type Progress } from './bulk-load.js';
import type { Projection } from './projection.js';
import { openReadModel, outdatedReadModel, readCheckpoint, readStoreId } from './read-model.database.js';
import { currentReadModelFile, newGenerationName, setCurrentReadModel } from './read-model.files.js';

const REPLAY_BATCH = 1000;

/** Replays the log into `db` from its checkpoint up to `toPosition` (default: the head), in batches. */
export const replayInto = async (
  db: Database.Database,
  store: EventStore,
  projections: readonly Projection[],
  options: { toPosition?: bigint; onProgress?: Progress } = {},
): Promise<bigint> => {
  const head = options.toPosition ?? (await store.headPosition());
  let position = readCheckpoint(db);
  while (position < head) {
    const batch = await store.readAll({ fromPosition: position, toPosition: head, limit: REPLAY_BATCH });
    if (batch.length === 0) break;
    applyBatch(db, projections, batch, upcasters);
    position = batch.at(-1)!.position;
    options.onProgress?.(position, head);
  }
  return position;
};

/**
 * Builds a new read-model generation from position 0, in bulk (see BulkReadModel), and points the data dir
 * at it. Only a finished, synced file gets its final name, and only then the pointer moves. A running
 * server notices the pointer, lets the new read model catch up with what was appended meanwhile, and swaps
 * to it; until then it keeps answering from the old one.
 */
export const rebuildReadModel = async (
  dataDir: string,
  store: EventStore,
  projections: readonly Projection[],
  onProgress?: Progress,
  options: { batchSize?: number } = {},
): Promise<{ file: string; position: bigint }> => {
  const name = newGenerationName();
  const building = join(dataDir, `${name}.building`);
  mkdirSync(dataDir, { recursive: true });
  const bulk = BulkReadModel.create(building, projections);
  try {
    const position = await bulk.load(store, { onProgress, batchSize: options.batchSize });
    bulk.finish(building);
    renameSync(building, join(dataDir, name));
    setCurrentReadModel(dataDir, name);
    return { file: join(dataDir, name), position };
  } catch (error) {
    bulk.close();
    rmSync(building, { force: true });
    throw error;
  }
};

/** The live read model was written by other versions of the projections: there is nothing to compare. */
export class OutdatedReadModelError extends Error {}

export interface VerifyReport {
  readonly position: bigint;
  readonly rows: number;
  readonly differences: readonly string[];
}

const MAX_REPORTED = 20;

/**
 * Replays every event up to the live read model's checkpoint into a scratch read model and compares every
 * table row by row. The live file is read inside one read transaction, so a running server does not move
 * it underneath the comparison.
 */
export const verifyReadModel = async (
  dataDir: string,
  store: EventStore,
  projections: readonly Projection[],
  onProgress?: Progress,
): Promise<VerifyReport> => {
  const live = new Database(currentReadModelFile(dataDir), { readonly: true, fileMustExist: true });
  const outdated = outdatedReadModel(live, projections);
  if (outdated !== undefined) {
    live.close();
    throw new OutdatedReadModelError(
      `the live read model cannot be verified, ${outdated}: start the server (it rebuilds it) or run \`claimtrail projections rebuild\``,
    );
  }
  const scratchDir = mkdtempSync(join(tmpdir(), 'claimtrail-verify-'));
  const scratch = openReadModel(join(scratchDir, 'scratch.db'), projections);
  try {
    live.prepare('BEGIN').run();
    const position = readCheckpoint(live);
    const differences: string[] = [];
    const builtFrom = readStoreId(live);
    const storeId = await store.storeId();
    if (builtFrom !== null && builtFrom !== storeId) {
      // Its positions are another log's: a replay up to its checkpoint would compare unrelated things.
      differences.push(
        `the read model was built from event store ${builtFrom}, not from the configured store ${storeId} (the server rebuilds it at its next start)`,
      );
      live.prepare('COMMIT').run();
      return { position, rows: 0, differences };
    }
    await replayInto(scratch, store, projections, { toPosition: position, onProgress });
    let rows = 0;
    for (const { name: table, rows: sql } of projections.flatMap((projection) => projection.verifiedTables)) {
      const expected = scratch
        .prepare(sql)
        .all()
        .map((row) => JSON.stringify(row));
      const actual = live
        .prepare(sql)
        .all()
        .map((row) => JSON.stringify(row));
      rows += actual.length;
      if (expected.length !== actual.length)
        differences.push(`${table}: ${actual.length} rows live, ${expected.length} in a fresh replay`);
      const expectedSet = new Set(expected);
      const actualSet = new Set(actual);
      for (const row of actual)
        if (!expectedSet.has(row) && differences.length < MAX_REPORTED)
          differences.push(`${table}: live only: ${row}`);
      for (const row of expected)
        if (!actualSet.has(row) && differences.length < MAX_REPORTED)
          differences.push(`${table}: replay only: ${row}`);
    }
    live.prepare('COMMIT').run();
    return { position, rows, differences };
  } finally {
    live.close();
    scratch.close();
    rmSync(scratchDir, { recursive: true, force: true });
  }
};
