import { execFile } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { resolve } from 'node:path';
import { gql } from '../../support/server.js';

/** `bin/claimtrail.js` run as a user runs it (built dist/), against one data dir. */

const BIN = resolve('bin/claimtrail.js');

export interface CliOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export const claimtrail = (dataDir: string, ...args: string[]): Promise<CliOutcome> =>
  new Promise((done) => {
    // Only what the CLI needs: an inherited CLAIMTRAIL_EVENT_STORE must not point the test elsewhere.
    const env = { PATH: process.env['PATH'] ?? '', CLAIMTRAIL_DATA_DIR: dataDir };
    execFile(
      process.execPath,
      [BIN, ...args],
      { env, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });

/** A token made by `claimtrail token create`, once the running server at `graphqlUrl` accepts it. */
export const tokenFor = async (
  dataDir: string,
  graphqlUrl: string,
  actor: string,
  role: string,
): Promise<string> => {
  const created = await claimtrail(dataDir, 'token', 'create', '--actor', actor, '--role', role);
  if (created.code !== 0) throw new Error(`token create failed: ${created.stderr}`);
  const token = created.stdout.trim();
  for (let attempt = 0; attempt < 100; attempt++) {
    const response = await gql<{ viewer: { id: string } }>(graphqlUrl, '{ viewer { id } }', {}, token);
    if (response.data?.viewer?.id === actor) return token;
    await sleep(50);
  }
  throw new Error(`the server never accepted the token of ${actor}`);
};
