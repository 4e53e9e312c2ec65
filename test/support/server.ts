import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freshDatabase, type TestDatabase } from './postgres.js';
import type { StoreKind } from './store-places.js';
import { tempDir } from './temp-dir.js';

/**
 * The real server as a child process (`node dist/main.js`, built by `npm test` before Jest runs) on a
 * temp data dir and a free port. `restart()` keeps the data dir; `kill()` is `kill -9`. With
 * `{ store: 'postgres' }` its event store is a new database on the test PostgreSQL server (dropped by
 * `stop()`), the read model still in the data dir.
 */
export interface TestServer {
  readonly url: string;
  readonly graphqlUrl: string;
  readonly dataDir: string;
  /** Which event store the server runs on. */
  readonly store: StoreKind;
  /** The server's own environment (the event store's settings among it), for the CLI beside it. */
  readonly env: Record<string, string>;
  /** The ADMIN token printed on the first start of the empty store. */
  readonly adminToken: string;
  readonly logs: () => string;
  restart(): Promise<void>;
  kill(): Promise<void>;
  stop(): Promise<void>;
}

const MAIN = join(process.cwd(), 'dist', 'main.js');

const launch = (dataDir: string, env: Record<string, string>) =>
  new Promise<{ child: ChildProcess; port: number; output: string[] }>((resolve, reject) => {
    const output: string[] = [];
    const child = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        CLAIMTRAIL_DATA_DIR: dataDir,
        CLAIMTRAIL_DEMO: 'false',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output.join('')}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const match = /listening on http:\/\/localhost:(\d+)/.exec(output.join(''));
      if (match) {
        clearTimeout(timer);
        resolve({ child, port: Number(match[1]), output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output.join('')}`));
    });
  });

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

export const startServer = async (
  extraEnv: Record<string, string> = {},
  options: { store?: StoreKind } = {},
): Promise<TestServer> => {
  const dir = tempDir('server');
  const store = options.store ?? 'sqlite';
  let database: TestDatabase | undefined;
  if (store === 'postgres') database = await freshDatabase('server');
  const env = {
    ...(database ? { CLAIMTRAIL_EVENT_STORE: 'postgres', DATABASE_URL: database.url } : {}),
    ...extraEnv,
  };
  let current = await launch(dir.path, env);
  const token = /(ct_[A-Za-z0-9_-]{43})/.exec(current.output.join(''))?.[1];
  if (!token) throw new Error(`no admin token printed:\n${current.output.join('')}`);
  const server = {
    get url() {
      return `http://127.0.0.1:${current.port}`;
    },
    get graphqlUrl() {
      return `http://127.0.0.1:${current.port}/graphql`;
    },
    dataDir: dir.path,
    store,
    env: { CLAIMTRAIL_DATA_DIR: dir.path, ...env },
    adminToken: token,
    logs: () => current.output.join(''),
    async restart() {
      current.child.kill('SIGTERM');
      await exited(current.child);
      current = await launch(dir.path, env);
    },
    async kill() {
      current.child.kill('SIGKILL');
      await exited(current.child);
    },
    async stop() {
      current.child.kill('SIGTERM');
      await exited(current.child);
      dir.remove();
      await database?.drop();
    },
  };
  return server;
};

export interface GraphQLResponse<T = Record<string, unknown>> {
  readonly status: number;
  readonly data?: T | null;
  readonly errors?: Array<{ message: string; extensions?: Record<string, unknown>; path?: unknown[] }>;
}

/** A GraphQL request over real HTTP. */
export const gql = async <T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphQLResponse<T>> => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.status, ...body };
};
