// Turns a run's measurements into bench/results/latest.json (+ <mode>.json) and bench/RESULTS.md.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR, RESULTS_DIR, round } from './util.mjs';

const fmt = (value, digits = 3) => {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'number') return String(value);
  if (!Number.isFinite(value)) return String(value);
  const rounded = round(value, digits);
  return Math.abs(rounded) >= 1000 ? Math.round(rounded).toLocaleString('en-US') : String(rounded);
};

const mark = (met) => (met === true ? '✅' : met === false ? '❌' : '⏳');

/** Checks `targets` ({ text, check(figure) → bool|null }) against a figure and sets figure.met. */
export const judge = (figure, targets) => {
  figure.targets = targets.map(({ text, check }) => {
    let met = null;
    try {
      met = figure.status === 'pending' || figure.status === 'error' ? null : check(figure);
    } catch {
      met = null;
    }
    return { text, met: met === null || met === undefined ? null : Boolean(met) };
  });
  const verdicts = figure.targets.map((target) => target.met);
  // A figure without targets (the PostgreSQL rows, for comparison) is neither met nor missed.
  figure.met = verdicts.length === 0 || verdicts.includes(null) ? null : verdicts.every(Boolean);
  return figure;
};

const ratioText = (ratios) =>
  Object.entries(ratios ?? {})
    .map(([name, value]) => `${fmt(value)}× ${name}`)
    .join('<br>') || '—';

const table = (result) => {
  const lines = [
    '| # | what | ours | ratios (how many times better ours is) | p50 | p99 | targets | met |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const figure of result.figures) {
    const value =
      figure.status === 'pending' || figure.status === 'error'
        ? `${figure.status}: ${figure.pendingReason}`
        : `${fmt(figure.value)} ${figure.unit}`;
    const targets = figure.targets.map((target) => `${mark(target.met)} ${target.text}`).join('<br>') || '—';
    const met = figure.targets.length === 0 ? '—' : mark(figure.met);
    lines.push(
      `| ${figure.id} | ${figure.title} | ${value} | ${ratioText(figure.ratios)} | ${fmt(figure.p50)} | ${fmt(figure.p99)} | ${targets} | ${met} |`,
    );
  }
  return lines.join('\n');
};

const machineText = (machine) =>
  [
    `- CPU: ${machine.cpuModel}, ${machine.cores} cores${machine.hypervisor ? ` (${machine.hypervisor} guest)` : ''}; ${machine.memoryMb.toLocaleString('en-US')} MB RAM`,
    `- Node ${machine.node} on ${machine.platform}; SQLite ${machine.sqlite ?? '?'} (better-sqlite3), ${machine.sqlite3 ?? '?'} (sqlite3, Emmett)`,
    `- Disk: ${machine.disk.device ?? '?'} (${machine.disk.filesystem ?? '?'}${machine.disk.rotational === false ? ', non-rotational' : machine.disk.rotational ? ', rotational' : ''}); **fsync p50 ${fmt(machine.fsync.p50Ms)} ms, p99 ${fmt(machine.fsync.p99Ms)} ms** at the start${machine.fsyncAtEnd ? `, p50 ${fmt(machine.fsyncAtEnd.p50Ms)} ms, p99 ${fmt(machine.fsyncAtEnd.p99Ms)} ms at the end` : ''} (${machine.fsync.samples} × 4 KiB write + fsyncSync)`,
    ...(machine.postgres
      ? [
          `- PostgreSQL ${machine.postgres.version} (private cluster, loopback; fsync ${machine.postgres.commit.settings.fsync}, synchronous_commit ${machine.postgres.commit.settings.synchronous_commit}, wal_sync_method ${machine.postgres.commit.settings.wal_sync_method}): **one durable commit p50 ${fmt(machine.postgres.commit.p50Ms)} ms, p99 ${fmt(machine.postgres.commit.p99Ms)} ms** (${machine.postgres.commit.samples} single-row INSERTs in autocommit on one connection)`,
        ]
      : []),
    `- Load average at start ${machine.loadAverageAtStart.join(' / ')}, at end ${machine.loadAverageAtEnd?.join(' / ') ?? '?'} (other work on the machine shares the cores: absolute numbers drift, the ratios are measured side by side)`,
    `- Cores: ${machine.taskset ? 'taskset: load generator (this orchestrator + autocannon) on core 0, the measured process (server or benchmark worker) on core 1' : 'no taskset: the OS scheduler shares the cores between load generator and server'}`,
    `- Source: git ${machine.gitCommit}${machine.gitDirty ? ' + uncommitted changes in src/' : ''}; build: ${machine.build}`,
  ].join('\n');

