import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { headPosition } from './support/event-log.js';
import { codeOf, gql, LEAK, ok, post, type GraphQLResult } from './support/http.js';
import { record } from './support/prng.js';
import { launchServer, tempDataDir, type ServerProcess } from './support/server-process.js';

/**
 * Responses the static estimate cannot see (issue 15, High 3): lists whose length only the data knows, large
 * leaves, and the size of the answer. A 1 MB source (the op-ed, padded with spaces to 1,000,000 characters)
 * anchors 300 claims whose statements are 2,000-character windows of the op-ed; 30 of them, tagged
 * `clique`, are linked each to each. Every answer over a limit must be BAD_USER_INPUT naming the limit,
 * with `data: null`, small, and the server must stay up with the log unmoved.
 */

const OP_ED = readFileSync('test/fixtures/op-ed.txt', 'utf8');
const SOURCE_TEXT = OP_ED + ' '.repeat(1_000_000 - OP_ED.length);
const QUOTE = 'geopolitical influence in the Eurasian region';
const CLAIMS = 300;
const CLIQUE = 30;

const statementOf = (index: number) => {
  const start = (index * 41) % (OP_ED.length - 2100);
  return OP_ED.slice(start, start + 2000).trim();
};

const pool = async <T>(count: number, limit: number, work: (index: number) => Promise<T>): Promise<T[]> => {
  const results: T[] = new Array<T>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < count) {
        const index = next++;
        results[index] = await work(index);
      }
    }),
  );
  return results;
};

describe('responses the estimate cannot see', () => {
  const dir = tempDataDir('hostile-responses');
  let server: ServerProcess;
  let token: string;
  let sourceId: string;
  let head: number;
  const tried: Record<string, number> = {};

  beforeAll(async () => {
    server = await launchServer({ dataDir: dir.path, env: { CLAIMTRAIL_SYNC: 'NORMAL' } });
    token = server.bootstrapToken!;
    expect(OP_ED.split(QUOTE).length).toBe(2);
    sourceId = (
      await ok<{ registerSource: { source: { id: string } } }>(
        server.graphqlUrl,
        'mutation($input: RegisterSourceInput!) { registerSource(input: $input) { source { id } } }',
        { input: { title: 'Central Asia op-ed, padded to 1 MB', text: SOURCE_TEXT } },
        token,
      )
    ).registerSource.source.id;
    const ids = await pool(CLAIMS, 8, async (index) => {
      const data = await ok<{ proposeClaim: { claim: { id: string } } }>(
        server.graphqlUrl,
        'mutation($input: ProposeClaimInput!) { proposeClaim(input: $input) { claim { id } } }',
        {
          input: {
            statement: statementOf(index),
            sourceId,
            quote: { exact: QUOTE },
            tags: index < CLIQUE ? ['clique'] : [],
          },
        },
        token,
      );
      return data.proposeClaim.claim.id;
    });
    const pairs = ids
      .slice(0, CLIQUE)
      .flatMap((from, index) => ids.slice(index + 1, CLIQUE).map((to) => [from, to] as const));
    await pool(pairs.length, 8, async (index) =>
      ok(
        server.graphqlUrl,
        'mutation($input: LinkClaimsInput!) { linkClaims(input: $input) { claim { id } } }',
        { input: { fromClaimId: pairs[index]![0], toClaimId: pairs[index]![1], kind: 'SUPPORTS' } },
        token,
      ),
    );
    head = headPosition(dir.path);
  }, 180_000);
  afterAll(async () => {
    for (const [attack, times] of Object.entries(tried))
      record(`hostile responses: ${attack}: ${times} tried`);
    await server?.stop();
    dir.remove();
  });

  const refused = async (
    attack: string,
    query: string,
    limit: string,
    headers: Record<string, string> = {},
  ): Promise<GraphQLResult> => {
    tried[attack] = (tried[attack] ?? 0) + 1;
    const answer = await post(server.graphqlUrl, JSON.stringify({ query }), {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      ...headers,
    });
    expect({ code: codeOf(answer), limit: answer.errors?.[0]?.extensions?.['limit'] }).toEqual({
      code: 'BAD_USER_INPUT',
      limit,
    });
    expect(answer.data ?? null).toBeNull();
    expect(answer.text.length).toBeLessThan(100_000);
    expect(answer.text).not.toMatch(LEAK);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect(headPosition(dir.path)).toBe(head);
    return answer;
  };

  it('argumentGraph is charged for every claim it returns: 300 × the 1 MB text', async () => {
    const answer = await refused(
      'argumentGraph { nodes { anchor { source { text } } } }, 300 claims on a 1 MB source',
      '{ argumentGraph { nodes { anchor { source { text } } } } }',
      'cost',
    );
    expect(answer.errors?.[0]?.message).toMatch(/300/);
  }, 90_000);

  it('the same graph without the text is answered: the charge is what the nodes cost', async () => {
    const answer = await gql<{ argumentGraph: { nodes: unknown[] } }>(
      server.graphqlUrl,
      '{ argumentGraph { nodes { id anchor { source { id } } } } }',
      {},
      token,
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.argumentGraph.nodes).toHaveLength(CLAIMS);
  });

  it('large leaves count against the response size as they are resolved: 20 × source.text', async () => {
    const aliases = Array.from({ length: 20 }, (_, index) => `t${index}: source(id: "${sourceId}") { text }`);
    await refused('20 aliases of a 1 MB source.text', `{ ${aliases.join(' ')} }`, 'responseBytes');
  }, 90_000);

  it('a list longer than the estimate counts its rows: relations of relations in a 30-claim clique', async () => {
    // 30 claims × 29 relations, each of whose ends has 29 relations again: 26,100 rows.
    await refused(
      'relations of relations in a 30-claim clique',
      '{ claims(first: 30, filter: { tags: ["clique"] }) { edges { node { relations { from { relations { kind } } } } } } }',
      'rows',
    );
  }, 90_000);

  it('the serialized answer is capped: 300 claims × 30 aliases of a 2,000-character statement', async () => {
    const statements = Array.from({ length: 30 }, (_, index) => `s${index}: statement`).join(' ');
    await refused(
      '300 claims × 30 statement aliases (18 MB)',
      `{ claims(first: ${CLAIMS}) { edges { node { ${statements} } } } }`,
      'responseBytes',
    );
    // Compressed or not: the cap is on the answer, before it is compressed.
    await refused(
      '300 claims × 30 statement aliases, gzip asked for',
      `{ claims(first: ${CLAIMS}) { edges { node { ${statements} } } } }`,
      'responseBytes',
      { 'accept-encoding': 'gzip' },
    );
  }, 90_000);
});
