import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import { PROJECTIONS } from '../../src/projections.js';
import { openReadModelFor } from '../../src/read-model/open-read-model.js';
import type { Projection } from '../../src/read-model/projection.js';
import { outdatedReadModel, readCheckpoint } from '../../src/read-model/read-model.database.js';
import { currentReadModelFile } from '../../src/read-model/read-model.files.js';
import { proposeClaim, claimStream, memoryLogger } from '../support/claim-helpers.js';
import { handleCommand } from '../../src/event-sourcing/handle-command.js';
import { claimDecider } from '../../src/claims/domain/claim.decider.js';
import { newId } from '../../src/event-sourcing/ids.js';
import { replayInto } from '../../src/read-model/rebuild.js';
import { tempDir } from '../support/temp-dir.js';

/** A read model written by other versions of the projections is rebuilt from the log, not read. */
describe('read-model projection versions', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: SqliteEventStore;
  beforeEach(async () => {
    dir = tempDir('projection-versions');
    store = SqliteEventStore.open({ file: join(dir.path, 'events.db') });
    for (const statement of [
      'Central Asia moved from object to subject',
      'Moscow seeks to regain influence',
    ]) {
      const claimId = newId('claim');
      await handleCommand(store, claimStream(claimId), claimDecider, proposeClaim(claimId, statement));
    }
  });
  afterEach(async () => {
    await store.close();
    dir.remove();
  });

  const bumped: readonly Projection[] = PROJECTIONS.map((projection) =>
    projection.name === 'claims' ? { ...projection, version: projection.version + 1 } : projection,
  );

  /** This instance's read model, caught up with the log by the current projections. */
  const used = async () => {
    const db = await openReadModelFor(dir.path, store, PROJECTIONS, memoryLogger());
    await replayInto(db, store, PROJECTIONS);
    const file = currentReadModelFile(dir.path);
    db.close();
    return file;
  };

  it('reads on from a read model of the same versions', async () => {
    const file = await used();
    const logger = memoryLogger();
    const db = await openReadModelFor(dir.path, store, PROJECTIONS, logger);
    expect(currentReadModelFile(dir.path)).toBe(file);
    expect(readCheckpoint(db)).toBe(2n);
    expect(logger.lines).toEqual([]);
    expect(outdatedReadModel(db, PROJECTIONS)).toBeUndefined();
    db.close();
  });

  it('rebuilds one written by another version of a projection, from the log, and says why', async () => {
    const file = await used();
    const logger = memoryLogger();
    const db = await openReadModelFor(dir.path, store, bumped, logger);
    expect(currentReadModelFile(dir.path)).not.toBe(file);
    expect(existsSync(file)).toBe(false);
    expect(readCheckpoint(db)).toBe(2n);
    expect(db.prepare('SELECT count(*) FROM claims').pluck().get()).toBe(2);
    expect(outdatedReadModel(db, bumped)).toBeUndefined();
    expect(logger.lines[0]?.message).toMatch(/^read model: it was written by projections .*; rebuilding it/);
    db.close();
  });

  it('treats a read model from before versions were recorded as outdated', async () => {
    const file = await used();
    const old = new Database(file);
    old.exec('DROP TABLE read_model_meta');
    old.close();
    const logger = memoryLogger();
    const db = await openReadModelFor(dir.path, store, PROJECTIONS, logger);
    expect(logger.lines[0]?.message).toContain('of a version that did not record them');
    expect(readCheckpoint(db)).toBe(2n);
    db.close();
  });
});
