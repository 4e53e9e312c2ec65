import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { gql, startServer, type TestServer } from '../support/server.js';
import { tokenFor } from '../export/support/cli.js';

/** examples/claimtrail_client.py (standard library only) against the real server with the op-ed imported. */

const CLIENT = resolve('examples/claimtrail_client.py');

const python = (...args: string[]) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((done, fail) => {
    const child = spawn('python3', [CLIENT, ...args], { env: { PATH: process.env['PATH'] ?? '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });

describe('examples/claimtrail_client.py', () => {
  let server: TestServer;
  let viewer: string;

  beforeAll(async () => {
    server = await startServer({ CLAIMTRAIL_DEMO: 'true' });
    viewer = await tokenFor(server.dataDir, server.graphqlUrl, 'vera', 'viewer');
  }, 60_000);
  afterAll(() => server?.stop());

  it('prints the report: viewer, every claim by cursor paging, the audit trail, a claim then and now, the export', async () => {
    const run = await python('--url', server.url, '--token', viewer, '--page-size', '10');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    const { data } = await gql<{
      claims: { edges: Array<{ node: { id: string; status: string } }> };
      auditTrail: { totalCount: number; edges: Array<{ node: { position: string; summary: string } }> };
    }>(
      server.graphqlUrl,
      '{ claims(first: 100, orderBy: { field: CREATED_AT, direction: ASC }) { edges { node { id status } } } auditTrail(first: 5) { totalCount edges { node { position summary } } } }',
      {},
      viewer,
    );
    const statuses = new Map<string, number>();
    for (const { node } of data!.claims.edges)
      statuses.set(node.status, (statuses.get(node.status) ?? 0) + 1);
    const byStatus = [...statuses]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([status, count]) => `${status} ${count}`)
      .join(', ');
    const first = data!.claims.edges[0]!.node;
    const lines = run.stdout.split('\n');

    expect(lines.slice(0, 4)).toEqual([
      `Claimtrail at ${server.url}`,
      'viewer: vera (VIEWER)',
      'claims: 24 read in 3 pages of up to 10 (totalCount 24)',
      `  by status: ${byStatus}`,
    ]);
    expect(lines[4]).toMatch(/^ {2}by acceptability: IN \d+, OUT \d+$/);
    expect(lines[5]).toBe('first audit entries (newest first): 5');
    expect(lines.slice(6, 11)).toEqual(
      data!.auditTrail.edges.map(({ node }) =>
        expect.stringMatching(
          new RegExp(
            `^ {2}#${node.position} \\S+ demo: ${node.summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`,
          ),
        ),
      ),
    );
    expect(lines[11]).toMatch(
      new RegExp(`^claim ${first.id} now: version \\d+, ${first.status}, (IN|OUT|UNDECIDED)$`),
    );
    // The demo was imported a moment ago: a week ago the claim did not exist (or time travel is not served).
    expect(lines[12]).toMatch(
      /^ {2}as of \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00: (did not exist yet|note: this server does not serve claim\(asOf:\) yet)$/,
    );
    expect(lines.slice(13)).toEqual(['NDJSON export: 24 lines', '']);
  });

  it('says what is wrong with a bad token, on stderr with exit 1', async () => {
    const run = await python('--url', server.url, '--token', `ct_${'C'.repeat(43)}`);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('claimtrail_client: UNAUTHENTICATED: the bearer token is not recognised\n');
  });

  it('says when the server cannot be reached', async () => {
    const run = await python('--url', 'http://127.0.0.1:9', '--token', viewer);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^claimtrail_client: cannot reach http:\/\/127\.0\.0\.1:9: /);
  });
});
