// Preloaded into the real server (NODE_OPTIONS=--import …) by the batching e2e spec: counts the SQL
// statements better-sqlite3 executes against the read model's claim and source tables, and keeps the
// running totals in the JSON file named by CLAIMTRAIL_TEST_SQL_COUNTS. Test instrumentation only.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const file = process.env.CLAIMTRAIL_TEST_SQL_COUNTS;
if (file) {
  const require = createRequire(`${process.cwd()}/`);
  const Database = require('better-sqlite3');
  const probe = new Database(':memory:');
  const Statement = Object.getPrototypeOf(probe.prepare('SELECT 1'));
  probe.close();

  const READ_MODEL = /\bFROM\s+(claims|evidence|counterpoints|relations|sources|claim_search|claim_tags)\b/i;
  const counts = { statements: 0, byTable: {} };
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    writeFileSync(file, JSON.stringify(counts));
  };
  for (const method of ['all', 'get', 'iterate', 'run']) {
    const original = Statement[method];
    Statement[method] = function counted(...args) {
      const match = /^\s*SELECT/i.test(this.source) ? READ_MODEL.exec(this.source) : null;
      if (match) {
        counts.statements++;
        const table = match[1].toLowerCase();
        counts.byTable[table] = (counts.byTable[table] ?? 0) + 1;
        if (!scheduled) {
          scheduled = true;
          setTimeout(flush, 5).unref();
        }
      }
      return original.apply(this, args);
    };
  }
  flush();
}
