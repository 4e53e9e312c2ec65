import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ClaimsQueries } from '../../src/claims/read-model/claims.queries.js';
import { importDemo } from '../../src/import/demo-import.module.js';
import { PROJECTIONS } from '../../src/projections.js';
import { openCurrentReadModel, openReadModel } from '../../src/read-model/read-model.database.js';
import { currentReadModelFile } from '../../src/read-model/read-model.files.js';
import { dumpReadModel } from '../support/claim-helpers.js';
import { ReadModelEnv } from '../support/read-model-env.js';

/**
 * A read model written before the search index changed (claim_search with one unstemmed `body` column and
 * no versions recorded) is set aside when the server opens it, and the read model it gets instead holds the
 * new index, filled from the log.
 */
describe('an existing read model gets the new search index', () => {
  let env: ReadModelEnv;
  beforeEach(() => {
    env = new ReadModelEnv();
  });
  afterEach(async () => {
    await env.close();
  });

  it('sets the old index aside, and the projector fills a stemmed one equal to a fresh replay', async () => {
    await importDemo(env.store);
    const old = openReadModel(currentReadModelFile(env.dir.path), PROJECTIONS);
    old.exec(`DROP TABLE claim_search;
      CREATE VIRTUAL TABLE claim_search USING fts5 (claim_id UNINDEXED, item_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2');
      INSERT INTO claim_search VALUES ('clm_old', 'clm_old', 'A claim of the old read model');
      DELETE FROM read_model_meta;
      UPDATE checkpoint SET position = 40;`);
    old.close();

    const reasons: string[] = [];
    const db = openCurrentReadModel(env.dir.path, PROJECTIONS, (reason) => reasons.push(reason));
    expect(reasons).toHaveLength(1);
    expect(db.prepare('SELECT position FROM checkpoint').pluck().get()).toBe(0);
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'claim_search'").pluck().get()).toMatch(
      /statement, quote, evidence, counterpoint, answer,\s+tokenize = 'porter unicode61 remove_diacritics 2'/,
    );
    const projector = env.projector(db);
    projector.start();
    expect(await projector.waitFor(await env.store.headPosition(), 20_000)).toBe(true);
    await projector.stop();
    // Stemmed: "multipolar" finds the claims saying "multipolarity" as well as "multipolar".
    const statements = new ClaimsQueries(db)
      .list({ search: 'multipolar' }, undefined, 50)
      .items.map((claim) => claim.statement)
      .join(' | ');
    expect(statements).toMatch(/multipolarity/);
    expect(statements).toMatch(/multipolar world order/);
    expect(dumpReadModel(db)).toEqual(await env.freshReplay());
    db.close();
  });
});
