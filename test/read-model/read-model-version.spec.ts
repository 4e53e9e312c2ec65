import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { ClaimsQueries } from '../../src/claims/read-model/claims.queries.js';
import { importDemo } from '../../src/import/demo-import.module.js';
import { PROJECTIONS } from '../../src/projections.js';
import { openReadModel, staleProjections } from '../../src/read-model/read-model.database.js';
import { currentReadModelFile } from '../../src/read-model/read-model.files.js';
import { verifyReadModel } from '../../src/read-model/rebuild.js';
import { dumpReadModel } from '../support/claim-helpers.js';
import { ReadModelEnv } from '../support/read-model-env.js';

/**
 * The search index of a read model written before projections had versions: what the claims projection's
 * schema held then, with a row and a checkpoint, as a server of that version left it.
 */
const BEFORE_VERSIONS = `
CREATE TABLE checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position INTEGER NOT NULL);
INSERT INTO checkpoint (id, position) VALUES (1, 40);
CREATE TABLE claims (id TEXT PRIMARY KEY, statement TEXT NOT NULL, seq INTEGER NOT NULL);
INSERT INTO claims VALUES ('clm_old', 'A claim of the old read model', 3);
CREATE VIRTUAL TABLE claim_search USING fts5 (claim_id UNINDEXED, item_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO claim_search VALUES ('clm_old', 'clm_old', 'A claim of the old read model');
CREATE TABLE claim_search_rows (item_id TEXT PRIMARY KEY, search_rowid INTEGER NOT NULL) WITHOUT ROWID;
`;

describe('read-model versions', () => {
  let env: ReadModelEnv;
  beforeEach(() => {
    env = new ReadModelEnv();
  });
  afterEach(async () => {
    await env.close();
  });

  const oldReadModel = (): string => {
    const file = currentReadModelFile(env.dir.path);
    const db = new Database(file);
    db.exec(BEFORE_VERSIONS);
    db.close();
    return file;
  };

  it('empties a read model written before the search index changed, and the projector fills the new one', async () => {
    await importDemo(env.store);
    const file = oldReadModel();
    const before = new Database(file, { readonly: true });
    expect(staleProjections(before, PROJECTIONS)).toEqual(['sources', 'claims']);
    before.close();

    const db = openReadModel(file, PROJECTIONS);
    expect(db.prepare('SELECT position FROM checkpoint').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM claims').pluck().get()).toBe(0);
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'claim_search'").pluck().get()).toMatch(
      /porter unicode61 remove_diacritics 2/,
    );
    expect(staleProjections(db, PROJECTIONS)).toEqual([]);

    const projector = env.projector(db);
    projector.start();
    expect(await projector.waitFor(await env.store.headPosition(), 20_000)).toBe(true);
    await projector.stop();
    // Stemmed: "multipolar" finds the claim that says "multipolarity" as well as the one that says "multipolar".
    const found = new ClaimsQueries(db).list({ search: 'multipolar' }, undefined, 50).items;
    expect(found.map((claim) => claim.statement).join(' | ')).toMatch(/multipolarity/);
    expect(found.map((claim) => claim.statement).join(' | ')).toMatch(/multipolar world order/);
    // Exactly what a read model built fresh holds.
    expect(dumpReadModel(db)).toEqual(await env.freshReplay());
    db.close();
  });

  it('keeps a read model of the current versions as it is when opened again', async () => {
    await importDemo(env.store);
    const file = currentReadModelFile(env.dir.path);
    const db = openReadModel(file, PROJECTIONS);
    const projector = env.projector(db);
    projector.start();
    const head = await env.store.headPosition();
    expect(await projector.waitFor(head, 20_000)).toBe(true);
    await projector.stop();
    const rows = dumpReadModel(db);
    db.close();
    const again = openReadModel(file, PROJECTIONS);
    expect(BigInt(again.prepare('SELECT position FROM checkpoint').pluck().get() as number)).toBe(head);
    expect(dumpReadModel(again)).toEqual(rows);
    again.close();
  });

  it('verify refuses a read model of older versions, saying what to do', async () => {
    await importDemo(env.store);
    oldReadModel();
    await expect(verifyReadModel(env.dir.path, env.store, PROJECTIONS)).rejects.toThrow(
      /older version of sources, claims: start the server .* or run `claimtrail projections rebuild`/,
    );
  });
});
