// A private PostgreSQL cluster for the PostgreSQL rows of B1, B2 and B6 (and the backup round trip):
// Debian's server binaries, a temp dir under bench/results/tmp, a free loopback port, run as the postgres
// user when the bench runs as root (PostgreSQL refuses root). Defaults as installed (fsync on,
// synchronous_commit on): every acknowledged append has reached the disk, as with SQLite's FULL.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ensureDir, latencySummary, round, TMP_DIR } from './util.mjs';

export const postgresBin = () => {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((version) => existsSync(join(root, version, 'bin', 'postgres')))
    .sort((a, b) => Number(a) - Number(b));
  return versions.length ? join(root, versions.at(-1), 'bin') : null;
};

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const asPostgres = (command, args) => {
  const root = userInfo().uid === 0;
  execFileSync(root ? 'runuser' : command, root ? ['-u', 'postgres', '--', command, ...args] : args, {
    cwd: '/tmp',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
};

export const startCluster = async () => {
  const bin = postgresBin();
  if (!bin) throw new Error('no PostgreSQL server binaries (apt-get install postgresql)');
  const dir = mkdtempSync(join(ensureDir(TMP_DIR), 'postgres-'));
  if (userInfo().uid === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, uid);
  }
  const data = join(dir, 'data');
  asPostgres(join(bin, 'initdb'), [
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
  asPostgres(join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-l',
    join(dir, 'server.log'),
    '-w',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`,
    'start',
  ]);
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const query = async (sql, values = [], database = 'postgres') => {
    const client = new pg.Client({ connectionString: url(database) });
    await client.connect();
    try {
      return (await client.query(sql, values)).rows;
    } finally {
      await client.end();
    }
  };
  let databases = 0;
  return {
    url,
    query,
    version: (await query('SHOW server_version'))[0].server_version,
    /** A new, empty database; its URL. */
    createDatabase: async (label) => {
      const name = `${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${databases++}`;
      await query(`CREATE DATABASE ${name}`);
      return url(name);
    },
    dropDatabase: async (databaseUrl) => {
      await query(`DROP DATABASE IF EXISTS ${new URL(databaseUrl).pathname.slice(1)} WITH (FORCE)`);
    },
    stop: () => {
      try {
        asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
};

/**
 * What one durable commit costs on this cluster: `samples` single-row INSERTs in autocommit on one
 * connection (each waits for its WAL flush), p50/p99 — PostgreSQL's counterpart of the fsync probe.
 */
export const measureCommitLatency = async (cluster, samples = 300) => {
  const databaseUrl = await cluster.createDatabase('commit_probe');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('CREATE TABLE probe (id serial PRIMARY KEY, at timestamptz DEFAULT now())');
    for (let index = 0; index < 20; index++) await client.query('INSERT INTO probe DEFAULT VALUES');
    const latencies = [];
    for (let index = 0; index < samples; index++) {
      const started = performance.now();
      await client.query('INSERT INTO probe DEFAULT VALUES');
      latencies.push(performance.now() - started);
    }
    const settings = Object.fromEntries(
      (
        await client.query(
          "SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'wal_sync_method', 'full_page_writes')",
        )
      ).rows.map((row) => [row.name, row.setting]),
    );
    const summary = latencySummary(latencies);
    return {
      samples,
      p50Ms: round(summary.p50),
      p99Ms: round(summary.p99),
      meanMs: round(summary.mean),
      settings,
    };
  } finally {
    await client.end();
    await cluster.dropDatabase(databaseUrl);
  }
};
