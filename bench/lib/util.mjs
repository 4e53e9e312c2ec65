// Small helpers shared by the orchestrator and the workers: percentiles, pinning, child processes, logging.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_DIR = resolve(BENCH_DIR, '..');
export const RESULTS_DIR = join(BENCH_DIR, 'results');
/** Scratch space (gitignored): databases, server logs, CPU profiles. Same disk as the repository. */
export const TMP_DIR = join(RESULTS_DIR, 'tmp');
/**
 * The bench's own build of src/ (tsc -p tsconfig.build.json --outDir here), made at the start of every run:
 * a snapshot that a concurrent `npm run build` of dist/ cannot change under a running benchmark.
 */
export const BUILD_ROOT = join(TMP_DIR, 'build');
export const BUILD_DIST = join(BUILD_ROOT, 'dist');

export const now = () => performance.now();

/** Nearest-rank percentile of an ascending array. */
export const percentile = (sorted, p) => {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
};

export const round = (value, digits = 3) =>
  value === null || value === undefined || !Number.isFinite(value)
    ? value
    : Number(value.toPrecision(digits));

/** p50/p99/mean/max of latencies in milliseconds. */
export const latencySummary = (samples) => {
  const sorted = Float64Array.from(samples).sort();
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    mean: sorted.length ? sum / sorted.length : null,
    max: sorted.length ? sorted[sorted.length - 1] : null,
  };
};

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

export const sleep = (ms) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

const started = Date.now();
export const log = (...parts) => {
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[bench ${seconds}s] ${parts.join(' ')}\n`);
};

let tasksetPath;
/** The path of taskset, or null when the machine has none (then the OS scheduler shares the cores). */
export const taskset = () => {
  if (tasksetPath !== undefined) return tasksetPath;
  try {
    tasksetPath = execFileSync('sh', ['-c', 'command -v taskset'], { encoding: 'utf8' }).trim() || null;
  } catch {
    tasksetPath = null;
  }
  return tasksetPath;
};

/**
 * Core layout on a 2-core machine: the load generator (this orchestrator, autocannon) on core 0, whatever
 * is measured (a server, or an in-process benchmark worker) on core 1. With one core, both share it.
 */
export const CORES = { load: 0, measured: 1 };

/** Pins every thread of this process (libuv pool included) to `core`; false when impossible. */
export const pinSelf = (core) => {
  if (!taskset()) return false;
  try {
    execFileSync(taskset(), ['-a', '-cp', String(core), String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** The argv that runs `command args…` pinned to `core` (unpinned without taskset). */
export const pinned = (core, command, args) =>
  taskset() && core !== undefined && core !== null
    ? [taskset(), ['-c', String(core), command, ...args]]
    : [command, args];

export const freshDir = (path) => {
  rmSync(path, { recursive: true, force: true });
  mkdirSync(path, { recursive: true });
  return path;
};

export const ensureDir = (path) => {
  mkdirSync(path, { recursive: true });
  return path;
};

/**
 * Runs a worker script (`node bench/workers/<name>.mjs args…`) pinned to the measured core and resolves
 * with the JSON it prints as its last stdout line. Its stderr goes to ours (progress lines).
 */
export const runWorker = (
  name,
  args = [],
  { core = CORES.measured, nodeArgs = [], timeoutMs = 30 * 60_000 } = {},
) =>
  new Promise((resolveRun, reject) => {
    const script = join(BENCH_DIR, 'workers', `${name}.mjs`);
    const [command, argv] = pinned(core, process.execPath, [...nodeArgs, script, ...args.map(String)]);
    const child = spawn(command, argv, { cwd: REPO_DIR, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0)
        return reject(
          new Error(
            `worker ${name} ${args.join(' ')} exited with ${code ?? signal}:\n${stdout.slice(-2000)}`,
          ),
        );
      try {
        resolveRun(JSON.parse(last));
      } catch {
        reject(new Error(`worker ${name} printed no JSON result:\n${stdout.slice(-2000)}`));
      }
    });
  });

/** Workers: parse `--key value` pairs. */
export const parseArgs = (argv = process.argv.slice(2)) => {
  const options = {};
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (!arg.startsWith('--')) continue;
    const key = arg.slice(2);
    const next = argv[index + 1];
    if (next === undefined || next.startsWith('--')) options[key] = true;
    else {
      options[key] = next;
      index++;
    }
  }
  return options;
};

/** Workers: print the result as the last stdout line and exit. */
export const emit = (result) => {
  process.stdout.write(`${JSON.stringify(result)}\n`);
};

/** Peak resident set of this process so far, in MB. */
export const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

export const openLog = (path) => {
  ensureDir(dirname(path));
  return openSync(path, 'w');
};

export const exists = existsSync;
