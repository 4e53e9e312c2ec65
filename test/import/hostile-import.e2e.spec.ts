import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import { checkBundle } from '../../src/import/bundle-importer.js';
import type { JsonObject } from '../../src/import/json-schema.js';
import { tempDir } from '../support/temp-dir.js';
import { IMPORTER } from './support.js';

/**
 * Hostile bundles (issue 15, Medium), through the real executable: nesting that blew the stack, more
 * problems than a spread can carry, checks that were quadratic, and a file that never ends. Each must end
 * with exit 1, a clear message with a JSON path, and nothing written.
 */

const BIN = resolve('bin/claimtrail.js');

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const empty = (): JsonObject => ({
  format: 'claimtrail-bundle',
  version: 1,
  sources: [],
  claims: [],
  evidence: [],
  counterpoints: [],
  relations: [],
  assessments: [],
});

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('claimtrail import of hostile bundles', () => {
  let dir: ReturnType<typeof tempDir>;
  const claimtrail = (...args: string[]): Promise<Outcome> =>
    new Promise((done) => {
      execFile(
        process.execPath,
        [BIN, ...args],
        {
          env: { PATH: process.env['PATH'] ?? '', CLAIMTRAIL_DATA_DIR: dir.path },
          timeout: 90_000,
          maxBuffer: 256 * 1024 * 1024,
        },
        (error, stdout, stderr) =>
          done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
      );
    });
  const file = (name: string, text: string) => {
    const path = join(dir.path, name);
    writeFileSync(path, text);
    return path;
  };
  const headPosition = async () => {
    const store = SqliteEventStore.open({ file: join(dir.path, 'events.db') });
    try {
      return await store.headPosition();
    } finally {
      await store.close();
    }
  };
  const expectRefused = async (outcome: Outcome) => {
    expect(outcome.stderr).not.toMatch(/Maximum call stack|RangeError|heap out of memory/);
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toBe('');
    expect(await headPosition()).toBe(0n);
  };

  beforeAll(() => {
    if (!existsSync(resolve('dist/cli/main.js'))) throw new Error('dist/ is missing: run "npm run build"');
  });
  beforeEach(() => {
    dir = tempDir('hostile-import');
  });
  afterEach(() => dir.remove());

  it('a bundle nested 100,000 levels deep is refused with the path where it goes too deep', async () => {
    const whole = await claimtrail('import', file('deep.json', nested(100_000)), '--init');
    await expectRefused(whole);
    expect(whole.stderr).toMatch(/^ {2}\$(\[0\])+: nested more than \d+ levels deep/m);

    const inside = JSON.stringify({ ...empty(), claims: ['PLACEHOLDER'] }).replace(
      '"PLACEHOLDER"',
      nested(100_000),
    );
    const item = await claimtrail('import', file('deep-item.json', inside), '--init');
    await expectRefused(item);
    expect(item.stderr).toMatch(/^ {2}\$\.claims\[0\](\[0\])+: nested more than \d+ levels deep/m);
  }, 60_000);

  it('150,000 problems are all reported, each with its JSON path', async () => {
    const claims = Array.from({ length: 150_000 }, (_, index) => ({ id: `claim-${index}`, statement: 'no' }));
    const outcome = await claimtrail(
      'import',
      file('many.json', JSON.stringify({ ...empty(), claims })),
      '--init',
    );
    await expectRefused(outcome);
    const lines = outcome.stderr.split('\n').filter((line) => line.startsWith('  $.claims['));
    expect(lines).toHaveLength(150_000);
    expect(lines[149_999]).toBe('  $.claims[149999].statement: must be at least 3 characters long, not 2');
    expect(outcome.stderr).toContain('the bundle has 150000 problems; nothing was imported');
  }, 120_000);

  it('20,000 claims with one id: every duplicate is reported, in time linear in the bundle', async () => {
    const duplicated = (count: number): JsonObject => ({
      ...empty(),
      claims: Array.from({ length: count }, () => ({ id: 'claim-dup', statement: 'A statement' })),
    });
    const outcome = await claimtrail(
      'import',
      file('dup.json', JSON.stringify(duplicated(20_000))),
      '--init',
    );
    await expectRefused(outcome);
    expect(outcome.stderr).toContain('  $.claims[19999].id: "claim-dup" is already the id of $.claims[0]');
    expect(outcome.stderr).toContain('the bundle has 19999 problems; nothing was imported');

    // In process, against the same store: ten times the bundle must cost about ten times as much.
    const store = SqliteEventStore.open({ file: join(dir.path, 'events.db') });
    try {
      const timed = async (count: number) => {
        const bundle = duplicated(count);
        const started = performance.now();
        const checked = await checkBundle(store, bundle, IMPORTER);
        expect(checked.problems).toHaveLength(count - 1);
        return performance.now() - started;
      };
      await timed(500);
      const small = await timed(2_000);
      const large = await timed(20_000);
      expect(large).toBeLessThan(small * 40);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('a file that never ends (/dev/zero) stops at the size limit with a clear message', async () => {
    const outcome = await claimtrail('import', '/dev/zero', '--init');
    await expectRefused(outcome);
    expect(outcome.stderr).toMatch(/\/dev\/zero is larger than \d+ MiB/);
  }, 60_000);

  it('JSON that does not parse names the line and column', async () => {
    const outcome = await claimtrail(
      'import',
      file('broken.json', '{\n  "format": "claimtrail-bundle",\n  "version": ]\n}'),
      '--init',
    );
    await expectRefused(outcome);
    expect(outcome.stderr).toMatch(/^ {2}\$: not valid JSON at line 3, column 14: /m);
  });
});
