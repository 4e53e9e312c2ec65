import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir } from '../support/temp-dir.js';

// Runs the real executable, as a user would; `npm test` builds dist/ first.
const BIN = resolve('bin/claimtrail.js');
const TOKEN_LINE = /^ct_[A-Za-z0-9_-]{43}\n$/;

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

describe('claimtrail CLI (spawned, against a temp data dir)', () => {
  let dir: ReturnType<typeof tempDir>;

  const claimtrailWith =
    (extraEnv: Record<string, string>) =>
    (...args: string[]): Promise<Outcome> =>
      new Promise((done) => {
        // Only what the CLI needs: an inherited CLAIMTRAIL_EVENT_STORE must not point the test elsewhere.
        const env = { PATH: process.env['PATH'] ?? '', CLAIMTRAIL_DATA_DIR: dir.path, ...extraEnv };
        execFile(process.execPath, [BIN, ...args], { env, timeout: 20_000 }, (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
          done({ code, stdout, stderr });
        });
      });
  const claimtrail = claimtrailWith({});

  beforeAll(() => {
    if (!existsSync(resolve('dist/cli/main.js')))
      throw new Error('dist/ is missing: run "npm run build" (npm test does)');
    dir = tempDir('cli');
  });
  afterAll(() => dir.remove());

  it('creates, lists and revokes a token', async () => {
    const created = await claimtrail('token', 'create', '--actor', 'alice', '--role', 'analyst', '--init');
    expect(created).toMatchObject({ code: 0 });
    expect(created.stdout).toMatch(TOKEN_LINE);
    expect(created.stderr).toMatch(/granted tok_[0-9A-Z]{26} to alice as ANALYST/);
    expect(created.stderr).not.toContain(created.stdout.trim());
    expect(existsSync(join(dir.path, 'events.db'))).toBe(true);

    const listed = await claimtrail('token', 'list');
    expect(listed.code).toBe(0);
    const lines = listed.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^TOKEN ID\s+ACTOR\s+ROLE\s+STATUS/);
    const alice = lines.find((line) => /\balice\b/.test(line));
    expect(alice).toMatch(/^(tok_[0-9A-Z]{26})\s+alice\s+ANALYST\s+active\s/);
    expect(listed.stdout).not.toContain(created.stdout.trim());
    expect(listed.stdout).not.toMatch(/[0-9a-f]{64}/); // no hashes

    const tokenId = /^(tok_\S+)/.exec(alice!)![1]!;
    const revoked = await claimtrail('token', 'revoke', tokenId, '--reason', 'rotated');
    expect(revoked).toEqual({ code: 0, stdout: '', stderr: `claimtrail: revoked ${tokenId}\n` });
    expect((await claimtrail('token', 'list')).stdout).toMatch(
      new RegExp(`${tokenId}\\s+alice\\s+ANALYST\\s+revoked\\s`),
    );

    const again = await claimtrail('token', 'revoke', tokenId);
    expect(again).toEqual({
      code: 1,
      stdout: '',
      stderr: `claimtrail: token ${tokenId} is already revoked\n`,
    });
  });

  it('rejects an unknown role as a usage error (exit 2) and grants nothing', async () => {
    const before = (await claimtrail('token', 'list')).stdout;
    const outcome = await claimtrail('token', 'create', '--actor', 'bob', '--role', 'superuser');
    expect(outcome.code).toBe(2);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toMatch(
      /^claimtrail: --role must be one of VIEWER, ANALYST, EDITOR, ADMIN, not "superuser".*\n$/,
    );
    expect(outcome.stderr.split('\n')).toHaveLength(2); // one line
    expect((await claimtrail('token', 'list')).stdout).toBe(before);
  });

  it.each([
    [['token', 'create', '--role', 'viewer'], /needs --actor/],
    [['token', 'create', '--actor', 'cli', '--role', 'admin'], /reserved/],
    [['token', 'revoke'], /exactly one TOKEN_ID/],
    [['token', 'frobnicate'], /unknown token subcommand/],
    [['launch'], /unknown command "launch"/],
  ])('%j is a usage error with a one-line message', async (args, message) => {
    const outcome = await claimtrail(...args);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/^claimtrail: [^\n]+\n$/);
    expect(outcome.stderr).toMatch(message);
  });

  it('never echoes a token pasted where a token id belongs', async () => {
    const { stdout: token } = await claimtrail('token', 'create', '--actor', 'carol', '--role', 'VIEWER');
    const outcome = await claimtrail('token', 'revoke', token.trim());
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).not.toContain(token.trim().slice(3));
  });

  it('fails with exit 1 and one line when the store cannot be opened', async () => {
    const outcome = await claimtrailWith({ CLAIMTRAIL_SYNC: 'SOMETIMES' })('token', 'list');
    expect(outcome).toEqual({
      code: 1,
      stdout: '',
      stderr: 'claimtrail: CLAIMTRAIL_SYNC must be FULL or NORMAL, not "SOMETIMES"\n',
    });
  });

  it('prints help on stdout with exit 0', async () => {
    const usage = (await claimtrail('help', 'token')).stdout;
    expect(usage).toContain('claimtrail token create --actor ID --role ROLE [--init]');
    const outcome = await claimtrail('help');
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toMatch(/token\s+create, list and revoke bearer tokens/);
    expect((await claimtrail('help', 'token')).stdout).toContain(
      'claimtrail token create --actor ID --role ROLE',
    );
  });

  describe('without a store where it looks', () => {
    let elsewhere: ReturnType<typeof tempDir>;
    beforeEach(() => {
      elsewhere = tempDir('cli-elsewhere');
    });
    afterEach(() => elsewhere.remove());

    /** The CLI run in another folder, as a newcomer runs it: no CLAIMTRAIL_DATA_DIR, so ./data there. */
    const inFolder = (folder: string, ...args: string[]): Promise<Outcome> =>
      new Promise((done) => {
        execFile(
          process.execPath,
          [BIN, ...args],
          { cwd: folder, env: { PATH: process.env['PATH'] ?? '' }, timeout: 20_000 },
          (error, stdout, stderr) =>
            done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
        );
      });

    it.each([
      [['token', 'create', '--actor', 'alice', '--role', 'viewer']],
      [['token', 'list']],
      [['stats']],
      [['verify']],
      [['projections', 'rebuild']],
    ])(
      '%j refuses, naming the path it looked at and CLAIMTRAIL_DATA_DIR, and creates nothing',
      async (args) => {
        const outcome = await inFolder(elsewhere.path, ...args);
        expect(outcome.code).toBe(1);
        expect(outcome.stdout).toBe('');
        expect(outcome.stderr).toContain(
          `claimtrail: no event store at ${join(elsewhere.path, 'data', 'events.db')} (CLAIMTRAIL_DATA_DIR is not set, so the data dir is ./data in ${elsewhere.path}): run the command in the folder the server runs in, or set CLAIMTRAIL_DATA_DIR to the server's data dir`,
        );
        expect(outcome.stderr.split('\n')).toHaveLength(2); // one line
        expect(existsSync(join(elsewhere.path, 'data'))).toBe(false);
      },
    );

    it('says how to start a new store on purpose, and --init does', async () => {
      const data = join(elsewhere.path, 'fresh');
      const refused = await claimtrailWith({ CLAIMTRAIL_DATA_DIR: data })(
        'token',
        'create',
        '--actor',
        'alice',
        '--role',
        'viewer',
      );
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`(CLAIMTRAIL_DATA_DIR is "${data}")`);
      expect(refused.stderr).toMatch(
        /; to start a new, empty store there instead: claimtrail token create --actor alice --role VIEWER --init\n$/,
      );
      const created = await claimtrailWith({ CLAIMTRAIL_DATA_DIR: data })(
        'token',
        'create',
        '--actor',
        'alice',
        '--role',
        'viewer',
        '--init',
      );
      expect(created.code).toBe(0);
      expect(created.stdout).toMatch(TOKEN_LINE);
      expect(existsSync(join(data, 'events.db'))).toBe(true);
    });

    it('verify on a store with no read model says what to do, like stats', async () => {
      const data = join(elsewhere.path, 'no-read-model');
      const cli = claimtrailWith({ CLAIMTRAIL_DATA_DIR: data });
      expect((await cli('token', 'create', '--actor', 'alice', '--role', 'viewer', '--init')).code).toBe(0);
      const verify = await cli('verify');
      expect(verify).toEqual({
        code: 1,
        stdout: '',
        stderr: `claimtrail: there is no read model to verify yet (${join(data, 'read-model.db')}): start the server (npm start) or run \`claimtrail projections rebuild\`, then verify again\n`,
      });
      expect((await cli('stats')).stdout).toMatch(
        /read model\s+not built yet \(start the server or run `claimtrail projections rebuild`\)/,
      );
      expect((await cli('projections', 'rebuild')).code).toBe(0);
      expect((await cli('verify')).stdout).toMatch(/^read model verified: /);
    });
  });
});
