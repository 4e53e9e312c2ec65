import type Database from 'better-sqlite3';
import type { EventStore } from '../event-sourcing/event-store.js';
import type { ProjectorLogger } from './projector.js';
import type { Projection } from './projection.js';
import { openReadModel, readCheckpoint, readStoreId, writeStoreId } from './read-model.database.js';
import { currentReadModelFile, removeStaleGenerations } from './read-model.files.js';
import { rebuildReadModel } from './rebuild.js';

/**
 * Opens this instance's read model for `store`, making sure it was built from that store. A checkpoint is a
 * position in one log: a read model kept from another store (a cluster or database recreated at the same
 * address, a data dir pointed at another store) would otherwise skip every event up to its old checkpoint
 * and serve the old store's rows. Such a read model is rebuilt from the configured store, which is always
 * safe (a read model holds nothing the log does not), rather than refused, which would leave the operator
 * to run the same rebuild by hand. A read model with no store id yet (new, or from before identities) is
 * bound to the store as it is.
 */
export const openReadModelFor = async (
  dataDir: string,
  store: EventStore,
  projections: readonly Projection[],
  logger: ProjectorLogger,
): Promise<Database.Database> => {
  const storeId = await store.storeId();
  let db = openReadModel(currentReadModelFile(dataDir), projections);
  const builtFrom = readStoreId(db);
  if (builtFrom === null) {
    writeStoreId(db, storeId);
    return db;
  }
  if (builtFrom === storeId) return db;
  logger.error('read model: built from another event store; rebuilding it from this one', {
    readModelStore: builtFrom,
    eventStore: storeId,
    staleCheckpoint: String(readCheckpoint(db)),
  });
  db.close();
  const rebuilt = await rebuildReadModel(dataDir, store, projections);
  removeStaleGenerations(dataDir);
  db = openReadModel(rebuilt.file, projections);
  logger.info('read model: rebuilt from this event store', { position: String(rebuilt.position) });
  return db;
};
