import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { execFile, spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CliContext } from '../../src/cli/cli-command.js';
import { importCommand } from '../../src/cli/commands/import.command.js';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import { DEMO_BUNDLE_FILE } from '../../src/import/bundle.js';
import { tempDir } from '../support/temp-dir.js';
import { demoBundle, eventShape, itemOf } from './support.js';

// The real executable, as a user runs it: build dist/ first (`npm test` does).
const BIN = resolve('bin/claimtrail.js');
const ARGDOWN = resolve('fixtures/central-asia-summit.argdown');

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

describe('claimtrail import (the CLI, against a temp data dir)', () => {
  let dir: ReturnType<typeof tempDir>;
  // Only what the CLI needs: an inherited CLAIMTRAIL_EVENT_STORE must not point the test elsewhere.
  const env = () => ({ PATH: process.env['PATH'] ?? '', CLAIMTRAIL_DATA_DIR: dir.path });
  const claimtrail = (...args: string[]): Promise<Outcome> =>
    new Promise((done) => {
      execFile(process.execPath, [BIN, ...args], { env: env(), timeout: 30_000 }, (error, stdout, stderr) => {
        done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      });
    });
  const withStore = async <T>(read: (store: SqliteEventStore) => Promise<T>): Promise<T> => {
    const store = SqliteEventStore.open({ file: join(dir.path, 'events.db') });
    try {
      return await read(store);
    } finally {
      await store.close();
    }
  };
  const domainEventCount = () =>
    withStore(
      async (store) =>
        (await store.readAll()).filter((event) => /^(claim|source)-/.test(event.streamId)).length,
    );

  beforeAll(() => {
    if (!existsSync(resolve('dist/cli/main.js')))
      throw new Error('dist/ is missing: run "npm run build" (npm test does)');
  });
  beforeEach(() => {
    dir = tempDir('import-cli');
  });
  afterEach(() => dir.remove());

  it('imports a bundle with plain progress lines and a summary, and adds nothing the second time', async () => {
    const first = await claimtrail('import', DEMO_BUNDLE_FILE, '--init');
    expect(first.code).toBe(0);
    expect(first.stdout.split('\n').slice(0, 3)).toEqual([
      `imported ${DEMO_BUNDLE_FILE}: 77 created, 0 already present`,
      'ITEMS          CREATED  ALREADY PRESENT',
      'sources        1        0',
    ]);
    expect(first.stdout).toMatch(/^claims\s+24\s+0$/m);
    expect(first.stdout).toMatch(/^total\s+77\s+0$/m);
    // stderr is a pipe here: plain lines, no carriage returns.
    expect(first.stderr).toContain(
      `claimtrail: ${DEMO_BUNDLE_FILE} checked: 77 steps, no problems; importing as import (EDITOR)\n`,
    );
    expect(first.stderr).toContain('claimtrail: import: 10% (8/77)\n');
    expect(first.stderr).toContain('claimtrail: import: 100% (77/77)\n');
    expect(first.stderr).not.toContain('\r');
    expect(await domainEventCount()).toBe(77);

    const head = await withStore((store) => store.headPosition());
    const second = await claimtrail('import', DEMO_BUNDLE_FILE);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^imported .*: 0 created, 77 already present$/m);
    expect(await withStore((store) => store.headPosition())).toBe(head);
  });

  it('draws one progress line, redrawn in place, when stderr is a terminal', async () => {
    const written = { stdout: '', stderr: '' };
    const store = SqliteEventStore.open({ file: join(dir.path, 'events.db') });
    const context: CliContext = {
      stdout: { write: (text: string) => (written.stdout += text) },
      stderr: Object.assign({ write: (text: string) => (written.stderr += text) }, { isTTY: true }),
      env: env(),
      commands: [],
      eventStore: () => Promise.resolve(store),
    };
    try {
      await importCommand.run([DEMO_BUNDLE_FILE], context);
    } finally {
      await store.close();
    }
    const [checked, bar, ...rest] = written.stderr.split('\n');
    expect(checked).toMatch(/checked: 77 steps, no problems/);
    expect(bar!.startsWith('\rclaimtrail: import [')).toBe(true);
    expect(bar!.split('\r').at(-1)).toBe(`claimtrail: import [${'#'.repeat(30)}] 100% (77/77)`);
    expect(rest).toEqual(['']); // the line is ended once, at the end
    expect(written.stdout).toMatch(/^imported .*: 77 created, 0 already present\n/);
  });

  it('lists every problem of a bad bundle with its JSON path on stderr, exits 1 and imports nothing', async () => {
    const bundle = demoBundle();
    (itemOf(bundle, 'claims', 3).quote as { exact: string }).exact = 'words the column never used';
    itemOf(bundle, 'evidence', 1).stance = 'NEUTRAL';
    const file = join(dir.path, 'bad.json');
    writeFileSync(file, JSON.stringify(bundle, null, 2));

    const outcome = await claimtrail('import', file, '--actor', 'desk', '--role', 'analyst', '--init');
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr.split('\n')).toEqual([
      `claimtrail: ${file} is not imported:`,
      '  $.claims[3].quote.exact: not found in the text of source "src-daily-sabah-ca-russia-summit"',
      '  $.evidence[1].stance: must be one of SUPPORTS, UNDERMINES, not "NEUTRAL"',
      expect.stringMatching(
        /^ {2}\$\.counterpoints\[7\]\.resolution: dismissing counterpoint cpt_\w+ \(dismissal is editorial\) needs the EDITOR role or higher; desk is ANALYST$/,
      ),
      ...[0, 1, 2, 3].map(
        (index) =>
          `  $.assessments[${index}]: assessing a claim needs the EDITOR role or higher; desk is ANALYST`,
      ),
      'claimtrail: the bundle has 7 problems; nothing was imported',
      '',
    ]);
    expect(await withStore((store) => store.headPosition())).toBe(0n);

    writeFileSync(file, '{ "format": ');
    const notJson = await claimtrail('import', file);
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toMatch(/^ {2}\$: not valid JSON at line 1, column 13: /m);
  });

  it('imports an Argdown file', async () => {
    const outcome = await claimtrail('import', ARGDOWN, '--init');
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toMatch(/^imported .*: 13 created, 0 already present$/m);
    expect(outcome.stdout).toMatch(/^claims\s+7\s+0$/m);
    expect(outcome.stdout).toMatch(/^relations\s+6\s+0$/m);
    expect(outcome.stderr).toContain('claimtrail: warning: line 14, [Boilerplate]: tag #Diplomatic_Language');
    const types = await withStore(async (store) => (await store.readAll()).map((event) => event.type));
    expect(types.filter((type) => type === 'ClaimProposed')).toHaveLength(7);
    expect(types.filter((type) => type === 'ClaimLinked')).toHaveLength(6);
  });

  it('refuses a wrong command line with exit status 2', async () => {
    expect(await claimtrail('import')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('import needs exactly one FILE'),
    });
    expect(await claimtrail('import', DEMO_BUNDLE_FILE, '--role', 'viewer')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--role VIEWER cannot import anything'),
    });
    expect(await claimtrail('import', DEMO_BUNDLE_FILE, '--format', 'xml')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--format must be bundle or argdown, not "xml"'),
    });
    expect(await domainEventCount()).toBe(0);
  });

  it('imports once when two processes import the same bundle at the same time', async () => {
    const [one, two] = await Promise.all([
      claimtrail('import', DEMO_BUNDLE_FILE, '--init'),
      claimtrail('import', DEMO_BUNDLE_FILE, '--init'),
    ]);
    expect([one.code, two.code]).toEqual([0, 0]);
    expect(await domainEventCount()).toBe(77);
  });

  it('completes a killed import on the next run, with exactly the events of an uninterrupted one', async () => {
    const child = spawn(process.execPath, [BIN, 'import', DEMO_BUNDLE_FILE, '--init'], {
      env: env(),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    await new Promise<void>((done) => {
      child.stderr.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('import: 10%')) child.kill('SIGKILL');
      });
      child.on('exit', () => done());
    });
    const written = await domainEventCount();
    expect(written).toBeGreaterThanOrEqual(8); // the 10% line comes after 8 committed steps

    const rerun = await claimtrail('import', DEMO_BUNDLE_FILE);
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain(`: ${77 - written} created, ${written} already present\n`);

    const clean = tempDir('import-clean');
    try {
      const store = SqliteEventStore.open({ file: join(clean.path, 'events.db') });
      const { importBundle } = await import('../../src/import/bundle-importer.js');
      await importBundle(store, demoBundle(), { actor: { id: 'import', role: 'EDITOR' } });
      const expected = await eventShape(store);
      await store.close();
      expect(await withStore(eventShape)).toEqual(expected);
    } finally {
      clean.remove();
    }
  });
});
