#!/usr/bin/env node
// The `claimtrail` command (package.json "bin"). The code lives in dist/, compiled by `npm run build`.
// Right after `npm ci` there is no dist/ yet: the server code is compiled here, once, so that the README's
// `npx claimtrail …` works after the install line alone (npm start and npm test compile it too).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, URL } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
  const config = fileURLToPath(new URL('../tsconfig.build.json', import.meta.url));
  if (!existsSync(tsc) || !existsSync(config)) {
    process.stderr.write('claimtrail: dist/ is missing; run "npm run build" first\n');
    process.exit(1);
  }
  process.stderr.write(
    'claimtrail: first run: compiling the server into dist/ (npm run build does the same)\n',
  );
  // tsc's output goes to stderr: stdout carries only the command's result (`TOKEN=$(claimtrail token …)`).
  const compiled = spawnSync(process.execPath, [tsc, '-p', config], { cwd: root, stdio: ['ignore', 2, 2] });
  if (compiled.status !== 0 || !existsSync(entry)) {
    process.stderr.write('claimtrail: compiling failed; run "npm run build" to see why\n');
    process.exit(1);
  }
}
const { run } = await import(entry.href);
process.exitCode = await run(process.argv.slice(2));
