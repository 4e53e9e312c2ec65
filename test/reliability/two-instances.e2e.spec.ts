import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { adminQuery, databaseUrl, describeWithPostgres } from '../support/postgres.js';
import { startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster.js';
import { gql, ready, waitFor, waitReady } from './support/http.js';
import { launchServer, sleep, tempDataDir, type ServerProcess } from './support/server-process.js';
import { attachEvidence, burst, claimOn, cliWith, proposeClaim } from './support/two-instances.js';

/**
 * Two Claimtrail processes (their own ports and read-model dirs) on one PostgreSQL database: what running
 * beyond one machine asks of the store. The cluster is this spec's own, because it is stopped and started
 * again below while the shared one serves the other suites.
 */
describeWithPostgres('two instances on one PostgreSQL store', () => {
  let cluster: PostgresCluster;
  let storeEnv: Record<string, string>;
  const dirs = [tempDataDir('instance-a'), tempDataDir('instance-b')];
  const servers: ServerProcess[] = [];
  let token: string;
  let claimId: string;
  const [a, b] = [() => servers[0]!, () => servers[1]!];
  const envOf = (index: number) => ({ ...storeEnv, CLAIMTRAIL_DATA_DIR: dirs[index]!.path });
  const launch = (index: number) => launchServer({ dataDir: dirs[index]!.path, env: storeEnv });

  /** Waits until both read models show the claim at the store's version, then returns both views. */
  const converged = async (timeoutMs = 15_000) => {
    const [row] = await adminQuery<{ version: number }>(
      storeEnv['DATABASE_URL']!,
      'SELECT max(version) AS version FROM claimtrail_events WHERE stream_id = $1',
      [`claim-${claimId}`],
    );
    const version = row!.version;
    return waitFor(
      `both read models at version ${version}`,
      async () => {
        const views = await Promise.all([claimOn(a(), token, claimId), claimOn(b(), token, claimId)]);
        return views.every((view) => view.version === version) ? views : undefined;
      },
      timeoutMs,
      50,
    );
  };
  const summariesOn = (view: { evidence: ReadonlyArray<{ summary: string }> }) =>
    new Set(view.evidence.map((item) => item.summary));
  const verifyBoth = async () => {
    for (const index of [0, 1]) {
      const outcome = await cliWith(envOf(index), 'verify');
      expect({ index, code: outcome.code, stderr: outcome.stderr.slice(-500) }).toMatchObject({
        index,
        code: 0,
      });
      expect(outcome.stdout).toMatch(/read model verified/);
    }
  };

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    await adminQuery(cluster.url, 'CREATE DATABASE claimtrail');
    storeEnv = { CLAIMTRAIL_EVENT_STORE: 'postgres', DATABASE_URL: databaseUrl(cluster.url, 'claimtrail') };
    servers.push(await launch(0));
    token = servers[0]!.bootstrapToken!;
    expect(token).toMatch(/^ct_/);
    servers.push(await launch(1));
    // The second instance found the store already set up: no second ADMIN token.
    expect(servers[1]!.bootstrapToken).toBeUndefined();
  }, 90_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await cluster?.remove();
    for (const dir of dirs) dir.remove();
  });

  it('takes writes through both instances, and each read model shows both', async () => {
    claimId = await proposeClaim(a(), token, 'Central Asia moved from geopolitical object to subject');
    const attached = await attachEvidence(b(), token, claimId, 'through b');
    expect(attached.data?.attachEvidence.claim.version).toBe(2);
    const [onA, onB] = await converged();
    expect(summariesOn(onA)).toEqual(new Set(['through b']));
    expect(onB).toEqual(onA);
  });

  it('a token granted or revoked through the CLI works, then stops, on both instances within a second', async () => {
    const granted = await cliWith(envOf(0), 'token', 'create', '--actor', 'ana', '--role', 'ANALYST');
    const analystToken = granted.stdout.trim();
    expect(analystToken).toMatch(/^ct_/);
    const viewer = (server: ServerProcess) =>
      gql<{ viewer: { id: string } }>(server.graphqlUrl, '{ viewer { id } }', {}, analystToken);
    const within = async (what: string, holds: (server: ServerProcess) => Promise<boolean>) => {
      const started = performance.now();
      await waitFor(
        what,
        async () => ((await holds(a())) && (await holds(b())) ? true : undefined),
        1_000,
        20,
      );
      return performance.now() - started;
    };
    await within('the token on both', async (server) => (await viewer(server)).data?.viewer.id === 'ana');
    const listed = await cliWith(envOf(1), 'token', 'list');
    const tokenId = /^(tok_\S+)\s+ana\b/m.exec(listed.stdout)?.[1];
    expect(tokenId).toBeDefined();
    expect((await cliWith(envOf(1), 'token', 'revoke', tokenId!)).code).toBe(0);
    await within(
      'the revocation on both',
      async (server) => (await viewer(server)).errors?.[0]?.extensions?.['code'] === 'UNAUTHENTICATED',
    );
  });

  it('32 concurrent writers on one claim without expectedVersion, through both instances: all land', async () => {
    const before = (await claimOn(a(), token, claimId)).version;
    const results = await Promise.all(
      Array.from({ length: 32 }, (_, index) =>
        attachEvidence(index % 2 ? b() : a(), token, claimId, `concurrent ${index}`),
      ),
    );
    expect(results.filter((result) => result.errors)).toEqual([]);
    const [onA, onB] = await converged();
    expect(onA.version).toBe(before + 32);
    for (let index = 0; index < 32; index++) expect(summariesOn(onA).has(`concurrent ${index}`)).toBe(true);
    expect(onB).toEqual(onA);
  });

  it('32 writers with the same (soon stale) expectedVersion through both instances: exactly one wins', async () => {
    const version = (await claimOn(a(), token, claimId)).version;
    const results = await Promise.all(
      Array.from({ length: 32 }, (_, index) =>
        attachEvidence(index % 2 ? a() : b(), token, claimId, `expected ${index}`, version),
      ),
    );
    expect(results.filter((result) => result.data?.attachEvidence)).toHaveLength(1);
    const conflicts = results.filter((result) => result.errors?.[0]?.extensions?.['code'] === 'CONFLICT');
    expect(conflicts).toHaveLength(31);
    for (const conflict of conflicts)
      expect(conflict.errors![0]!.extensions!['currentVersion']).toBe(version + 1);
    const [onA] = await converged();
    expect(onA.version).toBe(version + 1);
  });

  it('each read model, and claimtrail verify on each, agree with the log', async () => {
    await converged();
    await verifyBoth();
  });

  it('kill -9 of one instance mid-burst: the other serves on, nothing acknowledged is lost, the killed one catches up', async () => {
    const load = burst({
      writers: 8,
      target: (index) => (index % 2 ? b() : a()),
      token,
      claimId,
      label: 'kill',
      limit: 400,
    });
    await waitFor('40 acknowledged', async () => (load.acknowledged.length >= 40 ? true : undefined), 20_000);
    await b().kill();
    const atKill = load.acknowledged.length;
    await waitFor(
      'the survivor to go on',
      async () => (load.acknowledged.length >= atKill + 40 ? true : undefined),
      20_000,
    );
    await load.stop();
    expect(load.failed.length).toBeGreaterThan(0); // the writers aimed at the killed instance got no answer
    servers[1] = await launch(1);
    await waitReady(b().url);
    const [onA, onB] = await converged();
    const stored = summariesOn(onA);
    expect(load.acknowledged.filter((summary) => !stored.has(summary))).toEqual([]);
    expect(onB).toEqual(onA);
    await verifyBoth();
  }, 90_000);

  it('PostgreSQL restarted under load: both report not ready meanwhile, reconnect, and lose nothing acknowledged', async () => {
    const load = burst({
      writers: 6,
      target: (index) => (index % 2 ? b() : a()),
      token,
      claimId,
      label: 'restart',
      limit: 2_000,
    });
    await waitFor('20 acknowledged', async () => (load.acknowledged.length >= 20 ? true : undefined), 20_000);
    await cluster.stop();
    const sawNotReady = await Promise.all(
      [a(), b()].map((server) =>
        waitFor(
          '/ready 503',
          async () => ((await ready(server.url)).status === 503 ? true : undefined),
          10_000,
          50,
        ),
      ),
    );
    expect(sawNotReady).toEqual([true, true]);
    const body = (await ready(a().url)).body as { status?: string };
    expect(body.status).toBe('store-unavailable');
    await sleep(1_000);
    const duringOutage = load.acknowledged.length;
    await cluster.start();
    await Promise.all([waitReady(a().url), waitReady(b().url)]);
    await waitFor(
      'writes to work again',
      async () => (load.acknowledged.length >= duringOutage + 20 ? true : undefined),
      30_000,
    );
    await load.stop();
    const [onA, onB] = await converged(30_000);
    const stored = summariesOn(onA);
    expect(load.acknowledged.filter((summary) => !stored.has(summary))).toEqual([]);
    expect(onB).toEqual(onA);
    await verifyBoth();
  }, 120_000);
});
