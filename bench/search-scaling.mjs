#!/usr/bin/env node
// Search cost as the log grows (issue 19's first row): seeds stores of each size with the bench's
// realistic debate (workers/seed.mjs), adds the op-ed bundle, builds the read model and times the search
// queries on it (workers/search.mjs, pinned to the measured core). Writes bench/results/search-scaling.json
// and prints the table that bench/search-scaling.md quotes.
//
//   node bench/search-scaling.mjs [--sizes 10000,100000,1000000] [--keep]
import { rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { buildForBench } from './lib/build.mjs';
import { freshDir, log, parseArgs, RESULTS_DIR, round, runWorker, TMP_DIR } from './lib/util.mjs';

const options = parseArgs();
const sizes = String(options.sizes ?? '10000,100000,1000000')
  .split(',')
  .map(Number);
const build = buildForBench();
const scratch = freshDir(join(TMP_DIR, `search-scaling-${process.pid}`));
const runs = [];
for (const size of sizes) {
  const dir = freshDir(join(scratch, String(size)));
  log(`seeding ${size.toLocaleString('en-US')} events`);
  const seeded = await runWorker('seed', ['--dir', dir, '--events', size]);
  log(`measuring search at ${seeded.events.toLocaleString('en-US')} events`);
  runs.push({ size, seeded, ...(await runWorker('search', ['--dir', dir])) });
  if (!options.keep) rmSync(dir, { recursive: true, force: true });
}

const table = [
  `| query | ${runs.map((run) => `${run.events.toLocaleString('en-US')} events`).join(' | ')} |`,
  `| --- | ${runs.map(() => '---').join(' | ')} |`,
  ...runs[0].results.map(
    (result, index) =>
      `| ${result.name} | ${runs
        .map((run) => {
          const item = run.results[index];
          return `${item.cpuMs} ms (${item.medianCpuMs})${item.texts === null ? '' : `, ${item.texts.toLocaleString('en-US')} texts`}`;
        })
        .join(' | ')} |`,
  ),
  `| rebuild of the read model | ${runs.map((run) => `${run.rebuildSeconds} s`).join(' | ')} |`,
  `| read model size | ${runs.map((run) => `${run.readModelMb} MB`).join(' | ')} |`,
  `| similarClaims: rewording finds its claim in the top 3 | ${runs.map((run) => `${run.similar.top3}/${run.similar.of} (first: ${run.similar.top1})`).join(' | ')} |`,
  `| …and passes the 0.4 threshold / other claims passing it | ${runs.map((run) => `${run.similar.passThreshold}/${run.similar.of} / ${run.similar.othersAboveThreshold}`).join(' | ')} |`,
  `| load average before / after | ${runs.map((run) => `${run.loadavg.before[0]} / ${run.loadavg.after[0]}`).join(' | ')} |`,
].join('\n');

const output = {
  at: new Date().toISOString(),
  build,
  loadavgEnd: loadavg().map((value) => round(value, 3)),
  runs,
};
// Formatted as the tree's prettier check wants it.
const { format, resolveConfig } = await import('prettier');
const resultsFile = join(RESULTS_DIR, 'search-scaling.json');
writeFileSync(
  resultsFile,
  await format(JSON.stringify(output), { ...(await resolveConfig(resultsFile)), filepath: resultsFile }),
);
if (!options.keep) rmSync(scratch, { recursive: true, force: true });
process.stdout.write(`${table}\n`);
