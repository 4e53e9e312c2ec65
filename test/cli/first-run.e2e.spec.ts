import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir } from '../support/temp-dir.js';

/**
 * `npx claimtrail …` right after `npm ci`, before anything has built dist/: a copy of the project without
 * dist/ (its node_modules linked), and the README's command run in it through npx itself.
 */
describe('npx claimtrail on a fresh install (no dist/ yet)', () => {
  let dir: ReturnType<typeof tempDir>;

  beforeAll(() => {
    dir = tempDir('first-run');
    for (const name of ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'bin', 'src'])
      cpSync(resolve(name), join(dir.path, name), { recursive: true });
    symlinkSync(resolve('node_modules'), join(dir.path, 'node_modules'));
  });
  afterAll(() => dir.remove());

  const npx = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
      execFile(
        'npx',
        ['--no', 'claimtrail', ...args],
        {
          cwd: dir.path,
          env: {
            PATH: process.env['PATH'] ?? '',
            HOME: dir.path,
            CLAIMTRAIL_DATA_DIR: join(dir.path, 'data'),
          },
          timeout: 120_000,
        },
        (error, stdout, stderr) =>
          done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
      );
    });

  it('compiles the server once and runs the command, with only the token on stdout', async () => {
    expect(existsSync(join(dir.path, 'dist'))).toBe(false);
    const first = await npx('token', 'create', '--actor', 'notebook', '--role', 'viewer', '--init');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^ct_[A-Za-z0-9_-]{43}\n$/);
    expect(first.stderr).toContain('claimtrail: first run: compiling the server into dist/');
    expect(existsSync(join(dir.path, 'dist', 'cli', 'main.js'))).toBe(true);

    const second = await npx('token', 'list');
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/\bnotebook\s+VIEWER\s+active\b/);
    expect(second.stderr).not.toContain('compiling');
  }, 180_000);
});
