import { afterAll, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gql, waitReady } from '../reliability/support/http.js';
import { launchServer, tempDataDir, type ServerProcess } from '../reliability/support/server-process.js';
import { cliWith } from '../reliability/support/two-instances.js';
import { describeWithPostgres, freshDatabase, type TestDatabase } from '../support/postgres.js';

const CLAIMS = `{ claims(first: 100) { edges { node {
  id statement status version acceptability tags createdAt updatedAt createdBy { id role }
  evidence { id stance summary } relations { kind from { id } to { id } }
} } } }`;

/**
 * The op-ed demo moved from SQLite to PostgreSQL and back with `claimtrail backup` / `restore`, through
 * the real CLI and servers: the three backups are the same bytes, and a server on each copy answers as
 * the original did, its read model verified.
 */
describeWithPostgres('claimtrail backup / restore: SQLite → PostgreSQL → SQLite', () => {
  const dirs = {
    original: tempDataDir('backup-original'),
    postgres: tempDataDir('backup-pg'),
    copy: tempDataDir('backup-copy'),
  };
  const files = tempDataDir('backup-files');
  let database: TestDatabase;
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await database?.drop();
    for (const dir of [...Object.values(dirs), files]) dir.remove();
  });

  const claimsOf = async (server: ServerProcess, token: string) => {
    const result = await gql<{ claims: { edges: unknown[] } }>(server.graphqlUrl, CLAIMS, {}, token);
    expect(result.errors).toBeUndefined();
    return result.data!.claims.edges;
  };

  it('keeps every byte of the log, and the servers on the copies answer as the original', async () => {
    // The original: a SQLite store with the op-ed demo imported on first start.
    const original = await launchServer({ dataDir: dirs.original.path, env: { CLAIMTRAIL_DEMO: 'true' } });
    servers.push(original);
    const token = original.bootstrapToken!;
    await waitReady(original.url);
    const expected = await claimsOf(original, token);
    expect(expected.length).toBeGreaterThan(5);

    database = await freshDatabase('backup');
    const sqlite = (dir: { path: string }) => ({ CLAIMTRAIL_DATA_DIR: dir.path });
    const postgres = {
      ...sqlite(dirs.postgres),
      CLAIMTRAIL_EVENT_STORE: 'postgres',
      DATABASE_URL: database.url,
    };
    const file = (name: string) => join(files.path, name);

    // From a running store: the original server keeps serving.
    const first = await cliWith(sqlite(dirs.original), 'backup', '--out', file('1-sqlite.ndjson'));
    expect({ code: first.code, stderr: first.stderr }).toMatchObject({
      code: 0,
      stderr: expect.stringMatching(/backed up \d+ events from the sqlite store/),
    });
    const restoredPg = await cliWith(postgres, 'restore', file('1-sqlite.ndjson'));
    expect(restoredPg.code).toBe(0);
    expect(restoredPg.stderr).toMatch(/restoring: 100%/);
    expect(restoredPg.stderr).toMatch(/restored (\d+) of \1 events into the postgres store/);
    expect((await cliWith(postgres, 'backup', '--out', file('2-postgres.ndjson'))).code).toBe(0);
    // A new data dir: without --init the CLI refuses to create a store there.
    const refused = await cliWith(sqlite(dirs.copy), 'restore', file('2-postgres.ndjson'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/no event store at .*--init/);
    expect((await cliWith(sqlite(dirs.copy), 'restore', file('2-postgres.ndjson'), '--init')).code).toBe(0);
    expect((await cliWith(sqlite(dirs.copy), 'backup', '--out', file('3-sqlite.ndjson'))).code).toBe(0);

    const bytes = ['1-sqlite', '2-postgres', '3-sqlite'].map((name) => readFileSync(file(`${name}.ndjson`)));
    expect(bytes[1]!.equals(bytes[0]!)).toBe(true);
    expect(bytes[2]!.equals(bytes[0]!)).toBe(true);
    // Restoring the same file again finds all of it there (a finished restore) and writes nothing.
    const again = await cliWith(postgres, 'restore', file('1-sqlite.ndjson'));
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/restored 0 of (\d+) events .*\(\1 were there from an earlier run\)/);

    // Servers on the copies: the same claims (ids, times, labels), the same tokens, verified read models.
    for (const [dir, env] of [
      [dirs.postgres, { CLAIMTRAIL_EVENT_STORE: 'postgres', DATABASE_URL: database.url }],
      [dirs.copy, {}],
    ] as const) {
      const server = await launchServer({ dataDir: dir.path, env });
      servers.push(server);
      expect(server.bootstrapToken).toBeUndefined(); // the restored store holds the original's tokens
      await waitReady(server.url);
      expect(await claimsOf(server, token)).toEqual(expected);
      const verified = await cliWith({ ...env, CLAIMTRAIL_DATA_DIR: dir.path }, 'verify');
      expect({ code: verified.code, stdout: verified.stdout }).toMatchObject({
        code: 0,
        stdout: expect.stringMatching(/read model verified/),
      });
    }
  }, 120_000);
});
