#!/usr/bin/env node
// The `claimtrail` command (package.json "bin"). The code lives in dist/, compiled by `npm run build`.
import { existsSync } from 'node:fs';
import { URL } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('claimtrail: dist/ is missing; run "npm run build" first\n');
  process.exit(1);
}
const { run } = await import(entry.href);
process.exitCode = await run(process.argv.slice(2));
