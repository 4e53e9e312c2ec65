import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bundleSchemaValidator } from '../../src/import/bundle.js';
import type { JsonObject } from '../../src/import/json-schema.js';
import { gql, startServer, type TestServer } from '../support/server.js';
import { parseArgdown } from './support/argdown.js';
import { claimtrail, tokenFor } from './support/cli.js';

/** The /export/* endpoints of the real server (built dist/), with the op-ed imported on first start. */

const ENDPOINTS = ['claims.ndjson', 'aif.json', 'argdown', 'claimreview.jsonld', 'bundle.json'] as const;
const UNKNOWN_SOURCE = 'src_01K8Z7W3YV7T7K0M6S9Q2X4B5N';

const get = async (server: TestServer, path: string, token?: string) => {
  const response = await fetch(`${server.url}${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
};

describe('HTTP exports', () => {
  let server: TestServer;
  let viewer: string;
  let claimCount: number;
  let sourceId: string;

  beforeAll(async () => {
    server = await startServer({ CLAIMTRAIL_DEMO: 'true' });
    viewer = await tokenFor(server.dataDir, server.graphqlUrl, 'vera', 'viewer');
    const { data } = await gql<{
      claims: { totalCount: number };
      sources: { edges: Array<{ node: { id: string } }> };
    }>(
      server.graphqlUrl,
      '{ claims(first: 1) { totalCount } sources(first: 1) { edges { node { id } } } }',
      {},
      viewer,
    );
    claimCount = data!.claims.totalCount;
    sourceId = data!.sources.edges[0]!.node.id;
    expect(claimCount).toBe(24); // the op-ed bundle
  }, 60_000);
  afterAll(() => server?.stop());

  it.each(ENDPOINTS)(
    '/export/%s refuses a request without a token: 401 with a JSON error',
    async (endpoint) => {
      const response = await get(server, `/export/${endpoint}`);
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(JSON.parse(response.text)).toEqual({
        error: { code: 'UNAUTHENTICATED', message: expect.stringMatching(/bearer token/) },
      });
    },
  );

  it('refuses a malformed and an unknown token alike, never echoing it', async () => {
    const unknown = `ct_${'A'.repeat(43)}`;
    for (const token of ['nonsense', unknown]) {
      const response = await get(server, '/export/claims.ndjson', token);
      expect(response.status).toBe(401);
      expect(JSON.parse(response.text).error.code).toBe('UNAUTHENTICATED');
      expect(response.text).not.toContain(unknown.slice(3));
    }
  });

  it('streams claims.ndjson to a viewer: one line per claim, chunked, as NDJSON', async () => {
    const response = await get(server, '/export/claims.ndjson', viewer);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(response.headers.get('transfer-encoding')).toBe('chunked'); // streamed: no length known up front
    expect(response.headers.get('content-length')).toBeNull();
    const rows = response.text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows).toHaveLength(claimCount);
    expect(rows[0]).toMatchObject({
      attributed_to: 'Zeynep Gizem Özpınar',
      source_id: sourceId,
      created_by_id: 'demo',
      created_by_role: 'EDITOR',
    });
    expect(response.headers.get('claimtrail-export-contents')).toBe(`${claimCount} claims`);
  });

  it('names every download with its extension (the Argdown one *.argdown) and says what it holds', async () => {
    const expected: Record<string, [string, string]> = {
      'claims.ndjson': ['claimtrail-claims.ndjson', '24 claims'],
      'aif.json': ['claimtrail-aif.json', '45 I-nodes (24 claims, 8 counterpoints, 13 evidence items)'],
      argdown: ['claimtrail.argdown', '32 statements (24 claims, 8 counterpoints)'],
      'claimreview.jsonld': ['claimtrail-claimreview.jsonld', '4 reviews'],
      'bundle.json': [
        'claimtrail-bundle.json',
        '24 claims, 13 evidence items, 8 counterpoints, 23 relations, 4 assessments',
      ],
      'audit.ndjson': ['claimtrail-audit.ndjson', ''],
    };
    for (const [endpoint, [filename, contents]] of Object.entries(expected)) {
      const response = await get(server, `/export/${endpoint}`, viewer);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${filename}"`);
      if (contents) expect(response.headers.get('claimtrail-export-contents')).toBe(contents);
    }
    // Without CLAIMTRAIL_PUBLIC_URL the reviews lack a property Google requires, and the response says so.
    const reviews = await get(server, '/export/claimreview.jsonld', viewer);
    expect(reviews.headers.get('claimtrail-export-notes')).toMatch(
      /ClaimReview\.url, which Google requires, is left out of every review: set CLAIMTRAIL_PUBLIC_URL/,
    );
    const argdown = await get(server, '/export/argdown', viewer);
    expect(argdown.headers.get('claimtrail-export-notes')).toBe(
      '13 evidence items not written: Argdown has no place for them (the AIF export and the bundle carry them)',
    );
  });

  it('serves every format to a viewer, each readable by its own tools', async () => {
    const [aif, argdown, claimReview, bundle] = await Promise.all(
      ['aif.json', 'argdown', 'claimreview.jsonld', 'bundle.json'].map((endpoint) =>
        get(server, `/export/${endpoint}`, viewer),
      ),
    );
    expect(aif!.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(
      (JSON.parse(aif!.text).nodes as Array<{ type: string }>).filter((node) => node.type === 'I'),
    ).toHaveLength(24 + 8 + 13); // claims, counterpoints, evidence
    expect(argdown!.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(parseArgdown(argdown!.text)).toMatchObject({ errors: [], statements: 24 + 8 });
    expect(claimReview!.headers.get('content-type')).toBe('application/ld+json; charset=utf-8');
    expect(JSON.parse(claimReview!.text)['@graph']).toHaveLength(4); // the op-ed's four assessments
    expect(bundleSchemaValidator().validate(JSON.parse(bundle!.text) as JsonObject)).toEqual([]);
    expect(bundle!.headers.get('content-disposition')).toBe('attachment; filename="claimtrail-bundle.json"');
  });

  it('limits an export to one source with ?sourceId=, and says what is wrong with a bad one', async () => {
    const scoped = await get(server, `/export/claims.ndjson?sourceId=${sourceId}`, viewer);
    expect(scoped.text.trimEnd().split('\n')).toHaveLength(claimCount);
    const missing = await get(server, `/export/aif.json?sourceId=${UNKNOWN_SOURCE}`, viewer);
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.text)).toEqual({
      error: { code: 'NOT_FOUND', message: `no source with id ${UNKNOWN_SOURCE}` },
    });
    const malformed = await get(server, '/export/argdown?sourceId=daily-sabah', viewer);
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.text)).toEqual({
      error: { code: 'BAD_USER_INPUT', message: 'sourceId must be a source id (src_…)', field: 'sourceId' },
    });
    const misspelt = await get(server, `/export/claims.ndjson?source=${sourceId}`, viewer);
    expect(misspelt.status).toBe(400);
    expect(JSON.parse(misspelt.text).error.message).toMatch(/unknown parameter "source"/);
  });

  it('gives the same export as `claimtrail export`, which reads the read model while the server runs', async () => {
    for (const [format, endpoint] of [
      ['ndjson', 'claims.ndjson'],
      ['bundle', 'bundle.json'],
      ['argdown', 'argdown'],
      ['claimreview', 'claimreview.jsonld'],
    ] as const) {
      const [http, cli] = await Promise.all([
        get(server, `/export/${endpoint}`, viewer),
        claimtrail(server.dataDir, 'export', '--format', format),
      ]);
      expect(cli.code).toBe(0);
      expect(cli.stdout).toBe(http.text);
      // What it really wrote, in the words the HTTP response uses too ("4 reviews", not "24 claims").
      const contents = http.headers.get('claimtrail-export-contents')!;
      expect(cli.stderr.split('\n')[0]).toMatch(
        new RegExp(`^claimtrail: exported ${contents.replace(/[()]/g, '\\$&')} as ${format} \\(`),
      );
    }
    const reviews = await claimtrail(server.dataDir, 'export', '--format', 'claimreview');
    expect(reviews.stderr).toMatch(/^claimtrail: exported 4 reviews as claimreview \(/);
    expect(reviews.stderr).toContain(
      'claimtrail: note: ClaimReview.url, which Google requires, is left out of every review: set CLAIMTRAIL_PUBLIC_URL',
    );
  });
});

describe('HTTP exports with CLAIMTRAIL_ANONYMOUS_READ=true', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ CLAIMTRAIL_ANONYMOUS_READ: 'true' });
  }, 60_000);
  afterAll(() => server?.stop());

  it('serves a request without a token, but still refuses a bad one', async () => {
    const anonymous = await get(server, '/export/claims.ndjson');
    expect(anonymous.status).toBe(200);
    expect(anonymous.text).toBe(''); // an empty store: no claims, no lines
    const aif = await get(server, '/export/aif.json');
    expect(JSON.parse(aif.text)).toEqual({ nodes: [], edges: [], locutions: [] });
    const bad = await get(server, '/export/claims.ndjson', `ct_${'B'.repeat(43)}`);
    expect(bad.status).toBe(401);
  });
});
