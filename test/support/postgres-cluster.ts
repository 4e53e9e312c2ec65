import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/**
 * A PostgreSQL cluster of a test's own, in a temp dir on a free loopback port, for a test that stops and
 * restarts the server (the shared one that `.ci/run` starts must stay up for the other suites). Runs as
 * the `postgres` user when the test runs as root, as PostgreSQL requires.
 */
export interface PostgresCluster {
  /** A superuser URL on the `postgres` database. */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the cluster and deletes its files. */
  remove(): Promise<void>;
}

/** The server binaries: `.ci/run` names them; otherwise the newest Debian installation. */
export const postgresBin = (): string | undefined => {
  const named = process.env['CLAIMTRAIL_TEST_PG_BIN'];
  if (named && existsSync(join(named, 'postgres'))) return named;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((version) => existsSync(join(root, version, 'bin', 'postgres')))
    .sort((a, b) => Number(a) - Number(b));
  return versions.length ? join(root, versions.at(-1)!, 'bin') : undefined;
};

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const run = (command: string, args: string[]) =>
  new Promise<string>((resolve, reject) => {
    const asRoot = userInfo().uid === 0;
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
    execFile(file, argv, { cwd: tmpdir(), timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} failed: ${error.message}\n${stdout}${stderr}`));
      else resolve(stdout);
    });
  });

export const startPostgresCluster = async (): Promise<PostgresCluster> => {
  const bin = postgresBin();
  if (!bin) throw new Error('no PostgreSQL server binaries (apt-get install postgresql)');
  const dir = mkdtempSync(join(tmpdir(), 'claimtrail-pg-'));
  if (userInfo().uid === 0) {
    const uid = Number(
      (
        await new Promise<string>((resolve) =>
          execFile('id', ['-u', 'postgres'], (_error, stdout) => resolve(stdout)),
        )
      ).trim(),
    );
    chownSync(dir, uid, uid);
  }
  const data = join(dir, 'data');
  await run(join(bin, 'initdb'), [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
  ]);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=100`;
  const start = () =>
    run(join(bin, 'pg_ctl'), [
      '-D',
      data,
      '-l',
      join(dir, 'server.log'),
      '-w',
      '-t',
      '60',
      '-o',
      options,
      'start',
    ]).then(() => undefined);
  const stop = () => run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']).then(() => undefined);
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    remove: async () => {
      await stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
