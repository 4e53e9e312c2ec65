import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { diskFaultSupport, mountExt4, mountTmpfs, type Ext4 } from './support/disk.js';
import { eventsFile, headPosition, integrityCheck, logViolations, readLog } from './support/event-log.js';
import { LEAK, gql, healthStatus, ok, ready, waitReady, type GraphQLResult } from './support/http.js';
import { record } from './support/prng.js';
import { cli, hasVerifyCommand, launchServer, type ServerProcess } from './support/server-process.js';

/**
 * Disk trouble under a running server (research §6 reliability 3): the data dir's filesystem fills up
 * (ENOSPC on a small tmpfs) or turns read-only (ext4 errors=remount-ro after a reported error, as when a
 * disk fails). Mutations must fail with INTERNAL naming storage, append nothing and leave nothing half
 * written; reads and /health keep working; once the fault is cleared writes work again and keyed retries
 * take effect exactly once. Needs root for mount; without it the suites are skipped and say why.
 */

const support = diskFaultSupport();
const PROPOSE =
  'mutation($input: ProposeClaimInput!) { proposeClaim(input: $input) { claim { id version } events { position } } }';
const ATTACH =
  'mutation($input: AttachEvidenceInput!) { attachEvidence(input: $input) { claim { id version } events { position } } }';
const READ =
  'query($id: ID!) { claim(id: $id) { id version evidence { id } } claims(first: 5) { totalCount } }';

type Answer = GraphQLResult<
  Record<string, { claim: { id: string; version: number }; events: Array<{ position: string }> }>
>;

/** The burst of writes each fault meets: keyed proposals and keyed evidence on an existing claim. */
const burst = (url: string, token: string, claimId: string, tag: string): Array<Promise<Answer>> =>
  Array.from({ length: 12 }, (_, index) =>
    index % 2 === 0
      ? gql(
          url,
          PROPOSE,
          {
            input: {
              statement: `Claim ${index} written while the disk ${tag}`,
              idempotencyKey: `${tag}-${index}`,
            },
          },
          token,
        )
      : gql(
          url,
          ATTACH,
          {
            input: {
              claimId,
              stance: 'SUPPORTS',
              summary: `Evidence ${index} written while the disk ${tag} `.padEnd(1500, '.'),
              citation: { title: 'T' },
              idempotencyKey: `${tag}-${index}`,
            },
          },
          token,
        ),
  );

const storageFailure = (answer: Answer, cause: RegExp) => {
  expect(answer.status).toBe(200);
  expect(answer.text).not.toMatch(LEAK);
  expect(answer.errors).toHaveLength(1);
  expect(answer.errors![0]!.extensions?.['code']).toBe('INTERNAL');
  expect(answer.errors![0]!.message).toMatch(/storage/i);
  expect(answer.errors![0]!.message).toMatch(cause);
  expect(Object.values(answer.data ?? {}).filter(Boolean)).toEqual([]);
};

/** Log soundness: integrity, 1..N positions, contiguous streams; and each key (per actor) at most one event. */
const assertSoundLog = (dataDir: string) => {
  expect(integrityCheck(eventsFile(dataDir))).toBe('ok');
  const log = readLog(dataDir);
  expect(logViolations(log)).toEqual([]);
  const keys = log
    .map((row) => `${String(row.metadata['actorId'])}/${String(row.metadata['idempotencyKey'])}`)
    .filter((key) => !key.endsWith('/null'));
  expect(new Set(keys).size).toBe(keys.length);
  return log;
};

/** After the fault: the same keyed burst succeeds, and each key has exactly one event. */
const retryBurstOnce = async (
  server: ServerProcess,
  token: string,
  claimId: string,
  tag: string,
  dataDir: string,
) => {
  const answers = await Promise.all(burst(server.graphqlUrl, token, claimId, tag));
  for (const answer of answers) expect(answer.errors ?? []).toEqual([]);
  const again = await Promise.all(burst(server.graphqlUrl, token, claimId, tag));
  // The repeats append nothing: the same claims, and no events (docs/architecture.md §2, contract: ClaimPayload.events).
  expect(again.map((answer) => Object.values(answer.data!)[0]!.claim.id)).toEqual(
    answers.map((answer) => Object.values(answer.data!)[0]!.claim.id),
  );
  for (const answer of answers) expect(Object.values(answer.data!)[0]!.events).toHaveLength(1);
  for (const answer of again) expect(Object.values(answer.data!)[0]!.events).toEqual([]);
  const log = assertSoundLog(dataDir);
  expect(
    log.filter(
      (row) =>
        typeof row.metadata['idempotencyKey'] === 'string' &&
        String(row.metadata['idempotencyKey']).startsWith(`${tag}-`),
    ),
  ).toHaveLength(12);
};

