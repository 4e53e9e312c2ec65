import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { tempDir } from '../support/temp-dir.js';

const MAIN = join(process.cwd(), 'dist', 'main.js');

/** `node dist/main.js` with `env` until it exits; its exit code and everything it printed. */
const startAndFail = (env: Record<string, string>) =>
  new Promise<{ code: number | null; output: string; ms: number }>((resolve) => {
    const dir = tempDir('pg-config');
    const started = performance.now();
    const child = spawn(process.execPath, [MAIN], {
      cwd: dir.path,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        CLAIMTRAIL_DATA_DIR: dir.path,
        CLAIMTRAIL_DEMO: 'false',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      dir.remove();
      resolve({ code, output, ms: performance.now() - started });
    });
  });

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** CLAIMTRAIL_EVENT_STORE=postgres: a missing or unreachable DATABASE_URL stops the start with a clear message. */
describe('configuration of the PostgreSQL store', () => {
  it('reads CLAIMTRAIL_EVENT_STORE=postgres with DATABASE_URL, and refuses it without one or with another scheme', () => {
    const config = loadConfig({
      CLAIMTRAIL_EVENT_STORE: 'postgres',
      DATABASE_URL: 'postgres://db/claimtrail',
    });
    expect(config).toMatchObject({ eventStore: 'postgres', databaseUrl: 'postgres://db/claimtrail' });
    expect(() => loadConfig({ CLAIMTRAIL_EVENT_STORE: 'postgres' })).toThrow(/needs DATABASE_URL/);
    expect(() => loadConfig({ CLAIMTRAIL_EVENT_STORE: 'postgres', DATABASE_URL: 'mysql://db/x' })).toThrow(
      /must start with postgres:\/\//,
    );
    expect(() => loadConfig({ CLAIMTRAIL_EVENT_STORE: 'mongo' })).toThrow(/sqlite, postgres or eventstoredb/);
  });

  it('the server exits at start, saying why, without DATABASE_URL', async () => {
    const { code, output } = await startAndFail({ CLAIMTRAIL_EVENT_STORE: 'postgres', DATABASE_URL: '' });
    expect(code).toBe(1);
    expect(output).toMatch(/claimtrail: failed to start: CLAIMTRAIL_EVENT_STORE=postgres needs DATABASE_URL/);
  });

  it('the server exits at start, naming the address but not the password, when PostgreSQL is unreachable', async () => {
    const port = await freePort();
    const { code, output, ms } = await startAndFail({
      CLAIMTRAIL_EVENT_STORE: 'postgres',
      DATABASE_URL: `postgres://claimtrail:hunter2@127.0.0.1:${port}/claimtrail`,
    });
    expect(code).toBe(1);
    expect(output).toMatch(
      new RegExp(
        `claimtrail: failed to start: PostgreSQL at postgres://claimtrail:\\*\\*\\*@127\\.0\\.0\\.1:${port}/claimtrail is unreachable`,
      ),
    );
    expect(output).not.toContain('hunter2');
    expect(output).not.toMatch(/listening on/);
    expect(ms).toBeLessThan(20_000);
  });
});
