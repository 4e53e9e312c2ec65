import type Database from 'better-sqlite3';
import type { EventStore } from '../event-sourcing/event-store.js';
import type { ProjectorLogger } from './projector.js';
import type { Projection } from './projection.js';
import {
  openReadModel,
  outdatedReadModel,
  readCheckpoint,
  readStoreId,
  writeStoreId,
} from './read-model.database.js';
import { currentReadModelFile, removeStaleGenerations } from './read-model.files.js';
import { rebuildReadModel } from './rebuild.js';

/**
 * Why this instance cannot read on from its read model, or undefined. A checkpoint is a position in one
 * log: a read model kept from another store (a cluster or database recreated at the same address, a data
 * dir pointed at another store) would skip every event up to its old checkpoint and serve the old store's
 * rows. And a read model written by other versions of the projections holds rows they no longer write.
 */
const unusable = (
  db: Database.Database,
  storeId: string,
  projections: readonly Projection[],
): string | undefined => {
  const builtFrom = readStoreId(db);
  if (builtFrom !== null && builtFrom !== storeId) {
    return `it was built from another event store (${builtFrom}, not ${storeId}; its checkpoint ${readCheckpoint(db)} means nothing here)`;
  }
  return outdatedReadModel(db, projections);
};

/**
 * Opens this instance's read model for `store`. One that cannot be read on from (`unusable`) is rebuilt in
 * bulk from the configured store, which is always safe (a read model holds nothing the log does not),
 * rather than refused, which would leave the operator to run the same rebuild by hand. A read model with no
 * store id yet (new, or from before identities) is bound to the store as it is.
 */
export const openReadModelFor = async (
  dataDir: string,
  store: EventStore,
  projections: readonly Projection[],
  logger: ProjectorLogger,
): Promise<Database.Database> => {
  const storeId = await store.storeId();
  const db = openReadModel(currentReadModelFile(dataDir), projections);
  const problem = unusable(db, storeId, projections);
  if (problem === undefined) {
    if (readStoreId(db) === null) writeStoreId(db, storeId);
    removeStaleGenerations(dataDir);
    return db;
  }
  logger.error(`read model: ${problem}; rebuilding it from the event log`, { dataDir });
  db.close();
  const rebuilt = await rebuildReadModel(dataDir, store, projections);
  removeStaleGenerations(dataDir);
  logger.info('read model: rebuilt from the event log', { position: String(rebuilt.position) });
  return openReadModel(rebuilt.file, projections);
};
