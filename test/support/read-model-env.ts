import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { groundedLabelling, type Attack } from '../../src/claims/domain/grounded-labelling.js';
import type { StoredEvent } from '../../src/event-sourcing/event-store.js';
import { upcasters } from '../../src/event-sourcing/upcasters.js';
import { SqliteEventStore, type SynchronousMode } from '../../src/event-store/sqlite/sqlite-event-store.js';
import type { Projection } from '../../src/read-model/projection.js';
import { PROJECTIONS } from '../../src/projections.js';
import { Projector } from '../../src/read-model/projector.js';
import { openReadModel, writeCheckpoint, writeStoreId } from '../../src/read-model/read-model.database.js';
import { dumpReadModel, memoryLogger } from './claim-helpers.js';
import { tempDir } from './temp-dir.js';

/**
 * A real SQLite event store and any number of real read models on temp files, with the projectors that feed
 * them. `close()` stops every projector and closes every file it opened.
 */
export class ReadModelEnv {
  readonly dir = tempDir('read-model');
  readonly storeFile = join(this.dir.path, 'events.db');
  readonly store: SqliteEventStore;
  private readonly databases: Database.Database[] = [];
  private readonly projectors: Projector[] = [];
  private replays = 0;

  constructor(synchronous: SynchronousMode = 'FULL') {
    this.store = SqliteEventStore.open({ file: this.storeFile, synchronous });
  }

  readModel(name = 'read-model.db'): Database.Database {
    const db = openReadModel(join(this.dir.path, name), PROJECTIONS);
    this.databases.push(db);
    return db;
  }

  projector(
    db: Database.Database,
    projections: readonly Projection[] = PROJECTIONS,
    logger = memoryLogger(),
  ): Projector {
    const projector = new Projector(db, this.store, projections, logger);
    this.projectors.push(projector);
    return projector;
  }

  /** A new read model fed from position 0 by a new projector: what a rebuild would produce. */
  async freshReplay(): Promise<Record<string, unknown[]>> {
    const db = this.readModel(`fresh-${this.replays++}.db`);
    const projector = this.projector(db);
    projector.start();
    if (!(await projector.waitFor(await this.store.headPosition(), 30_000)))
      throw new Error('fresh replay timed out');
    await projector.stop();
    return dumpReadModel(db);
  }

  /** A new read model that applied exactly the events up to `position`, in one transaction, as the projector would. */
  async stateAt(position: bigint): Promise<Record<string, unknown[]>> {
    const db = this.readModel(`state-at-${position}-${this.replays++}.db`);
    applyDirectly(db, await this.store.readAll({ toPosition: position }));
    writeCheckpoint(db, position);
    writeStoreId(db, await this.store.storeId());
    return dumpReadModel(db);
  }

  async close(): Promise<void> {
    for (const projector of this.projectors) await projector.stop();
    await sleep(5); // let a flush already scheduled by setImmediate find its projector stopped and empty
    for (const db of this.databases) if (db.open) db.close();
    await this.store.close();
    this.dir.remove();
  }
}

/** Every projection applies every event it handles, in one transaction, bypassing the checkpoint. */
export const applyDirectly = (db: Database.Database, events: readonly StoredEvent[]): void => {
  db.transaction(() => {
    for (const stored of events) {
      const event = upcasters.apply(stored);
      for (const projection of PROJECTIONS)
        if (projection.handles.has(event.type)) projection.apply(db, event);
    }
  })();
};

export interface LabelRow {
  readonly label: string;
  readonly defeatedBy: readonly string[];
}

/** The labels the read model stores for every live claim. */
export const storedLabels = (db: Database.Database): Record<string, LabelRow> =>
  Object.fromEntries(
    (
      db
        .prepare('SELECT id, acceptability, defeated_by FROM claims WHERE retracted = 0 ORDER BY id')
        .all() as Array<{
        id: string;
        acceptability: string;
        defeated_by: string;
      }>
    ).map((row) => [
      row.id,
      { label: row.acceptability, defeatedBy: JSON.parse(row.defeated_by) as string[] },
    ]),
  );

/** The labels of every live claim computed from scratch over the whole graph the read model holds (docs/architecture.md §3). */
export const labelsFromScratch = (db: Database.Database): Record<string, LabelRow> => {
  const live = db.prepare('SELECT id FROM claims WHERE retracted = 0 ORDER BY id').pluck().all() as string[];
  const isLive = new Set(live);
  const attacks: Attack[] = [];
  const links = db
    .prepare("SELECT from_id, to_id FROM relations WHERE kind IN ('ATTACKS', 'UNDERCUTS')")
    .all() as Array<{
    from_id: string;
    to_id: string;
  }>;
  for (const link of links)
    if (isLive.has(link.from_id) && isLive.has(link.to_id))
      attacks.push({ from: link.from_id, to: link.to_id });
  const counterpoints = db
    .prepare("SELECT id, claim_id FROM counterpoints WHERE state IN ('OPEN', 'CONCEDED')")
    .all() as Array<{ id: string; claim_id: string }>;
  for (const counterpoint of counterpoints)
    if (isLive.has(counterpoint.claim_id)) attacks.push({ from: counterpoint.id, to: counterpoint.claim_id });
  // Counterpoints are never attacked: left out of the nodes, groundedLabelling counts them IN.
  const { labels, defeatedBy } = groundedLabelling(live, attacks);
  return Object.fromEntries(
    live.map((id) => [id, { label: labels.get(id)!, defeatedBy: defeatedBy.get(id)! }]),
  );
};

/** Polls `condition` every few ms until it holds, or throws after `timeoutMs`. */
export const until = async (
  condition: () => boolean,
  timeoutMs = 5000,
  what = 'condition',
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(5);
  }
};
