// Quote anchoring in a 1 MB source (issue 15, Medium): what anchorQuote costs per call, for the cases a
// server sees. Pure CPU on the calling thread, so every millisecond here is a millisecond the event loop
// does nothing else.
//
//   npx tsc -p tsconfig.build.json && node bench/anchoring/text-quote.bench.mjs [path/to/text-quote.js]
//
// The text is the op-ed 80 times (1,016,149 characters), each copy headed "Copy N". Prints one Markdown
// table of the median and the worst of 25 calls after 3 warm-up calls; bench/anchoring/RESULTS.md keeps
// the figures with the machine's load average.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const modulePath = resolve(process.argv[2] ?? 'dist/sources/domain/text-quote.js');
const { anchorQuote } = await import(pathToFileURL(modulePath).href);

const opEd = readFileSync('test/fixtures/op-ed.txt', 'utf8');
const text = Array.from({ length: 80 }, (_, index) => `Copy ${index + 1}\n\n${opEd}`).join('\n\n');

const CASES = [
  ['verbatim hit (unique heading)', { exact: 'Copy 77' }],
  ['forgiving hit (line breaks pasted as spaces)', { exact: 'Copy 77 Daily Sabah logo' }],
  ['miss', { exact: 'Central Asia’s transformation into a balancing actor of its own' }],
  ['miss with straight quote marks', { exact: "Moscow's quest for dominance in the region" }],
  ['80 occurrences told apart by a prefix', { exact: 'Daily Sabah logo', prefix: 'Copy 42' }],
  ['more than 1,000 occurrences (refused)', { exact: 'Central Asia', suffix: 'nowhere' }],
];

const run = (selector) => {
  try {
    anchorQuote(text, selector);
    return 'anchored';
  } catch {
    return 'refused';
  }
};

const load = loadavg()
  .map((value) => value.toFixed(2))
  .join(' ');
console.log(`\n${modulePath}; ${text.length.toLocaleString('en-US')} characters; load average ${load}\n`);
console.log('| case | outcome | median (ms) | worst (ms) |');
console.log('| --- | --- | ---: | ---: |');
for (const [name, selector] of CASES) {
  for (let warm = 0; warm < 3; warm++) run(selector);
  const times = [];
  let outcome;
  for (let call = 0; call < 25; call++) {
    const started = performance.now();
    outcome = run(selector);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`| ${name} | ${outcome} | ${times[12].toFixed(2)} | ${times[24].toFixed(2)} |`);
}
