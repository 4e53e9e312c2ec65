import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir } from '../support/temp-dir.js';
import { claimtrail } from './support/cli.js';

/** `claimtrail export` as a user runs it (built dist/), against a temp data dir and no server. */

const OP_ED = resolve('fixtures/central-asia-russia-summit.json');

describe('claimtrail export', () => {
  let dir: ReturnType<typeof tempDir>;
  let data: string;
  beforeAll(() => {
    dir = tempDir('export-cli');
    data = join(dir.path, 'data');
  });
  afterAll(() => dir.remove());

  it('on an empty data dir says there is nothing to export, and creates no store', async () => {
    const outcome = await claimtrail(data, 'export', '--format', 'ndjson');
    expect(outcome).toEqual({
      code: 1,
      stdout: '',
      stderr: `claimtrail: nothing to export: there are no events in ${data}\n`,
    });
    expect(existsSync(join(data, 'events.db'))).toBe(false);
  });

  it('with events but no read model says to start the server or rebuild the projections', async () => {
    expect((await claimtrail(data, 'import', OP_ED, '--init')).code).toBe(0);
    const outcome = await claimtrail(data, 'export', '--format', 'aif');
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toMatch(
      /^claimtrail: the read model \(.*read-model\.db\) does not exist yet but the event store holds 77 events: start the server \(npm start\) or run `claimtrail projections rebuild`, then export again\n$/,
    );
  });

  it('exports to stdout once the read model is built', async () => {
    expect((await claimtrail(data, 'projections', 'rebuild')).code).toBe(0);
    const outcome = await claimtrail(data, 'export', '--format', 'ndjson');
    expect(outcome.code).toBe(0);
    expect(outcome.stdout.trimEnd().split('\n')).toHaveLength(24);
    expect(outcome.stderr).toMatch(/^claimtrail: exported 24 claims as ndjson \(\d+\.\d KiB\)\n$/);
  });

  it('writes --out FILE whole or not at all', async () => {
    const file = join(dir.path, 'op-ed.aif.json');
    const outcome = await claimtrail(data, 'export', '--format', 'AIF', '--out', file);
    expect(outcome).toMatchObject({ code: 0, stdout: '' });
    expect(outcome.stderr).toContain(`to ${file}`);
    expect(JSON.parse(readFileSync(file, 'utf8')).nodes.length).toBeGreaterThan(0);
    expect(readdirSync(dir.path).filter((name) => name.includes('.partial'))).toEqual([]);

    const nowhere = join(dir.path, 'no-such-dir', 'out.json');
    const failed = await claimtrail(data, 'export', '--format', 'bundle', '--out', nowhere);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^claimtrail: ENOENT/);
    expect(existsSync(join(dir.path, 'no-such-dir'))).toBe(false);
  });

  it('limits the export to one source with --source, and refuses an unknown one', async () => {
    const first = JSON.parse(
      (await claimtrail(data, 'export', '--format', 'ndjson')).stdout.split('\n')[0]!,
    ) as { source_id: string };
    const scoped = await claimtrail(data, 'export', '--format', 'claimreview', '--source', first.source_id);
    expect(scoped.code).toBe(0);
    expect(JSON.parse(scoped.stdout)['@graph']).toHaveLength(4);
    expect(scoped.stderr).toMatch(
      new RegExp(`^claimtrail: exported 4 reviews from the claims of ${first.source_id} as claimreview`),
    );
    const unknown = await claimtrail(
      data,
      'export',
      '--format',
      'ndjson',
      '--source',
      'src_01K8Z7W3YV7T7K0M6S9Q2X4B5N',
    );
    expect(unknown).toEqual({
      code: 1,
      stdout: '',
      stderr: 'claimtrail: no source with id src_01K8Z7W3YV7T7K0M6S9Q2X4B5N in the read model\n',
    });
  });

  it('says when the read model lags behind the event store', async () => {
    const bundle = {
      format: 'claimtrail-bundle',
      version: 1,
      sources: [],
      claims: [{ id: 'late', statement: 'A claim imported after the read model was built' }],
      evidence: [],
      counterpoints: [],
      relations: [],
      assessments: [],
    };
    const file = join(dir.path, 'late.json');
    writeFileSync(file, JSON.stringify(bundle));
    expect((await claimtrail(data, 'import', file)).code).toBe(0);
    const outcome = await claimtrail(data, 'export', '--format', 'ndjson');
    expect(outcome.code).toBe(0);
    expect(outcome.stdout.trimEnd().split('\n')).toHaveLength(24);
    expect(outcome.stderr).toMatch(
      /claimtrail: note: the read model is at position 77 of 78; the export leaves out the latest changes/,
    );
  });

  it.each([
    [[], /export needs --format, one of ndjson, aif, argdown, claimreview, bundle/],
    [['--format', 'pdf'], /--format must be one of ndjson, aif, argdown, claimreview, bundle, not "pdf"/],
    [
      ['--format', 'ndjson', '--source', 'daily-sabah'],
      /--source must be a source id \(src_…\), not "daily-sabah"/,
    ],
    [['--format', 'ndjson', 'extra'], /export takes no argument "extra"/],
    [['--format', 'ndjson', '--out'], /--out needs a value/],
  ])('%j is a usage error (exit 2) with one line', async (args, message) => {
    const outcome = await claimtrail(data, 'export', ...args);
    expect(outcome.code).toBe(2);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toMatch(/^claimtrail: [^\n]+\n$/);
    expect(outcome.stderr).toMatch(message);
  });

  it('is listed in help, with its formats', async () => {
    expect((await claimtrail(data, 'help')).stdout).toMatch(
      /export\s+export the claims as NDJSON, AIF, Argdown, ClaimReview or an import bundle/,
    );
    const usage = (await claimtrail(data, 'export', '--help')).stdout;
    expect(usage).toContain('claimtrail export --format FORMAT [--source SOURCE_ID] [--out FILE]');
    for (const format of ['ndjson', 'aif', 'argdown', 'claimreview', 'bundle'])
      expect(usage).toMatch(new RegExp(`^  ${format}\\s`, 'm'));
  });
});
