import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { MIN_SIMILARITY } from '../../src/claims/graphql/claim-query.inputs.js';
import { ClaimsQueries } from '../../src/claims/read-model/claims.queries.js';
import { importDemo } from '../../src/import/demo-import.module.js';
import { projectedReadModel } from '../import/support.js';
import { ReadModelEnv } from '../support/read-model-env.js';

/**
 * similarClaims on the op-ed's 24 claims (the demo import): each claim reworded by hand
 * (test/fixtures/op-ed-paraphrases.json) must find the claim it rewords among the first three, and with
 * the default threshold no other claim may pass for one that says the same thing. The figures are the
 * measurement in docs/decisions/similar-claims.md.
 */

interface Paraphrase {
  readonly statement: string;
  readonly paraphrase: string;
}
const { paraphrases } = JSON.parse(readFileSync('test/fixtures/op-ed-paraphrases.json', 'utf8')) as {
  paraphrases: Paraphrase[];
};

describe('similarClaims on the op-ed', () => {
  const env = new ReadModelEnv();
  let db: Database.Database;
  let queries: ClaimsQueries;
  let sourceId: string;
  let idOf: Map<string, string>;

  beforeAll(async () => {
    await importDemo(env.store);
    db = await projectedReadModel(env);
    queries = new ClaimsQueries(db);
    sourceId = db.prepare('SELECT id FROM sources').pluck().get() as string;
    idOf = new Map(
      (db.prepare('SELECT statement, id FROM claims').raw().all() as Array<[string, string]>).map(
        ([statement, id]) => [statement, id],
      ),
    );
  });
  afterAll(async () => {
    await env.close();
  });

  /** Where each paraphrase's original ranks (1-based; 0: not returned). */
  const ranks = (options: { sourceId: string | null; minSimilarity: number }) =>
    paraphrases.map(({ statement, paraphrase }) => {
      const found = queries.similarClaims(paraphrase, { ...options, first: 3 });
      return found.findIndex((hit) => hit.claim.id === idOf.get(statement)) + 1;
    });

  it('rewords only claims the fixture holds, each once', () => {
    expect(paraphrases).toHaveLength(24);
    expect(new Set(paraphrases.map((item) => item.statement))).toEqual(new Set(idOf.keys()));
  });

  it('finds every reworded claim among the first three, first in each case', () => {
    expect(ranks({ sourceId: null, minSimilarity: 0 })).toEqual(paraphrases.map(() => 1));
    expect(ranks({ sourceId, minSimilarity: MIN_SIMILARITY })).toEqual(paraphrases.map(() => 1));
  });

  it('passes no other claim for one that says the same thing at the default threshold', () => {
    const others = paraphrases.flatMap(({ statement, paraphrase }) =>
      queries
        .similarClaims(paraphrase, { sourceId: null, first: 20, minSimilarity: MIN_SIMILARITY })
        .filter((hit) => hit.claim.id !== idOf.get(statement))
        .map((hit) => `${hit.similarity.toFixed(2)} ${hit.claim.statement}`),
    );
    expect(others).toEqual([]);
  });

  it('measures the overlap of a claim with itself as 1 and marks the shared words', () => {
    const [original] = paraphrases;
    const [hit] = queries.similarClaims(original!.statement, { first: 1, minSimilarity: 0 });
    expect(hit!.similarity).toBe(1);
    expect(hit!.match.field).toBe('STATEMENT');
    expect(hit!.match.snippet).toBe(original!.statement);
    expect(hit!.match.highlights.filter((part) => part.matched).map((part) => part.text)).toContain(
      'Dushanbe',
    );
    expect(hit!.score).toBeGreaterThan(0);
  });

  it('finds nothing for a statement that shares no word with any claim, or only common ones', () => {
    expect(queries.similarClaims('Penguins nest on the ice', { first: 5, minSimilarity: 0 })).toEqual([]);
    expect(queries.similarClaims('and the of it', { first: 5, minSimilarity: 0 })).toEqual([]);
    // Anchored elsewhere: a source with no claims has none to offer.
    expect(
      queries.similarClaims(paraphrases[0]!.paraphrase, { sourceId: 'src_none', first: 5, minSimilarity: 0 }),
    ).toEqual([]);
  });
});