const section = (result) => {
  const parts = [
    `## ${result.mode === 'full' ? 'Full run' : 'Quick run'} — ${result.finishedAt}`,
    '',
    `Mode **${result.mode}**: ${result.scaleNote} Took ${fmt(result.seconds / 60, 2)} min.`,
    '',
    table(result),
    '',
    '### Machine',
    '',
    machineText(result.machine),
    '',
    '### Notes per figure',
    '',
  ];
  for (const figure of result.figures) {
    if (!figure.notes?.length) continue;
    parts.push(`- **${figure.id}** ${figure.notes.filter(Boolean).join(' ')}`);
  }
  if (result.profiles) {
    parts.push('', '### CPU profiles (`--profile`)', '');
    parts.push(
      'Self time of the server process under load (node --cpu-prof), start-up and warm-up included.',
      '',
    );
    for (const [label, profile] of Object.entries(result.profiles)) {
      parts.push(
        `- **${label}**: ${fmt(profile.perSecondWhileProfiled)} req/s while profiled, ≈ ${fmt(profile.busyCpuMsPerRequest)} ms of CPU per request. ` +
          `By package: ${profile.places
            .slice(0, 10)
            .map((entry) => `${entry.name} ${entry.percent}%`)
            .join(', ')}. ` +
          `Top functions: ${profile.functions
            .slice(0, 10)
            .map((entry) => `\`${entry.name}\` ${entry.percent}%`)
            .join(', ')}.`,
      );
    }
  }
  return parts.join('\n');
};

export const writeResults = (result) => {
  writeFileSync(join(RESULTS_DIR, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(RESULTS_DIR, `${result.mode}.json`), `${JSON.stringify(result, null, 2)}\n`);
  const other = result.mode === 'full' ? 'quick' : 'full';
  const otherFile = join(RESULTS_DIR, `${other}.json`);
  const otherResult = existsSync(otherFile) ? JSON.parse(readFileSync(otherFile, 'utf8')) : null;
  const analysisFile = join(BENCH_DIR, 'ANALYSIS.md');
  const analysis = existsSync(analysisFile) ? readFileSync(analysisFile, 'utf8').trim() : '';
  const markdown = [
    '# Claimtrail benchmark results',
    '',
    'Generated by `npm run bench` (quick) / `npm run bench:full` (the record) from `bench/results/<mode>.json`;',
    'see `bench/README.md` for what each figure measures. Ratios say how many times better ours is',
    '(throughput: ours ÷ theirs; latency: theirs ÷ ours), measured in the same run on the same machine.',
    '✅ met, ❌ missed, ⏳ not measured (pending, or the measurement failed: see the figure).',
    '',
    section(result),
    ...(otherResult ? ['', section(otherResult)] : []),
    ...(analysis ? ['', analysis] : []),
    '',
  ].join('\n');
  writeFileSync(join(BENCH_DIR, 'RESULTS.md'), markdown);
};

// CLI: node bench/lib/report.mjs — rewrites bench/RESULTS.md from bench/results/latest.json (after editing
// ANALYSIS.md, for instance) without measuring anything.
if (import.meta.url === `file://${process.argv[1]}`) {
  const latest = JSON.parse(readFileSync(join(RESULTS_DIR, 'latest.json'), 'utf8'));
  writeResults(latest);
  console.log(`bench/RESULTS.md rewritten from the ${latest.mode} run of ${latest.finishedAt}`);
}
