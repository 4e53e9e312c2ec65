import { afterEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { codeOf, gql, ok, ready, waitReady } from './support/http.js';
import { launchServer, tempDataDir, type ServerProcess } from './support/server-process.js';

/**
 * A damaged read model (issue 15, Medium). The log is the source of truth and the read model is derived
 * from it: damaged so that it cannot be opened, the server says which file at start and rebuilds it from
 * the log; damaged where only a query finds it, /ready says so while the server runs, with the fix.
 */

const PROPOSE = 'mutation($input: ProposeClaimInput!) { proposeClaim(input: $input) { claim { id } } }';

/** The current read-model file of a data dir (read-model.current names it; read-model.db without one). */
const readModelFile = (dataDir: string): string => {
  const pointer = join(dataDir, 'read-model.current');
  return join(dataDir, existsSync(pointer) ? readFileSync(pointer, 'utf8').trim() : 'read-model.db');
};

/** Writes `bytes` of garbage at `offset` of `file`. */
const scribble = (file: string, offset: number, bytes: number): void => {
  const descriptor = openSync(file, 'r+');
  try {
    writeSync(descriptor, Buffer.alloc(bytes, 0xa5), 0, bytes, offset);
  } finally {
    closeSync(descriptor);
  }
};

describe('a damaged read model', () => {
  const dirs: Array<ReturnType<typeof tempDataDir>> = [];
  let server: ServerProcess | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    for (const dir of dirs.splice(0)) dir.remove();
  });

  /** A data dir with one claim, its server stopped (so the read model is checkpointed into its file). */
  const withOneClaim = async (label: string) => {
    const dir = tempDataDir(label);
    dirs.push(dir);
    const first = await launchServer({ dataDir: dir.path });
    const token = first.bootstrapToken!;
    const claimId = (
      await ok<{ proposeClaim: { claim: { id: string } } }>(
        first.graphqlUrl,
        PROPOSE,
        { input: { statement: 'Central Asia became a geopolitical subject' } },
        token,
      )
    ).proposeClaim.claim.id;
    await waitReady(first.url);
    await first.stop();
    return { dir, token, claimId };
  };

  it('that cannot be opened is named at start, set aside, and rebuilt from the log', async () => {
    const { dir, token, claimId } = await withOneClaim('damaged-header');
    const file = readModelFile(dir.path);
    scribble(file, 0, 100);

    server = await launchServer({ dataDir: dir.path });
    expect(server.output()).toContain(file);
    expect(server.output()).toMatch(/rebuil\w+ from the event log/);
    await waitReady(server.url);
    const answer = await gql<{ claim: { id: string; statement: string } | null }>(
      server.graphqlUrl,
      'query($id: ID!) { claim(id: $id) { id statement } }',
      { id: claimId },
      token,
    );
    expect(answer.data?.claim).toEqual({
      id: claimId,
      statement: 'Central Asia became a geopolitical subject',
    });
    // The damaged file is kept beside the new one, for whoever wants to look at it.
    expect(readdirSync(dir.path).some((name) => name.includes('damaged'))).toBe(true);
  }, 90_000);

  it('that only a query finds is reported on /ready while the server runs, with the fix', async () => {
    const { dir, token } = await withOneClaim('damaged-table');
    const file = readModelFile(dir.path);
    const db = new Database(file, { readonly: true });
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const root = db
      .prepare("SELECT rootpage FROM sqlite_master WHERE name = 'claims'")
      .pluck()
      .get() as number;
    db.close();
    scribble(file, (root - 1) * pageSize, pageSize);

    server = await launchServer({ dataDir: dir.path });
    const before = await ready(server.url);
    const answer = await gql(server.graphqlUrl, '{ claims(first: 5) { edges { node { id } } } }', {}, token);
    expect(codeOf(answer)).toBe('INTERNAL');
    const after = await ready(server.url);
    expect({ before: before.status, after: after.status }).toEqual({ before: 200, after: 503 });
    const body = after.body as {
      status?: string;
      readModel?: { file?: string; problem?: string; fix?: string };
    };
    expect(body.status).toBe('read-model-damaged');
    expect(body.readModel?.file).toBe(file);
    expect(body.readModel?.problem).toMatch(/malformed|not a database/);
    expect(body.readModel?.fix).toMatch(/claimtrail projections rebuild/);
  }, 90_000);
});
