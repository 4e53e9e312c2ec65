import { beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { gql, startServer } from '../support/server.js';

interface ClaimsPage {
  claims: {
    totalCount: number;
    edges: Array<{
      node: { acceptability: string; status: string; createdBy: { id: string; role: string } };
    }>;
  };
}

const CLAIMS =
  '{ claims(first: 100) { totalCount edges { node { acceptability status createdBy { id role } } } } }';

describe('the demo import on the real server', () => {
  beforeAll(() => {
    if (!existsSync(resolve('dist/main.js')))
      throw new Error('dist/ is missing: run "npm run build" (npm test does)');
  });

  it('imports the op-ed on the first start of an empty store, serves it labelled, and never again', async () => {
    const server = await startServer({ CLAIMTRAIL_DEMO: 'true' });
    try {
      const first = await gql<ClaimsPage>(server.graphqlUrl, CLAIMS, {}, server.adminToken);
      expect(first.errors).toBeUndefined();
      const { totalCount, edges } = first.data!.claims;
      expect(totalCount).toBe(24);
      expect(new Set(edges.map(({ node }) => `${node.createdBy.id}/${node.createdBy.role}`))).toEqual(
        new Set(['demo/EDITOR']),
      );
      // Acceptability is computed before the first request: the op-ed's attacks and open counterpoints defeat some claims.
      expect(edges.some(({ node }) => node.acceptability !== 'IN')).toBe(true);
      expect(edges.filter(({ node }) => node.status === 'ASSESSED').length).toBeGreaterThan(0);

      await server.restart();
      const again = await gql<ClaimsPage>(server.graphqlUrl, CLAIMS, {}, server.adminToken);
      expect(again.data!.claims.totalCount).toBe(24);
    } finally {
      await server.stop();
    }
  });

  it('imports nothing with CLAIMTRAIL_DEMO=false', async () => {
    const server = await startServer(); // the harness sets CLAIMTRAIL_DEMO=false
    try {
      const page = await gql<ClaimsPage>(server.graphqlUrl, CLAIMS, {}, server.adminToken);
      expect(page.data!.claims.totalCount).toBe(0);
    } finally {
      await server.stop();
    }
  });
});
