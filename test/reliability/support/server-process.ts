import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The real server (`node dist/main.js`) as a child process, for fault injection: unlike
 * test/support/server.ts it runs on a data dir the caller chooses (a tmpfs, a loop-mounted ext4), can be
 * killed at any moment, including during start-up, and runs with its working directory in a scratch dir,
 * so that a kill -9 during start-up can never truncate the repository's schema.gql (the server writes it
 * to its working directory on every start).
 */

const MAIN = resolve('dist/main.js');
const BIN = resolve('bin/claimtrail.js');
const TOKEN = /(ct_[A-Za-z0-9_-]{43})/;
const LISTENING = /listening on http:\/\/localhost:(\d+)/;

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

export interface ServerProcess {
  readonly pid: number;
  readonly url: string;
  readonly graphqlUrl: string;
  /** The ADMIN token, when this start was the first start of an empty store. */
  readonly bootstrapToken: string | undefined;
  output(): string;
  exited(): boolean;
  /** kill -9, resolved once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM, resolved once the process is gone. */
  stop(): Promise<void>;
}

export interface LaunchOptions {
  readonly dataDir: string;
  readonly env?: Record<string, string>;
  /** Give up after this long without the "listening" line. */
  readonly timeoutMs?: number;
}

const exitOf = (child: ChildProcess) =>
  new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once('exit', () => done());
  });

/** A spawned, not yet listening server: kill it mid-start, or wait for it to listen. */
export interface Starting {
  readonly child: ChildProcess;
  readonly listening: Promise<ServerProcess>;
  kill(): Promise<void>;
}

export const spawnServer = (options: LaunchOptions): Starting => {
  const cwd = mkdtempSync(join(tmpdir(), 'claimtrail-cwd-'));
  const output: string[] = [];
  const child = spawn(process.execPath, [MAIN], {
    cwd,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      CLAIMTRAIL_DATA_DIR: options.dataDir,
      CLAIMTRAIL_DEMO: 'false',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.once('exit', () => rmSync(cwd, { recursive: true, force: true }));
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exitOf(child);
  };
  const listening = new Promise<ServerProcess>((done, fail) => {
    const timer = setTimeout(() => {
      void kill();
      fail(new Error(`server did not start within ${options.timeoutMs ?? 30_000} ms:\n${output.join('')}`));
    }, options.timeoutMs ?? 30_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const match = LISTENING.exec(output.join(''));
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.stdout!.on('data', (more: Buffer) => output.push(more.toString()));
      const port = Number(match[1]);
      done({
        pid: child.pid!,
        url: `http://127.0.0.1:${port}`,
        graphqlUrl: `http://127.0.0.1:${port}/graphql`,
        bootstrapToken: TOKEN.exec(output.join(''))?.[1],
        output: () => output.join(''),
        exited: () => child.exitCode !== null || child.signalCode !== null,
        kill,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exitOf(child);
        },
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`server exited (${code ?? signal}) before listening:\n${output.join('')}`));
    });
  });
  // A start that is killed on purpose rejects; callers that do not await it must not crash the run.
  listening.catch(() => undefined);
  return { child, listening, kill };
};

/** Starts the server and waits for it to listen; one retry, since others may be rebuilding dist/. */
export const launchServer = async (options: LaunchOptions): Promise<ServerProcess> => {
  try {
    return await spawnServer(options).listening;
  } catch {
    await sleep(2000);
    return spawnServer(options).listening;
  }
};

/** A fresh temp data dir. */
export const tempDataDir = (label: string): { path: string; remove: () => void } => {
  const path = mkdtempSync(join(tmpdir(), `claimtrail-${label}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
};

export interface CliOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `bin/claimtrail.js …` against a data dir, as an operator runs it beside the server. */
export const cli = (dataDir: string, ...args: string[]): Promise<CliOutcome> =>
  new Promise((done) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        env: { ...process.env, CLAIMTRAIL_DATA_DIR: dataDir },
        timeout: 120_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });

/** Whether this build of the CLI has `verify` (the lead adds it in src/cli/commands/projections.command.ts). */
export const hasVerifyCommand = async (dataDir: string): Promise<boolean> => {
  const help = await cli(dataDir, '--help');
  return /^\s+verify\b/m.test(help.stdout + help.stderr);
};
