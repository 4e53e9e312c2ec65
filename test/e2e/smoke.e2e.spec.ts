import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gql, startServer, type TestServer } from '../support/server.js';
import { noteSkippedPostgres, STORE_KINDS } from '../support/store-places.js';

noteSkippedPostgres('server smoke');

/** On each event store: the embedded SQLite file, and PostgreSQL when a test server is set. */
describe.each(STORE_KINDS)('server smoke (%s event store)', (store) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({}, { store });
  });
  afterAll(() => server.stop());

  it('answers /health, /ready and /graphql, and serves GraphiQL', async () => {
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect((await fetch(`${server.url}/ready`)).status).toBe(200);
    expect((await fetch(`${server.url}/graphiql`)).status).toBe(200);
    const viewer = await gql<{ viewer: { id: string; role: string } }>(
      server.graphqlUrl,
      '{ viewer { id role } }',
      {},
      server.adminToken,
    );
    expect(viewer.data?.viewer).toEqual({ id: 'admin', role: 'ADMIN' });
  });

  it('keeps a proposed claim across a restart', async () => {
    const proposed = await gql<{ proposeClaim: { claim: { id: string } } }>(
      server.graphqlUrl,
      'mutation($input: ProposeClaimInput!) { proposeClaim(input: $input) { claim { id } } }',
      { input: { statement: 'Central Asia moved from geopolitical object to subject' } },
      server.adminToken,
    );
    const id = proposed.data!.proposeClaim.claim.id;
    await server.restart();
    const found = await gql<{ claim: { statement: string } }>(
      server.graphqlUrl,
      'query($id: ID!) { claim(id: $id) { statement } }',
      { id },
      server.adminToken,
    );
    expect(found.data?.claim.statement).toBe('Central Asia moved from geopolitical object to subject');
  });
});
