import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { claimDecider } from '../../src/claims/domain/claim.decider.js';
import { handleCommand } from '../../src/event-sourcing/handle-command.js';
import { newId } from '../../src/event-sourcing/ids.js';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import { PROJECTIONS } from '../../src/projections.js';
import { openReadModel } from '../../src/read-model/read-model.database.js';
import { currentReadModelFile, currentReadModelName } from '../../src/read-model/read-model.files.js';
import { rebuildReadModel, replayInto, verifyReadModel } from '../../src/read-model/rebuild.js';
import { gql, startServer } from '../support/server.js';
import { tempDir } from '../support/temp-dir.js';

const analyst = { id: 'alice', role: 'ANALYST' as const };

const proposeSome = async (store: SqliteEventStore, count: number) => {
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const claimId = newId('claim');
    ids.push(claimId);
    await handleCommand(store, `claim-${claimId}`, claimDecider, {
      type: 'ProposeClaim',
      data: { claimId, statement: `claim number ${index}`, tags: ['rebuild'] },
      metadata: { actor: analyst, now: new Date().toISOString() },
    });
  }
  return ids;
};

describe('rebuild and verify', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: SqliteEventStore;

  beforeEach(() => {
    dir = tempDir('rebuild');
    store = SqliteEventStore.open({ file: join(dir.path, 'events.db') });
  });
  afterEach(async () => {
    await store.close();
    dir.remove();
  });

  it('builds a new generation, points the data dir at it, and it equals the live one', async () => {
    await proposeSome(store, 25);
    const live = openReadModel(currentReadModelFile(dir.path), PROJECTIONS);
    await replayInto(live, store, PROJECTIONS);
    live.close();
    expect(currentReadModelName(dir.path)).toBe('read-model.db');

    const { file, position } = await rebuildReadModel(dir.path, store, PROJECTIONS);
    expect(position).toBe(await store.headPosition());
    expect(currentReadModelFile(dir.path)).toBe(file);
    expect(existsSync(`${file}-wal`)).toBe(false); // one self-contained file, never a renamed WAL database
    const rebuilt = new Database(file, { readonly: true });
    expect(rebuilt.prepare('SELECT count(*) FROM claims').pluck().get()).toBe(25);
    rebuilt.close();
    expect((await verifyReadModel(dir.path, store, PROJECTIONS)).differences).toEqual([]);
  });

  it('reports a read model that differs from a fresh replay', async () => {
    const [first] = await proposeSome(store, 3);
    const live = openReadModel(currentReadModelFile(dir.path), PROJECTIONS);
    await replayInto(live, store, PROJECTIONS);
    live.prepare("UPDATE claims SET statement = 'tampered' WHERE id = ?").run(first);
    live.prepare('DELETE FROM claim_tags WHERE claim_id = ?').run(first);
    live.close();
    const report = await verifyReadModel(dir.path, store, PROJECTIONS);
    expect(
      report.differences.some((line) => line.startsWith('claims: live only') && line.includes('tampered')),
    ).toBe(true);
    expect(
      report.differences.some((line) => line.startsWith('claim_tags: 2 rows live, 3 in a fresh replay')),
    ).toBe(true);
  });
});

describe('rebuild while the server runs (CLI beside the server)', () => {
  it('keeps answering, swaps to the new generation, and keeps projecting into it', async () => {
    const server = await startServer();
    try {
      const cli = (...args: string[]) =>
        spawnSync(process.execPath, ['bin/claimtrail.js', ...args], {
          env: { ...process.env, CLAIMTRAIL_DATA_DIR: server.dataDir },
          encoding: 'utf8',
        });
      const propose = (statement: string) =>
        gql<{ proposeClaim: { claim: { id: string } } }>(
          server.graphqlUrl,
          'mutation($input: ProposeClaimInput!) { proposeClaim(input: $input) { claim { id } } }',
          { input: { statement } },
          server.adminToken,
        );
      for (let index = 0; index < 5; index++) await propose(`before the rebuild ${index}`);
      expect(currentReadModelName(server.dataDir)).toBe('read-model.db');

      const rebuild = cli('projections', 'rebuild');
      expect(rebuild.status).toBe(0);
      expect(rebuild.stderr).toMatch(/rebuilt the read model up to position \d+/);
      const generation = currentReadModelName(server.dataDir);
      expect(generation).toMatch(/^read-model-\d+\.db$/);

      // The server notices the pointer within its poll and swaps; the old generation is removed.
      const deadline = Date.now() + 10_000;
      while (existsSync(join(server.dataDir, 'read-model.db')) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 200));
      expect(existsSync(join(server.dataDir, 'read-model.db'))).toBe(false);

      const after = await propose('after the rebuild');
      expect(after.errors).toBeUndefined();
      const count = await gql<{ claims: { totalCount: number } }>(
        server.graphqlUrl,
        '{ claims { totalCount } }',
        {},
        server.adminToken,
      );
      expect(count.data?.claims.totalCount).toBe(6);
      const verify = cli('verify');
      expect(verify.stdout).toMatch(/read model verified/);
      expect(verify.status).toBe(0);
    } finally {
      await server.stop();
    }
  });
});
