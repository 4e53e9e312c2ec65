import { afterEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { currentReadModelFile } from '../../src/read-model/read-model.files.js';
import { gql, waitReady } from '../reliability/support/http.js';
import { launchServer, tempDataDir, type ServerProcess } from '../reliability/support/server-process.js';
import { cliWith } from '../reliability/support/two-instances.js';
import { adminQuery, freshDatabase, TEST_DATABASE_URL, type TestDatabase } from '../support/postgres.js';
import { noteSkippedPostgres, STORE_KINDS } from '../support/store-places.js';

noteSkippedPostgres('read model bound to its event store');

const PROPOSE = 'mutation($input: ProposeClaimInput!) { proposeClaim(input: $input) { claim { id } } }';
const CLAIMS = '{ claims(first: 50) { edges { node { id statement } } } }';

/**
 * A read model kept while its event store is recreated at the same address (a new SQLite file in the data
 * dir; a database dropped and created again under the same URL): its checkpoint belongs to the old log.
 */
describe.each(STORE_KINDS)('read model bound to its event store (%s)', (kind) => {
  const dir = tempDataDir(`identity-${kind}`);
  let database: TestDatabase | undefined;
  let server: ServerProcess | undefined;
  afterEach(async () => {
    await server?.stop();
    await database?.drop();
    dir.remove();
  });

  const recreateStore = async () => {
    if (kind === 'sqlite') {
      for (const suffix of ['', '-wal', '-shm'])
        rmSync(join(dir.path, `events.db${suffix}`), { force: true });
      return;
    }
    await adminQuery(TEST_DATABASE_URL!, `DROP DATABASE ${database!.name} WITH (FORCE)`);
    await adminQuery(TEST_DATABASE_URL!, `CREATE DATABASE ${database!.name}`);
  };

  it('is rebuilt from the new store at start, instead of skipping its events up to the old checkpoint', async () => {
    database = kind === 'postgres' ? await freshDatabase('identity') : undefined;
    const env: Record<string, string> = database
      ? { CLAIMTRAIL_EVENT_STORE: 'postgres', DATABASE_URL: database.url }
      : {};
    server = await launchServer({ dataDir: dir.path, env });
    const oldToken = server.bootstrapToken!;
    for (const statement of ['First claim of the old store', 'Second claim of the old store']) {
      const proposed = await gql(server.graphqlUrl, PROPOSE, { input: { statement } }, oldToken);
      expect(proposed.errors).toBeUndefined();
    }
    await server.stop();

    await recreateStore();
    if (kind === 'postgres') {
      // The recreated database is a store (empty, with its own id): verify names the mismatch.
      const verified = await cliWith({ ...env, CLAIMTRAIL_DATA_DIR: dir.path }, 'verify');
      expect(verified.code).toBe(1);
      expect(verified.stdout).toMatch(/was built from event store \S+, not from the configured store/);
    }
    server = await launchServer({ dataDir: dir.path, env });
    const newToken = server.bootstrapToken!;
    expect(newToken).toMatch(/^ct_/);
    await waitReady(server.url);
    // The new store's first events (the ADMIN grant) sit below the old checkpoint: read from it on, the
    // read model would never learn the new token, and would go on showing the old claims.
    const claims = await gql<{ claims: { edges: unknown[] } }>(server.graphqlUrl, CLAIMS, {}, newToken);
    expect(claims.errors).toBeUndefined();
    expect(claims.data!.claims.edges).toEqual([]);
    const rejected = await gql(server.graphqlUrl, '{ viewer { id } }', {}, oldToken);
    expect(rejected.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(server.output()).toMatch(
      /built from another event store \(.*\); rebuilding it from the event log/,
    );

    // The rebuilt read model remembers the new store: the next start keeps it.
    const proposed = await gql(server.graphqlUrl, PROPOSE, { input: { statement: 'New store' } }, newToken);
    expect(proposed.errors).toBeUndefined();
    const file = currentReadModelFile(dir.path);
    await server.stop();
    server = await launchServer({ dataDir: dir.path, env });
    expect(server.output()).not.toMatch(/built from another event store/);
    expect(currentReadModelFile(dir.path)).toBe(file);
    const after = await gql<{ claims: { edges: Array<{ node: { statement: string } }> } }>(
      server.graphqlUrl,
      CLAIMS,
      {},
      newToken,
    );
    expect(after.data!.claims.edges.map((edge) => edge.node.statement)).toEqual(['New store']);
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT store_id FROM checkpoint').pluck().get()).toEqual(expect.any(String));
    db.close();
  }, 90_000);
});
