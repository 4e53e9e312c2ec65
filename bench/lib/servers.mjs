// Servers under test, each a child process pinned to the measured core, logging to a file (not to us, so
// the load generator's core does not parse their logs).
import { spawn } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { createServer } from 'node:net';
import { clearInterval, setInterval } from 'node:timers';
import { join } from 'node:path';
import { BENCH_DIR, BUILD_DIST, CORES, ensureDir, openLog, pinned, sleep, TMP_DIR } from './util.mjs';

const SCRIPTS = {
  // main.js starts only when it is the entry point by its real path (bench/results/tmp/build is a symlink).
  get ours() {
    return realpathSync(join(BUILD_DIST, 'main.js'));
  },
  apollo: join(BENCH_DIR, 'servers', 'apollo-app.mjs'),
  bare: join(BENCH_DIR, 'servers', 'bare-server.mjs'),
};

const freePort = () =>
  new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });

/** VmRSS / VmHWM of a process in MB, from /proc. */
export const memoryOf = (pid) => {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN) / 1024;
    return { rssMb: field('VmRSS'), hwmMb: field('VmHWM') };
  } catch {
    return { rssMb: NaN, hwmMb: NaN };
  }
};

/**
 * Starts `kind` (ours = main.js of the bench's build, apollo, bare) on `dataDir` and resolves once /health answers and
 * /ready says the projector caught up. `profile` adds --cpu-prof (written on stop()).
 */
export const startServer = async ({
  dir = TMP_DIR,
  kind,
  dataDir,
  name = kind,
  profile = false,
  env = {},
  readyTimeoutMs = 600_000,
}) => {
  const port = await freePort();
  const logFile = join(ensureDir(join(dir, 'logs')), `${name}.log`);
  const profileDir = join(dir, 'profiles', name);
  const nodeArgs = profile
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${ensureDir(profileDir)}`,
        '--import',
        join(BENCH_DIR, 'servers', 'exit-on-signal.mjs'),
      ]
    : [];
  const [command, argv] = pinned(CORES.measured, process.execPath, [...nodeArgs, SCRIPTS[kind]]);
  const fd = openLog(logFile);
  const child = spawn(command, argv, {
    // Not the repository: main.js writes schema.gql into its working directory.
    cwd: ensureDir(join(dir, 'server-cwd')),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      CLAIMTRAIL_DATA_DIR: dataDir,
      CLAIMTRAIL_DEMO: 'false',
      CLAIMTRAIL_SYNC: 'FULL',
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
      ...env,
    },
    stdio: ['ignore', fd, fd],
  });
  let exited = null;
  const exitPromise = new Promise((resolveExit) =>
    child.on('exit', (code, signal) => resolveExit((exited = { code, signal }))),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (exited)
      throw new Error(
        `${name} exited with ${exited.code ?? exited.signal} before it was ready; see ${logFile}`,
      );
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} not ready after ${readyTimeoutMs} ms; see ${logFile}`);
    }
    try {
      const health = await fetch(`${url}/health`);
      if (health.ok) {
        const ready = await fetch(`${url}/ready`);
        if (ready.ok) break;
      }
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  return {
    kind,
    name,
    pid: child.pid,
    url,
    graphqlUrl: `${url}/graphql`,
    logFile,
    profileDir: profile ? profileDir : null,
    memory: () => memoryOf(child.pid),
    async stop() {
      if (exited) return exited;
      child.kill(profile ? 'SIGUSR2' : 'SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const result = await exitPromise;
      clearTimeout(timer);
      return result;
    },
  };
};

/** Samples a process's RSS every `everyMs` until stopped; returns the peak and the samples' median. */
export const sampleMemory = (pid, everyMs = 250) => {
  const samples = [];
  const timer = setInterval(() => {
    const { rssMb } = memoryOf(pid);
    if (Number.isFinite(rssMb)) samples.push(rssMb);
  }, everyMs);
  return () => {
    clearInterval(timer);
    const { hwmMb, rssMb } = memoryOf(pid);
    if (Number.isFinite(rssMb)) samples.push(rssMb);
    const sorted = [...samples].sort((a, b) => a - b);
    return {
      peakRssMb: sorted.at(-1) ?? null,
      medianRssMb: sorted[Math.floor(sorted.length / 2)] ?? null,
      hwmMb,
      samples: samples.length,
    };
  };
};
