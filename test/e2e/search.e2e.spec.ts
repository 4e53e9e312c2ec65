import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { gql, startServer, type TestServer } from '../support/server.js';

/**
 * Search over HTTP on the real server with the demo op-ed: what a person types, the edge's match,
 * sources by their text, and similar claims for a statement being written.
 */

const { paraphrases } = JSON.parse(readFileSync('test/fixtures/op-ed-paraphrases.json', 'utf8')) as {
  paraphrases: Array<{ statement: string; paraphrase: string }>;
};

interface Match {
  field: string;
  itemId: string;
  score: number | null;
  snippet: string;
  highlights: Array<{ text: string; matched: boolean }>;
}

describe('search on the real server', () => {
  let server: TestServer;
  const ask = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const response = await gql<T>(server.graphqlUrl, query, variables, server.adminToken);
    expect(response.errors).toBeUndefined();
    return response.data!;
  };

  beforeAll(async () => {
    server = await startServer({ CLAIMTRAIL_DEMO: 'true' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const CLAIMS = `query($search: String) {
    claims(first: 5, filter: { search: $search }) {
      totalCount
      edges { node { id statement } match { field itemId score snippet highlights { text matched } } }
    }
  }`;
  type Claims = {
    claims: { totalCount: number; edges: Array<{ node: { id: string; statement: string }; match: Match }> };
  };

  it("finds `re-establish` and `Moscow's` in the op-ed's claims, best match first, with where they matched", async () => {
    const { claims } = await ask<Claims>(CLAIMS, { search: "Moscow's re-establish" });
    expect(claims.totalCount).toBeGreaterThan(0);
    const [best] = claims.edges;
    expect(best!.node.statement).toMatch(/Moscow's .*re-establish/);
    expect(best!.match.field).toBe('STATEMENT');
    expect(best!.match.itemId).toBe(best!.node.id);
    expect(best!.match.highlights.filter((part) => part.matched).map((part) => part.text)).toEqual(
      expect.arrayContaining(["Moscow's", 're-establish']),
    );
    const scores = claims.edges.map((edge) => edge.match.score!);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('finds a claim through its evidence, its counterpoint or its answer, naming which', async () => {
    const fields = new Set<string>();
    for (const search of ['communiqué', 'Türkiye', 'legitimacy', 'pragmatic', 'multipolarity']) {
      const { claims } = await ask<Claims>(CLAIMS, { search });
      for (const edge of claims.edges) {
        fields.add(edge.match.field);
        expect(edge.match.snippet).toBe(edge.match.highlights.map((part) => part.text).join(''));
      }
    }
    expect(fields.size).toBeGreaterThan(1);
  });

  it('searches sources by their text', async () => {
    const { sources } = await ask<{
      sources: { totalCount: number; edges: Array<{ node: { title: string }; match: Match }> };
    }>(
      `{ sources(filter: { search: "Dushanbe, the capital of Tajikistan" }) {
          totalCount edges { node { title } match { field snippet highlights { text matched } } } } }`,
    );
    expect(sources.totalCount).toBe(1);
    expect(sources.edges[0]!.match.field).toBe('TEXT');
    expect(
      sources.edges[0]!.match.highlights.filter((part) => part.matched).map((part) => part.text),
    ).toEqual(expect.arrayContaining(['Dushanbe', 'Tajikistan']));
    const none = await ask<{ sources: { totalCount: number } }>(
      '{ sources(filter: { search: "penguin" }) { totalCount } }',
    );
    expect(none.sources.totalCount).toBe(0);
  });

  it('says which claims already say something like a statement being written', async () => {
    const SIMILAR = `query($statement: String!, $sourceId: ID) {
      similarClaims(statement: $statement, sourceId: $sourceId) {
        similarity score claim { id statement } match { field highlights { text matched } }
      }
    }`;
    const sourceId = (
      await ask<{ sources: { edges: Array<{ node: { id: string } }> } }>(
        '{ sources { edges { node { id } } } }',
      )
    ).sources.edges[0]!.node.id;
    for (const { statement, paraphrase } of paraphrases.slice(0, 6)) {
      const { similarClaims } = await ask<{
        similarClaims: Array<{ similarity: number; claim: { statement: string }; match: Match }>;
      }>(SIMILAR, { statement: paraphrase, sourceId });
      expect(similarClaims[0]!.claim.statement).toBe(statement);
      expect(similarClaims[0]!.similarity).toBeGreaterThanOrEqual(0.4);
      expect(similarClaims[0]!.match.field).toBe('STATEMENT');
    }
    const unrelated = await ask<{ similarClaims: unknown[] }>(SIMILAR, {
      statement: 'Penguins nest on the ice',
    });
    expect(unrelated.similarClaims).toEqual([]);
  });
});
