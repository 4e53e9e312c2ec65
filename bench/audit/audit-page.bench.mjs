// The audit trail's page cost deep in the log, with and without totalCount (issue 19, "auditTrail page after
// 90 % of the log"). A synthetic audit table of N rows (the real schema and AuditQueries from dist/), one
// page of 50 newest-first after a cursor 90 % of the way down, by an anonymous reader (the token-row filter
// applies, as for most readers). Rounds interleave the two cases; the figure is CPU µs per call
// (process.cpuUsage), the median of each round, with the spread over rounds.
// Run: npm run build && node bench/audit/audit-page.bench.mjs [rows ...]
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUDIT_SCHEMA } from '../../dist/audit/read-model/audit.projection.js';
import { AuditQueries } from '../../dist/audit/read-model/audit.queries.js';
import { encodeCursor } from '../../dist/read-model/pagination.js';

const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const ROWS = sizes.length ? sizes : [10_000, 100_000, 1_000_000];
const ROUNDS = 5;
const CALLS = 200;

const build = (rows) => {
  const dir = mkdtempSync(join(tmpdir(), 'audit-bench-'));
  const db = new Database(join(dir, 'read-model.db'));
  db.pragma('journal_mode = WAL');
  db.exec(AUDIT_SCHEMA);
  const insert = db.prepare(
    `INSERT INTO audit (position, stream_id, subject_id, version, type, occurred_at, recorded_at, actor_id,
       actor_role, reason, summary, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, '{}')`,
  );
  db.transaction(() => {
    for (let position = 1; position <= rows; position++) {
      const claim = `clm_${position % 5000}`;
      const at = new Date(Date.UTC(2026, 0, 1) + position * 1000).toISOString();
      insert.run(
        position,
        `claim-${claim}`,
        claim,
        1 + Math.floor(position / 5000),
        'EvidenceAttached',
        at,
        at,
        `analyst-${position % 7}`,
        'ANALYST',
        `Evidence attached to claim ${claim}`,
      );
    }
  })();
  return { db, remove: () => (db.close(), rmSync(dir, { recursive: true, force: true })) };
};

const cpuPerCall = (run) => {
  const start = process.cpuUsage();
  for (let call = 0; call < CALLS; call++) run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / CALLS;
};

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const results = [];
for (const rows of ROWS) {
  const { db, remove } = build(rows);
  const audit = new AuditQueries(db);
  const after = encodeCursor([Math.floor(rows * 0.1)]);
  const cases = {
    'page only': () => audit.list({}, undefined, 50, after).items.length,
    'page + totalCount': () => audit.list({}, undefined, 50, after).totalCount,
  };
  const rounds = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++)
    for (const [name, run] of Object.entries(cases)) rounds[name].push(cpuPerCall(run));
  for (const [name, values] of Object.entries(rounds))
    results.push({
      rows,
      case: name,
      medianUs: median(values),
      minUs: Math.min(...values),
      maxUs: Math.max(...values),
    });
  remove();
}
console.log('| rows | case | CPU µs per call (median of rounds) | spread (min–max) |');
console.log('|---:|---|---:|---|');
for (const r of results)
  console.log(
    `| ${r.rows.toLocaleString('en')} | ${r.case} | ${r.medianUs.toFixed(0)} | ${r.minUs.toFixed(0)}–${r.maxUs.toFixed(0)} |`,
  );
