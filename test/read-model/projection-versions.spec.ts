import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECTIONS } from '../../src/projections.js';
import type { Projection } from '../../src/read-model/projection.js';
import {
  openCurrentReadModel,
  outdatedReadModel,
  readCheckpoint,
  writeCheckpoint,
} from '../../src/read-model/read-model.database.js';
import { currentReadModelFile } from '../../src/read-model/read-model.files.js';
import { tempDir } from '../support/temp-dir.js';

/** A read model written by other versions of the projections is rebuilt from the log, not read. */
describe('read-model projection versions', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir('projection-versions');
  });
  afterEach(() => dir.remove());

  const bumped: readonly Projection[] = PROJECTIONS.map((projection) =>
    projection.name === 'claims' ? { ...projection, version: projection.version + 1 } : projection,
  );

  /** A read model of the current projections that has applied events up to position 42. */
  const used = () => {
    const reasons: string[] = [];
    const db = openCurrentReadModel(dir.path, PROJECTIONS, (reason) => reasons.push(reason));
    writeCheckpoint(db, 42n);
    const file = currentReadModelFile(dir.path);
    db.close();
    return { file, reasons };
  };

  it('reads on with a read model of the same versions', () => {
    const { file, reasons } = used();
    const rebuilds: string[] = [];
    const db = openCurrentReadModel(dir.path, PROJECTIONS, (reason) => rebuilds.push(reason));
    expect(currentReadModelFile(dir.path)).toBe(file);
    expect(readCheckpoint(db)).toBe(42n);
    expect([...reasons, ...rebuilds]).toEqual([]);
    expect(outdatedReadModel(db, PROJECTIONS)).toBeUndefined();
    db.close();
  });

  it('starts a new, empty generation when a projection has changed, and says why', () => {
    const { file } = used();
    const rebuilds: string[] = [];
    const db = openCurrentReadModel(dir.path, bumped, (reason) => rebuilds.push(reason));
    expect(currentReadModelFile(dir.path)).not.toBe(file);
    expect(existsSync(file)).toBe(false);
    expect(readCheckpoint(db)).toBe(0n);
    expect(rebuilds).toHaveLength(1);
    expect(rebuilds[0]).toMatch(
      /^the read model is rebuilt from the event log: it was written by projections/,
    );
    expect(outdatedReadModel(db, bumped)).toBeUndefined();
    db.close();
  });

  it('treats a read model from before versions were recorded as outdated', () => {
    const { file } = used();
    const old = new Database(file);
    old.exec('DROP TABLE read_model_meta');
    old.close();
    const rebuilds: string[] = [];
    const db = openCurrentReadModel(dir.path, PROJECTIONS, (reason) => rebuilds.push(reason));
    expect(rebuilds[0]).toContain('of a version that did not record them');
    expect(readCheckpoint(db)).toBe(0n);
    db.close();
    expect(existsSync(join(dir.path, 'read-model.db'))).toBe(false);
  });
});
