#!/usr/bin/env node
/**
 * The argument map (/graph) with many claims in Debian's Chromium: time to interactive (navigation start to
 * the map drawn and answering input) and the longest main-thread task (Long Tasks API) while it loads.
 * A benchmark, not a test: `npm run build` first, then
 *
 *   node bench/web-map.mjs [--claims 500] [--runs 3] [--compare DIR]
 *
 * The store is a generated bundle (web/scripts/generated-bundle.mjs: "Generated claim N", debates of 10)
 * imported with `claimtrail import --init`. `--compare DIR` also measures another web build (e.g. a copy of
 * main's web/dist) served by the same server code, in the same run, for a ratio.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { generatedBundle } from '../web/scripts/generated-bundle.mjs';

const argument = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : fallback;
};
const CLAIMS = Number(argument('claims', '500'));
const RUNS = Number(argument('runs', '3'));
const COMPARE = argument('compare', undefined);
const CLI = resolve('bin/claimtrail.js');

const startServer = (dataDir, webDir) =>
  new Promise((done, fail) => {
    const child = spawn(process.execPath, [resolve('dist/main.js')], {
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        CLAIMTRAIL_DATA_DIR: dataDir,
        CLAIMTRAIL_DEMO: 'false',
        ...(webDir ? { CLAIMTRAIL_WEB_DIR: webDir } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${output}`)), 30_000);
    const onData = (chunk) => {
      output += chunk;
      const match = /listening on http:\/\/localhost:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        done({ child, url: `http://127.0.0.1:${match[1]}` });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
  });

/** Runs in the page before its scripts: records long tasks and when the map says it is drawn. */
const PROBE = `
  window.__bench = { longTasks: [], readyAt: undefined };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver(() => {
    if (window.__bench.readyAt === undefined && document.querySelector('.graph-canvas[data-ready=true]'))
      window.__bench.readyAt = performance.now();
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'], childList: true });
`;

/** In the page (a string: the page's globals are not this script's). */
const INTERACTIVE = `new Promise((done) => {
  const check = () => {
    const asked = performance.now();
    setTimeout(() => {
      if (performance.now() - asked >= 50) return check();
      const tasks = window.__bench.longTasks;
      done({
        drawnMs: window.__bench.readyAt,
        interactiveMs: asked,
        longestTaskMs: Math.max(0, ...tasks.map((task) => task.duration)),
        blockingMs: tasks.reduce((sum, task) => sum + Math.max(0, task.duration - 50), 0),
        nodes: Number(document.querySelector('.graph-canvas')?.getAttribute('data-node-count')),
      });
    }, 0);
  };
  check();
})`;

const measure = async (browser, url, token) => {
  // The probe is an init script and polled expressions, which the app's CSP (script-src 'self') refuses.
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    baseURL: url,
    bypassCSP: true,
  });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('[data-testid=viewer]').waitFor();
  await page.addInitScript(PROBE);
  await page.goto('/graph');
  await page.waitForFunction('window.__bench.readyAt !== undefined', undefined, { timeout: 120_000 });
  // Interactive: the first moment after the map is drawn when the main thread answers within 50 ms.
  const figures = await page.evaluate(INTERACTIVE);
  await context.close();
  return figures;
};

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const main = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'claimtrail-bench-map-'));
  const file = join(dataDir, 'bundle.json');
  writeFileSync(file, JSON.stringify(generatedBundle(CLAIMS)));
  const env = { ...process.env, CLAIMTRAIL_DATA_DIR: dataDir };
  execFileSync(process.execPath, [CLI, 'import', file, '--init'], { env, stdio: 'ignore' });
  const token = execFileSync(
    process.execPath,
    [CLI, 'token', 'create', '--actor', 'bench', '--role', 'editor'],
    {
      env,
      encoding: 'utf8',
    },
  ).trim();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const builds = [
    ['this build', undefined],
    ...(COMPARE ? [[`compare (${COMPARE})`, resolve(COMPARE)]] : []),
  ];
  const results = [];
  try {
    for (const [name, webDir] of builds) {
      const server = await startServer(dataDir, webDir);
      try {
        const runs = [];
        for (let run = 0; run < RUNS; run++) runs.push(await measure(browser, server.url, token));
        results.push({
          build: name,
          nodes: runs[0].nodes,
          drawnMs: Math.round(median(runs.map((r) => r.drawnMs))),
          interactiveMs: Math.round(median(runs.map((r) => r.interactiveMs))),
          longestTaskMs: Math.round(median(runs.map((r) => r.longestTaskMs))),
          blockingMs: Math.round(median(runs.map((r) => r.blockingMs))),
          runs,
        });
      } finally {
        server.child.kill('SIGTERM');
      }
    }
  } finally {
    await browser.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const load = loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
  console.log(`claims: ${CLAIMS}, runs: ${RUNS} (medians), load average after: ${load}`);
  for (const result of results)
    console.log(
      `${result.build}: ${result.nodes} nodes drawn at ${result.drawnMs} ms, interactive at ${result.interactiveMs} ms, longest task ${result.longestTaskMs} ms, total blocking ${result.blockingMs} ms`,
    );
  console.log(JSON.stringify(results.map((result) => ({ ...result, runs: undefined }))));
};

await main();
