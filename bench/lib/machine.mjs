// What the numbers were measured on: CPU, cores, Node, memory, load, and the disk's fsync latency.
import { execFileSync } from 'node:child_process';
import { closeSync, fsyncSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { ensureDir, latencySummary, REPO_DIR, round, taskset, TMP_DIR } from './util.mjs';

const sh = (command) => {
  try {
    return execFileSync('sh', ['-c', command], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
};

/**
 * fsync latency as SQLite's WAL commit sees it: overwrite a 4 KiB page of a small preallocated file, then
 * fsync, `samples` times. The file sits in bench/results/tmp, on the same filesystem as every benchmark database.
 */
export const measureFsync = (samples = 500) => {
  const dir = ensureDir(TMP_DIR);
  const file = join(dir, `fsync-probe-${process.pid}.tmp`);
  const fd = openSync(file, 'w');
  const page = Buffer.alloc(4096, 7);
  try {
    for (let index = 0; index < 64; index++) writeSync(fd, page, 0, page.length, index * 4096);
    fsyncSync(fd);
    const latencies = [];
    for (let index = 0; index < samples; index++) {
      writeSync(fd, page, 0, page.length, (index % 64) * 4096);
      const start = performance.now();
      fsyncSync(fd);
      latencies.push(performance.now() - start);
    }
    const summary = latencySummary(latencies);
    return {
      samples,
      p50Ms: round(summary.p50),
      p99Ms: round(summary.p99),
      meanMs: round(summary.mean),
      maxMs: round(summary.max),
    };
  } finally {
    closeSync(fd);
    unlinkSync(file);
  }
};

export const describeMachine = ({ fsyncSamples }) => {
  const cpuList = cpus();
  const device = sh(`df --output=source ${JSON.stringify(TMP_DIR)} | tail -1`);
  const blockName = device ? device.replace(/^\/dev\//, '').replace(/[0-9]+$/, '') : null;
  const rotational = blockName ? sh(`cat /sys/block/${blockName}/queue/rotational`) : null;
  return {
    cpuModel: cpuList[0]?.model ?? 'unknown',
    cores: cpuList.length,
    node: process.version,
    platform: `${process.platform} ${release()}`,
    hypervisor: sh("lscpu | sed -n 's/^Hypervisor vendor: *//p'") || null,
    memoryMb: Math.round(totalmem() / 1024 / 1024),
    disk: {
      device,
      rotational: rotational === null ? null : rotational === '1',
      filesystem: sh(`df --output=fstype ${JSON.stringify(TMP_DIR)} | tail -1`),
    },
    fsync: measureFsync(fsyncSamples),
    loadAverageAtStart: loadavg().map((value) => round(value, 3)),
    taskset: taskset(),
    gitCommit: sh(`git -C ${JSON.stringify(REPO_DIR)} rev-parse --short HEAD`),
    gitDirty: (sh(`git -C ${JSON.stringify(REPO_DIR)} status --porcelain -- src`) ?? '').length > 0,
    sqlite: null,
  };
};
