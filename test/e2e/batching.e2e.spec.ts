import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ClaimsQueries } from '../../src/claims/read-model/claims.queries.js';
import type { StoredEvent } from '../../src/event-sourcing/event-store.js';
import { createLoaders } from '../../src/graphql/loaders.js';
import { PROJECTIONS } from '../../src/projections.js';
import { openReadModel } from '../../src/read-model/read-model.database.js';
import { SourcesQueries } from '../../src/sources/read-model/sources.queries.js';
import { startServer, type TestServer } from '../support/server.js';
import { tempDir } from '../support/temp-dir.js';
import { client, mapLimit, sleep, type Client } from './support/e2e.js';
import { applyDirectly } from '../support/read-model-env.js';

/**
 * No N+1: nested fields of a claim list are batched per kind by the per-request DataLoaders.
 * Over HTTP, the real server runs with a preloaded statement counter (test/e2e/support/sql-counter.mjs)
 * so the number of read-model SELECTs one request makes is measured, not guessed. Below that, the loaders
 * of src/graphql/loaders.ts run over a real read model with counting proxies around the query classes.
 */

const OP_ED = readFileSync('test/fixtures/op-ed.txt', 'utf8');
const N = 100;

const LIST = `query($first: Int) { claims(first: $first, orderBy: { field: CREATED_AT, direction: ASC }) { edges { node {
  id
  relations { kind from { id } to { id } }
  anchor { source { title } }
  evidence { id }
  counterpoints { id }
} } } }`;

interface Listed {
  claims: {
    edges: Array<{
      node: {
        id: string;
        relations: Array<{ kind: string; from: { id: string }; to: { id: string } }>;
        anchor: { source: { title: string } } | null;
        evidence: Array<{ id: string }>;
        counterpoints: Array<{ id: string }>;
      };
    }>;
  };
}

describe('listing claims with their relations over HTTP makes a constant number of read-model queries', () => {
  let server: TestServer;
  let admin: Client;
  let countsFile: string;
  const countsDir = tempDir('sql-counts');
  const made: string[] = [];

  const statements = async (): Promise<{ statements: number; byTable: Record<string, number> }> => {
    await sleep(40); // the counter flushes 5 ms after the last statement
    return JSON.parse(readFileSync(countsFile, 'utf8'));
  };

  /** Runs the query and returns its data and the number of read-model SELECTs it caused. */
  const measured = async <T>(query: string, variables: Record<string, unknown>) => {
    const before = await statements();
    const data = await admin.ok<T>(query, variables);
    const after = await statements();
    const byTable = Object.fromEntries(
      Object.entries(after.byTable).map(([table, count]) => [table, count - (before.byTable[table] ?? 0)]),
    );
    return { data, statements: after.statements - before.statements, byTable };
  };

  beforeAll(async () => {
    const counter = resolve('test/e2e/support/sql-counter.mjs');
    expect(existsSync(counter)).toBe(true);
    countsFile = join(countsDir.path, 'counts.json');
    server = await startServer({
      NODE_OPTIONS: `${process.env['NODE_OPTIONS'] ?? ''} --import=${pathToFileURL(counter).href}`.trim(),
      CLAIMTRAIL_TEST_SQL_COUNTS: countsFile,
    });
    admin = client(server, server.adminToken);
    const sourceId = (
      await admin.ok<{ registerSource: { source: { id: string } } }>(
        'mutation($input: RegisterSourceInput!) { registerSource(input: $input) { source { id } } }',
        {
          input: { title: 'The op-ed', text: OP_ED },
        },
      )
    ).registerSource.source.id;

    const run = (name: string, input: Record<string, unknown>) =>
      admin.ok<Record<string, { claim: { id: string } }>>(
        `mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { claim { id } } }`,
        { input },
      );
    // Created one after the other so the list order (CREATED_AT ASC) is the creation order.
    for (let index = 0; index < N; index++) {
      const input =
        index % 2 === 0
          ? { statement: `Anchored claim ${index}`, sourceId, quote: { exact: 'geopolitical object' } }
          : { statement: `Free claim ${index}` };
      made.push((await run('proposeClaim', input))['proposeClaim']!.claim.id);
    }
    await mapLimit(made, 20, async (claimId, index) => {
      await run('attachEvidence', {
        claimId,
        stance: 'SUPPORTS',
        summary: `Evidence for ${index}`,
        citation: { title: 'Source' },
      });
      await run('raiseCounterpoint', { claimId, text: `Objection to ${index}` });
      await run('linkClaims', {
        fromClaimId: claimId,
        toClaimId: made[(index + 1) % N]!,
        kind: index % 2 === 0 ? 'ATTACKS' : 'SUPPORTS',
      });
    });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    countsDir.remove();
  });

  it(`lists ${N} claims with relations, anchors, evidence and counterpoints correctly`, async () => {
    const { data } = await measured<Listed>(LIST, { first: N });
    const nodes = data.claims.edges.map((edge) => edge.node);
    expect(nodes.map((node) => node.id)).toEqual(made);
    nodes.forEach((node, index) => {
      expect(node.evidence).toHaveLength(1);
      expect(node.counterpoints).toHaveLength(1);
      expect(node.anchor).toEqual(index % 2 === 0 ? { source: { title: 'The op-ed' } } : null);
      const next = made[(index + 1) % N]!;
      const previous = made[(index + N - 1) % N]!;
      expect(node.relations).toEqual(
        expect.arrayContaining([
          { kind: index % 2 === 0 ? 'ATTACKS' : 'SUPPORTS', from: { id: node.id }, to: { id: next } },
          {
            kind: (index + N - 1) % 2 === 0 ? 'ATTACKS' : 'SUPPORTS',
            from: { id: previous },
            to: { id: node.id },
          },
        ]),
      );
      expect(node.relations).toHaveLength(2);
    });
  });

  it('the number of read-model SELECTs does not grow with the number of claims listed', async () => {
    const ten = await measured<Listed>(LIST, { first: 10 });
    const hundred = await measured<Listed>(LIST, { first: N });
    expect(ten.data.claims.edges).toHaveLength(10);
    expect(hundred.data.claims.edges).toHaveLength(N);
    // One page query (no count: totalCount is not asked for), then one batch per kind of nested field
    // (claims for from/to, sources, evidence, counterpoints, relations): a small constant, where N+1 would be
    // hundreds.
    expect(hundred.statements).toBeLessThanOrEqual(10);
    expect(hundred.statements).toBe(ten.statements);
    expect(hundred.byTable['evidence']).toBe(1);
    expect(hundred.byTable['counterpoints']).toBe(1);
    expect(hundred.byTable['relations']).toBe(1);
    expect(hundred.byTable['sources']).toBe(1);
  });

  it('node(id) and claim(id) many times in one request are batched too', async () => {
    const aliases = made
      .slice(0, 25)
      .map((id, index) => `n${index}: node(id: "${id}") { id ... on Claim { evidence { id } } }`)
      .join('\n');
    const { data, byTable } = await measured<Record<string, { id: string; evidence: unknown[] }>>(
      `{ ${aliases} }`,
      {},
    );
    expect(Object.values(data).map((node) => node.id)).toEqual(made.slice(0, 25));
    expect(byTable['evidence']).toBe(1);
    expect(byTable['claims']).toBe(1);
  });
});

