import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ClaimsQueries } from '../../src/claims/read-model/claims.queries.js';
import { importDemo } from '../../src/import/demo-import.module.js';
import { PROJECTIONS } from '../../src/projections.js';
import { openReadModelFor } from '../../src/read-model/open-read-model.js';
import { openReadModel } from '../../src/read-model/read-model.database.js';
import { currentReadModelFile } from '../../src/read-model/read-model.files.js';
import { dumpReadModel, memoryLogger } from '../support/claim-helpers.js';
import { ReadModelEnv } from '../support/read-model-env.js';

/**
 * A read model written before the search index changed (claim_search with one unstemmed `body` column and
 * no versions recorded) is not read when the server opens it: it is rebuilt from the log, new index and all.
 */
describe('an existing read model gets the new search index', () => {
  let env: ReadModelEnv;
  beforeEach(() => {
    env = new ReadModelEnv();
  });
  afterEach(async () => {
    await env.close();
  });

  it('rebuilds it with the stemmed index, equal to a fresh replay', async () => {
    await importDemo(env.store);
    const old = openReadModel(currentReadModelFile(env.dir.path), PROJECTIONS);
    old.exec(`DROP TABLE claim_search;
      CREATE VIRTUAL TABLE claim_search USING fts5 (claim_id UNINDEXED, item_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2');
      INSERT INTO claim_search VALUES ('clm_old', 'clm_old', 'A claim of the old read model');
      DELETE FROM read_model_meta;
      UPDATE checkpoint SET position = 40;`);
    old.close();

    const logger = memoryLogger();
    const db = await openReadModelFor(env.dir.path, env.store, PROJECTIONS, logger);
    expect(logger.lines.map((line) => line.message).join('\n')).toMatch(/rebuilding it from the event log/);
    expect(BigInt(db.prepare('SELECT position FROM checkpoint').pluck().get() as number)).toBe(
      await env.store.headPosition(),
    );
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'claim_search'").pluck().get()).toMatch(
      /statement, quote, evidence, counterpoint, answer,\s+tokenize = 'porter unicode61 remove_diacritics 2'/,
    );
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
