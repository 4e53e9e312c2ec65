// The bench's own build of src/, shared by run.mjs and search-scaling.mjs.
//
// The bench compiles src/ itself with the project's tsconfig.build.json: other work in the tree rebuilds
// dist/ at any moment, and a half-written dist/ must not be what is measured. Each build goes to its own
// directory, bench/results/tmp/build-<hash of src>, and bench/results/tmp/build is switched to it with an
// atomic rename of a symlink, so a run already going keeps working while another one builds. docs/,
// fixtures/ and web/ are linked beside dist/ because the application finds them two levels up from its
// modules.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { BUILD_ROOT, freshDir, log, REPO_DIR, TMP_DIR } from './util.mjs';

/** A hash of everything the build reads: when it is unchanged, that build is reused. */
const sourceHash = () => {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) hash.update(path).update(readFileSync(path));
    }
  };
  for (const file of ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'])
    hash.update(file).update(readFileSync(join(REPO_DIR, file)));
  walk(join(REPO_DIR, 'src'));
  return hash.digest('hex');
};
/** Points bench/results/tmp/build at `target` atomically (a real directory there from older runs is removed). */
const pointBuildAt = (target) => {
  const stat = lstatSync(BUILD_ROOT, { throwIfNoEntry: false });
  if (stat && !stat.isSymbolicLink()) rmSync(BUILD_ROOT, { recursive: true, force: true });
  const temporary = `${BUILD_ROOT}.${process.pid}.tmp`;
  rmSync(temporary, { force: true });
  symlinkSync(target, temporary);
  renameSync(temporary, BUILD_ROOT);
};

/** Builds src/ (or reuses an unchanged build), points bench/results/tmp/build at it; says what it did. */
export const buildForBench = () => {
  let build;
  const hash = sourceHash();
  const target = join(TMP_DIR, `build-${hash.slice(0, 16)}`);
  if (existsSync(join(target, 'dist', 'main.js')) && existsSync(join(target, 'complete'))) {
    build = `src/ unchanged since a previous bench build (${hash.slice(0, 16)}): reused`;
    log(build);
  } else {
    log(`compiling src/ (tsc -p tsconfig.build.json) into bench/results/tmp/build-${hash.slice(0, 16)}/dist`);
    freshDir(target);
    for (const name of ['docs', 'fixtures', 'web'])
      if (existsSync(join(REPO_DIR, name))) symlinkSync(join(REPO_DIR, name), join(target, name));
    const tsc = join(REPO_DIR, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = spawnSync(
      process.execPath,
      [tsc, '-p', 'tsconfig.build.json', '--outDir', join(target, 'dist')],
      {
        cwd: REPO_DIR,
        encoding: 'utf8',
      },
    );
    build =
      result.status === 0
        ? `tsc -p tsconfig.build.json: ok (${hash.slice(0, 16)})`
        : `tsc -p tsconfig.build.json reported errors (exit ${result.status}); the JavaScript it emitted was measured`;
    if (result.status !== 0) log(`${build}\n${(result.stdout + result.stderr).slice(-3000)}`);
    else writeFileSync(join(target, 'complete'), `${new Date().toISOString()}\n`);
  }
  pointBuildAt(target);
  // Keep the three newest builds: an older one may still serve a run that started before this one.
  const builds = readdirSync(TMP_DIR)
    .filter((name) => /^build-[0-9a-f]{16}$/.test(name))
    .map((name) => ({ name, time: lstatSync(join(TMP_DIR, name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const { name } of builds.slice(3))
    if (join(TMP_DIR, name) !== target) rmSync(join(TMP_DIR, name), { recursive: true, force: true });
  return build;
};