(support.tmpfs === true ? describe : describe.skip)('the data dir fills up (ENOSPC on a 16 MB tmpfs)', () => {
  let disk: ReturnType<typeof mountTmpfs>;
  let server: ServerProcess;
  let admin: string;

  beforeAll(async () => {
    disk = mountTmpfs(16);
    server = await launchServer({ dataDir: disk.dataDir });
    admin = server.bootstrapToken!;
  }, 60_000);
  afterAll(async () => {
    await server?.kill();
    disk?.clear();
    disk?.unmount();
  });

  it('writes fail with INTERNAL naming storage and append nothing, reads keep working, a crash while full loses nothing, and writes resume once space is freed', async () => {
    const claim = (
      await ok<{ proposeClaim: { claim: { id: string }; events: Array<{ position: string }> } }>(
        server.graphqlUrl,
        PROPOSE,
        { input: { statement: 'Written before the disk filled up' } },
        admin,
      )
    ).proposeClaim;
    const acked = [claim.events[0]!.position];
    for (let index = 0; index < 5; index++) {
      const attached = await ok<{ attachEvidence: { events: Array<{ position: string }> } }>(
        server.graphqlUrl,
        ATTACH,
        {
          input: {
            claimId: claim.claim.id,
            stance: 'SUPPORTS',
            summary: `Evidence ${index} before the disk filled up`,
            citation: { title: 'T' },
          },
        },
        admin,
      );
      acked.push(attached.attachEvidence.events[0]!.position);
    }
    const headBefore = headPosition(disk.dataDir);

    const filled = disk.fill();
    const answers = await Promise.all(burst(server.graphqlUrl, admin, claim.claim.id, 'full'));
    for (const answer of answers) storageFailure(answer, /disk is full/i);
    expect(headPosition(disk.dataDir)).toBe(headBefore);
    assertSoundLog(disk.dataDir);

    const read = await ok<{
      claim: { version: number; evidence: unknown[] };
      claims: { totalCount: number };
    }>(server.graphqlUrl, READ, { id: claim.claim.id }, admin);
    expect(read.claim.version).toBe(6);
    expect(read.claim.evidence).toHaveLength(5);
    expect(await healthStatus(server.url)).toBe(200);
    expect((await ready(server.url)).status).toBe(200);

    // kill -9 while the disk is full, free the space, start again: the log is whole, nothing half written.
    await server.kill();
    disk.clear();
    server = await launchServer({ dataDir: disk.dataDir });
    await waitReady(server.url);
    const log = assertSoundLog(disk.dataDir);
    expect(log).toHaveLength(headBefore);
    for (const position of acked) expect(log[Number(position) - 1]!.streamId).toBe(`claim-${claim.claim.id}`);

    await retryBurstOnce(server, admin, claim.claim.id, 'full', disk.dataDir);
    if (await hasVerifyCommand(disk.dataDir)) expect((await cli(disk.dataDir, 'verify')).code).toBe(0);
    record(
      `disk full: ${filled} filler bytes; ${answers.length} writes refused with "${answers[0]!.errors![0]!.message}"; all ${answers.length} keyed retries applied once after freeing space`,
    );
  }, 90_000);
});

(support.ext4 === true ? describe : describe.skip)(
  'the data dir turns read-only (ext4, errors=remount-ro)',
  () => {
    let disk: Ext4;
    let server: ServerProcess;
    let admin: string;

    beforeAll(async () => {
      disk = mountExt4(32);
      server = await launchServer({ dataDir: disk.dataDir });
      admin = server.bootstrapToken!;
    }, 60_000);
    afterAll(async () => {
      await server?.kill();
      disk?.unmount();
    });

    it('writes fail with INTERNAL naming storage, reads keep working, and after repair and restart every acknowledged write is there and writes work', async () => {
      const claim = (
        await ok<{ proposeClaim: { claim: { id: string }; events: Array<{ position: string }> } }>(
          server.graphqlUrl,
          PROPOSE,
          { input: { statement: 'Written before the disk failed' } },
          admin,
        )
      ).proposeClaim;
      const acked = [claim.events[0]!.position];
      for (let index = 0; index < 5; index++) {
        const attached = await ok<{ attachEvidence: { events: Array<{ position: string }> } }>(
          server.graphqlUrl,
          ATTACH,
          {
            input: {
              claimId: claim.claim.id,
              stance: 'UNDERMINES',
              summary: `Evidence ${index} before the disk failed`,
              citation: { url: 'https://example.org' },
            },
          },
          admin,
        );
        acked.push(attached.attachEvidence.events[0]!.position);
      }
      const headBefore = headPosition(disk.dataDir);

      disk.failReadOnly('claimtrail reliability test: injected disk failure');
      expect(disk.isReadOnly()).toBe(true);
      const answers = await Promise.all(burst(server.graphqlUrl, admin, claim.claim.id, 'read-only'));
      for (const answer of answers) storageFailure(answer, /I\/O error|read-?only/i);
      const read = await ok<{ claim: { version: number; evidence: unknown[] } }>(
        server.graphqlUrl,
        READ,
        { id: claim.claim.id },
        admin,
      );
      expect(read.claim.version).toBe(6);
      expect(await healthStatus(server.url)).toBe(200);

      // The fault clears the way it does for an operator: stop the server, fsck, mount, start again.
      await server.kill();
      const fsck = disk.repair();
      server = await launchServer({ dataDir: disk.dataDir });
      await waitReady(server.url);
      const log = assertSoundLog(disk.dataDir);
      expect(log).toHaveLength(headBefore);
      for (const position of acked)
        expect(log[Number(position) - 1]!.streamId).toBe(`claim-${claim.claim.id}`);
      await retryBurstOnce(server, admin, claim.claim.id, 'read-only', disk.dataDir);
      if (await hasVerifyCommand(disk.dataDir)) expect((await cli(disk.dataDir, 'verify')).code).toBe(0);
      record(
        `disk read-only: writes refused with "${answers[0]!.errors![0]!.message}"; e2fsck: ${fsck.trim().split('\n').at(-1)}`,
      );
    }, 90_000);
  },
);

describe('disk fault support on this machine', () => {
  it('is reported', () => {
    record(
      `disk faults: tmpfs ENOSPC ${support.tmpfs === true ? 'run' : `skipped (${support.tmpfs})`}; ext4 read-only ${support.ext4 === true ? 'run' : `skipped (${support.ext4})`}`,
    );
    expect(support).toBeDefined();
  });
});