describe('loaders (src/graphql/loaders.ts) over a real read model', () => {
  const dir = tempDir('loaders');
  let db: Database.Database;
  const claimIds = Array.from({ length: N }, (_, index) => `clm_01JB${String(index).padStart(22, '0')}`);
  const sourceIds = ['src_01JB0000000000000000000001', 'src_01JB0000000000000000000002'];

  beforeAll(() => {
    db = openReadModel(join(dir.path, 'read-model.db'), PROJECTIONS);
    let position = 0n;
    const versions = new Map<string, number>();
    const events: StoredEvent[] = [];
    const by = { id: 'alice', role: 'ANALYST' as const };
    const at = '2025-10-28T00:00:00.000Z';
    const event = (streamId: string, type: string, data: Record<string, unknown>) => {
      const version = (versions.get(streamId) ?? 0) + 1;
      versions.set(streamId, version);
      events.push({
        eventId: `00000000-0000-5000-8000-${String(++position).padStart(12, '0')}`,
        streamId,
        type,
        version,
        position,
        recordedAt: new Date(at),
        data: { ...data, at, by },
        metadata: { actorId: by.id, actorRole: by.role, occurredAt: at, schemaVersion: 1 },
      } as unknown as StoredEvent);
    };
    for (const [index, sourceId] of sourceIds.entries()) {
      event(`source-${sourceId}`, 'SourceRegistered', {
        sourceId,
        title: `Source ${index}`,
        url: null,
        author: null,
        publisher: null,
        publishedAt: null,
        language: null,
        text: 'some text',
        textHash: null,
      });
    }
    claimIds.forEach((claimId, index) => {
      const sourceId = sourceIds[index % 2]!;
      event(`claim-${claimId}`, 'ClaimProposed', {
        claimId,
        statement: `Claim ${index}`,
        tags: [],
        attributedTo: null,
        note: null,
        anchor: { sourceId, quote: { exact: 'some', prefix: '', suffix: ' text', start: 0, end: 4 } },
      });
    });
    claimIds.forEach((claimId, index) => {
      for (const n of [0, 1]) {
        event(`claim-${claimId}`, 'EvidenceAttached', {
          claimId,
          evidenceId: `evd_01JB${String(index * 2 + n).padStart(22, '0')}`,
          stance: 'SUPPORTS',
          summary: `Evidence ${n} for ${index}`,
          citation: {
            url: null,
            title: 'T',
            publisher: null,
            author: null,
            publishedAt: null,
            accessedAt: null,
            quote: null,
          },
          reliability: null,
        });
      }
      event(`claim-${claimId}`, 'CounterpointRaised', {
        claimId,
        counterpointId: `cpt_01JB${String(index).padStart(22, '0')}`,
        text: `Objection ${index}`,
        citation: null,
      });
      event(`claim-${claimId}`, 'ClaimLinked', {
        claimId,
        toClaimId: claimIds[(index + 1) % N],
        kind: 'ATTACKS',
        rationale: null,
      });
    });
    applyDirectly(db, events);
  });
  afterAll(() => {
    db?.close();
    dir.remove();
  });

  /** Wraps every method of `target` so that each call is counted under its name. */
  const counting = <T extends object>(target: T, calls: Map<string, number>): T =>
    new Proxy(target, {
      get(object, property, receiver) {
        const value = Reflect.get(object, property, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls.set(String(property), (calls.get(String(property)) ?? 0) + 1);
          return (value as (...a: unknown[]) => unknown).apply(object, args);
        };
      },
    });

  it(`loads relations, evidence, counterpoints, claims and sources of ${N} claims with one query per kind`, async () => {
    const calls = new Map<string, number>();
    const loaders = createLoaders({
      claims: counting(new ClaimsQueries(db), calls),
      sources: counting(new SourcesQueries(db), calls),
    });

    // What the resolvers do for `claims { relations { from to } anchor { source } evidence counterpoints }`:
    // every field of every claim asks in the same tick.
    const claims = await Promise.all(claimIds.map((id) => loaders.claim.load(id)));
    const [relations, evidence, counterpoints, sources] = await Promise.all([
      Promise.all(claimIds.map((id) => loaders.relations.load(id))),
      Promise.all(claimIds.map((id) => loaders.evidence.load(id))),
      Promise.all(claimIds.map((id) => loaders.counterpoints.load(id))),
      Promise.all(claims.map((claim) => loaders.source.load(claim!.anchor!.sourceId))),
    ]);
    const ends = await Promise.all(
      relations
        .flat()
        .flatMap((relation) => [loaders.claim.load(relation.fromId), loaders.claim.load(relation.toId)]),
    );

    expect(claims.map((claim) => claim?.id)).toEqual(claimIds);
    expect(relations.every((list) => list.length === 2)).toBe(true);
    expect(relations[0]!.map((relation) => [relation.fromId, relation.toId]).sort()).toEqual(
      [
        [claimIds[0], claimIds[1]],
        [claimIds[N - 1], claimIds[0]],
      ].sort(),
    );
    expect(evidence.every((list) => list.length === 2)).toBe(true);
    expect(evidence[7]!.map((item) => item.summary)).toEqual(['Evidence 0 for 7', 'Evidence 1 for 7']);
    expect(
      counterpoints.every((list, index) => list.length === 1 && list[0]!.text === `Objection ${index}`),
    ).toBe(true);
    expect(sources.map((source) => source?.title)).toEqual(claimIds.map((_, index) => `Source ${index % 2}`));
    expect(ends.every((claim) => claim !== undefined)).toBe(true);

    // One batch per kind; the from/to claims were already loaded, so the claim loader is not asked again.
    expect(Object.fromEntries(calls)).toEqual({
      claimsByIds: 1,
      relationsFor: 1,
      evidenceFor: 1,
      counterpointsFor: 1,
      sourcesByIds: 1,
    });
  });

  it('each createLoaders() is a fresh per-request cache; within one, a key is fetched once', async () => {
    const calls = new Map<string, number>();
    const sources = {
      claims: counting(new ClaimsQueries(db), calls),
      sources: counting(new SourcesQueries(db), calls),
    };
    await Promise.all(claimIds.slice(0, 10).map((id) => createLoaders(sources).evidence.load(id)));
    expect(calls.get('evidenceFor')).toBe(10);
    const shared = createLoaders(sources);
    await Promise.all(claimIds.slice(0, 10).map((id) => shared.evidence.load(id)));
    await Promise.all(claimIds.slice(0, 10).map((id) => shared.evidence.load(id)));
    expect(calls.get('evidenceFor')).toBe(11);
  });

  it('unknown ids load as undefined or empty lists, in the order asked', async () => {
    const loaders = createLoaders({ claims: new ClaimsQueries(db), sources: new SourcesQueries(db) });
    const unknown = 'clm_7ZZZZZZZZZZZZZZZZZZZZZZZZZ';
    const [known, missing] = await Promise.all([
      loaders.claim.load(claimIds[3]!),
      loaders.claim.load(unknown),
    ]);
    expect(known?.id).toBe(claimIds[3]);
    expect(missing).toBeUndefined();
    expect(await loaders.evidence.load(unknown)).toEqual([]);
    expect(await loaders.relations.load(unknown)).toEqual([]);
    expect(await loaders.source.load('src_7ZZZZZZZZZZZZZZZZZZZZZZZZZ')).toBeUndefined();
  });
});
