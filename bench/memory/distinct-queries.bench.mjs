// Memory under distinct queries (issue 15, High 2): RSS and the live heap of the real server while a client
// sends N distinct documents, each twice so that graphql-jit compiles it (jit: 1 compiles on the second use).
//
//   npx tsc -p tsconfig.build.json && node bench/memory/distinct-queries.bench.mjs [distinct=50000] [shape=large]
//
// shape `small`: a claims page with a few fields (~150 bytes); `large`: a claims page with every field of a
// claim and its parts (~1.5 KB, what a detail page asks). The server runs with --inspect on a free port so
// the bench can force a full GC (HeapProfiler.collectGarbage) before it reads the live heap; RSS is read
// from /proc as it is, as an operator would see it. Prints one Markdown table; bench/memory/RESULTS.md
// keeps the figures with the machine's load average.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import WebSocket from 'ws';

const DISTINCT = Number(process.argv[2] ?? 50_000);
const SHAPE = process.argv[3] ?? 'large';
const SAMPLE_EVERY = Math.max(1, Math.floor(DISTINCT / 10));
const CONCURRENCY = 8;

const CLAIM_FIELDS = {
  small: 'id statement status',
  large: `id statement status acceptability version tags createdAt updatedAt attributedTo defeatedBy createdBy { id role }
    assessment { verdict confidence rationale assessedAt assessedBy { id role } }
    anchor { quote { exact prefix suffix start end } source { id title url author publisher textLength textHash registeredAt } }
    evidence { id stance summary reliability withdrawn withdrawnReason addedAt addedBy { id role } citation { title url author publisher quote publishedAt accessedAt } }
    counterpoints { id text state response raisedAt respondedAt raisedBy { id role } respondedBy { id role } citation { title url } }
    relations { kind rationale linkedAt linkedBy { id role } from { id statement status } to { id statement status } }
    history(first: 3) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { position type version streamId subjectId summary occurredAt recordedAt actor { id role } } } }`,
}[SHAPE];
if (!CLAIM_FIELDS) throw new Error(`shape must be small or large, not ${SHAPE}`);
const documentOf = (index) =>
  `query Q${index} { viewer { id role } claims(first: ${1 + (index % 5)}) { totalCount edges { node { ${CLAIM_FIELDS} } } } }`;

const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

const start = () =>
  new Promise((done, fail) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'claimtrail-bench-memory-'));
    const child = spawn(process.execPath, ['--inspect=127.0.0.1:0', resolve('dist/main.js')], {
      cwd: dataDir,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        CLAIMTRAIL_DATA_DIR: join(dataDir, 'data'),
        CLAIMTRAIL_DEMO: 'false',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (chunk) => {
      output += chunk;
      const port = /listening on http:\/\/localhost:(\d+)/.exec(output)?.[1];
      const inspector = /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1];
      const token = /(ct_[A-Za-z0-9_-]{43})/.exec(output)?.[1];
      if (port && inspector && token)
        done({ child, dataDir, url: `http://127.0.0.1:${port}/graphql`, inspector, token });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => fail(new Error(`server exited ${code}:\n${output}`)));
  });

/** The live heap after a full GC, through the inspector protocol. */
const liveHeapMb = async (inspector) => {
  const socket = new WebSocket(inspector);
  await new Promise((done) => socket.once('open', done));
  let id = 0;
  const call = (method, params = {}) =>
    new Promise((done) => {
      const mine = ++id;
      const onMessage = (raw) => {
        const message = JSON.parse(raw.toString());
        if (message.id !== mine) return;
        socket.off('message', onMessage);
        done(message.result);
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id: mine, method, params }));
    });
  await call('HeapProfiler.collectGarbage');
  await call('HeapProfiler.collectGarbage');
  const usage = await call('Runtime.getHeapUsage');
  socket.close();
  return usage.usedSize / 1024 / 1024;
};

const server = await start();
const pid = server.child.pid;
const send = async (query) => {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body: JSON.stringify({ query }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(`query failed: ${JSON.stringify(body.errors).slice(0, 300)}`);
};

const rows = [];
const sample = async (sent, note = '') =>
  rows.push({ sent, rss: rssMb(pid), heap: await liveHeapMb(server.inspector), note });

const load = loadavg()
  .map((value) => value.toFixed(2))
  .join(' ');
await sample(0, 'started');
let next = 0;
const started = Date.now();
let nextSample = SAMPLE_EVERY;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < DISTINCT) {
      const index = next++;
      await send(documentOf(index));
      await send(documentOf(index));
      if (index + 1 >= nextSample) {
        nextSample += SAMPLE_EVERY;
        await sample(index + 1);
      }
    }
  }),
);
const seconds = (Date.now() - started) / 1000;
const rssBusy = rssMb(pid);
await new Promise((done) => setTimeout(done, 10_000));
rows.push({ sent: DISTINCT, rss: rssMb(pid), heap: NaN, note: '10 s idle, no GC forced' });
await sample(DISTINCT, 'idle, after a forced GC');

console.log(
  `\n${DISTINCT.toLocaleString('en-US')} distinct ${SHAPE} documents (${documentOf(0).length} bytes), each sent twice, ${CONCURRENCY} at a time, in ${seconds.toFixed(0)} s; load average at start ${load}, at end ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')}; RSS after the last request (and its sample's forced GC) ${rssBusy.toFixed(0)} MB\n`,
);
console.log('| distinct documents sent | RSS (MB) | live heap after GC (MB) | note |');
console.log('| ---: | ---: | ---: | --- |');
for (const row of rows.sort((a, b) => a.sent - b.sent))
  console.log(
    `| ${row.sent.toLocaleString('en-US')} | ${row.rss.toFixed(0)} | ${Number.isNaN(row.heap) ? '' : row.heap.toFixed(0)} | ${row.note} |`,
  );
server.child.kill('SIGTERM');
await new Promise((done) => server.child.once('exit', done));
rmSync(server.dataDir, { recursive: true, force: true });
