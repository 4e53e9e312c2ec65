import { afterAll, describe, expect, it } from '@jest/globals';
import { ok } from './support/http.js';
import { launchServer, spawnServer, tempDataDir, type ServerProcess } from './support/server-process.js';

/**
 * Two server processes on one data directory shared its read model: mutations through the second answered
 * "not in the read model yet" although their events were stored. One server per data directory: a second
 * refuses to start, says why, and touches nothing; the first keeps serving; the lock dies with its holder,
 * even under kill -9.
 */

const PROPOSE =
  'mutation($input: ProposeClaimInput!) { proposeClaim(input: $input) { claim { id } readModelBehind } }';
const COUNT = '{ claims(first: 0) { totalCount } }';

describe('one server per data directory', () => {
  const dir = tempDataDir('one-server');
  const running: ServerProcess[] = [];
  afterAll(async () => {
    await Promise.all(running.map((server) => server.kill()));
    dir.remove();
  });

  it('refuses a second server on the same directory, and frees it when the first is killed', async () => {
    const first = await launchServer({ dataDir: dir.path });
    running.push(first);
    const admin = first.bootstrapToken!;
    const proposed = await ok<{ proposeClaim: { readModelBehind: boolean } }>(
      first.graphqlUrl,
      PROPOSE,
      { input: { statement: 'Central Asia moved from geopolitical object to subject' } },
      admin,
    );
    expect(proposed.proposeClaim.readModelBehind).toBe(false);

    const second = spawnServer({ dataDir: dir.path });
    const refusal = await second.listening.then(
      () => 'listened',
      (error: Error) => error.message,
    );
    expect(refusal).toContain('server exited (1) before listening');
    expect(refusal).toContain(`another Claimtrail server is using the data directory ${dir.path}`);
    expect(refusal).toContain('CLAIMTRAIL_DATA_DIR');

    // The first server was not disturbed: it still reads and writes.
    await ok(
      first.graphqlUrl,
      PROPOSE,
      {
        input: {
          statement: "Moscow's efforts to reestablish its geopolitical influence in the Eurasian region",
        },
      },
      admin,
    );
    const counted = await ok<{ claims: { totalCount: number } }>(first.graphqlUrl, COUNT, {}, admin);
    expect(counted.claims.totalCount).toBe(2);

    // kill -9 leaves no stale lock: the next server starts on the directory and sees both claims.
    await first.kill();
    const next = await launchServer({ dataDir: dir.path });
    running.push(next);
    const after = await ok<{ claims: { totalCount: number } }>(next.graphqlUrl, COUNT, {}, admin);
    expect(after.claims.totalCount).toBe(2);
  }, 90_000);
});
