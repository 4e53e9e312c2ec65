import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { gql, type GraphQLResult } from './http.js';
import { sleep, type CliOutcome, type ServerProcess } from './server-process.js';

/** Helpers of the two-instances spec: one claim written through both instances, the CLI on the shared store. */

const BIN = resolve('bin/claimtrail.js');

/** `bin/claimtrail.js …` with a data dir and the shared store's settings. */
export const cliWith = (env: Record<string, string>, ...args: string[]): Promise<CliOutcome> =>
  new Promise((done) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, ...env }, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });

export interface ClaimView {
  readonly id: string;
  readonly version: number;
  readonly evidence: ReadonlyArray<{ id: string; summary: string }>;
}

const CLAIM = 'query($id: ID!) { claim(id: $id) { id version evidence { id summary } } }';

export const claimOn = async (server: ServerProcess, token: string, id: string): Promise<ClaimView> => {
  const result = await gql<{ claim: ClaimView }>(server.graphqlUrl, CLAIM, { id }, token);
  if (!result.data?.claim) throw new Error(`claim ${id} not readable: ${result.text.slice(0, 300)}`);
  return result.data.claim;
};

const ATTACH = `mutation($input: AttachEvidenceInput!) {
  attachEvidence(input: $input) { claim { id version } }
}`;

export const attachEvidence = (
  server: ServerProcess,
  token: string,
  claimId: string,
  summary: string,
  expectedVersion?: number,
): Promise<GraphQLResult<{ attachEvidence: { claim: { id: string; version: number } } }>> =>
  gql(
    server.graphqlUrl,
    ATTACH,
    {
      input: {
        claimId,
        stance: 'SUPPORTS',
        summary,
        citation: { title: 'Dushanbe summit communique' },
        ...(expectedVersion === undefined ? {} : { expectedVersion }),
      },
    },
    token,
  );

export const proposeClaim = async (
  server: ServerProcess,
  token: string,
  statement: string,
): Promise<string> => {
  const result = await gql<{ proposeClaim: { claim: { id: string } } }>(
    server.graphqlUrl,
    'mutation($input: ProposeClaimInput!) { proposeClaim(input: $input) { claim { id } } }',
    { input: { statement } },
    token,
  );
  if (!result.data?.proposeClaim) throw new Error(`proposeClaim failed: ${result.text.slice(0, 300)}`);
  return result.data.proposeClaim.claim.id;
};

/**
 * Writers that attach evidence in a loop, each to the instance `target(index)` names at that moment,
 * until stopped; a request that fails (an instance killed, the database away) is not acknowledged and is
 * not retried under the same summary. Acknowledged = answered with data.
 */
export const burst = (options: {
  readonly writers: number;
  readonly target: (writer: number) => ServerProcess;
  readonly token: string;
  readonly claimId: string;
  readonly label: string;
  readonly limit: number;
}) => {
  const acknowledged: string[] = [];
  const failed: string[] = [];
  let sent = 0;
  let stopped = false;
  const writer = async (index: number) => {
    while (!stopped && sent < options.limit) {
      const summary = `${options.label} ${sent++}`;
      try {
        const result = await attachEvidence(options.target(index), options.token, options.claimId, summary);
        if (result.data?.attachEvidence) acknowledged.push(summary);
        else failed.push(summary);
      } catch {
        failed.push(summary);
        await sleep(20);
      }
    }
  };
  const done = Promise.all(Array.from({ length: options.writers }, (_, index) => writer(index)));
  return {
    acknowledged,
    failed,
    stop: async () => {
      stopped = true;
      await done;
    },
    done,
  };
};
