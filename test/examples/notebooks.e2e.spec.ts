import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { gql, startServer, type TestServer } from '../support/server.js';
import { tempDir } from '../support/temp-dir.js';
import { tokenFor } from '../export/support/cli.js';

/**
 * The notebooks in examples/ executed for real, `jupyter nbconvert --execute`, against the real server with
 * the op-ed imported: any cell that raises fails the run. Needs Debian's jupyter-nbconvert and
 * python3-ipykernel, and pandas, requests, networkx and matplotlib for /usr/bin/python3 (the kernel's
 * interpreter); .ci/run installs them. Without them the suite says plainly that it skipped.
 */

const PACKAGES = 'pandas, requests, networkx, matplotlib, ipykernel';
const missing = (): string | undefined => {
  const nbconvert = spawnSync('jupyter', ['nbconvert', '--version'], { encoding: 'utf8' });
  if (nbconvert.status !== 0) return 'jupyter nbconvert is not installed';
  const modules = spawnSync('/usr/bin/python3', ['-c', `import ${PACKAGES}`], { encoding: 'utf8' });
  if (modules.status !== 0) return `/usr/bin/python3 cannot import ${PACKAGES}`;
  return undefined;
};
const why = missing();

interface Output {
  readonly output_type: string;
  readonly text?: string | string[];
  readonly data?: Record<string, string | string[]>;
  readonly ename?: string;
}
interface Cell {
  readonly cell_type: string;
  readonly id: string;
  readonly outputs?: Output[];
}

const joined = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value.join('') : (value ?? '');

/** A cell's outputs as text: printed lines, and the plain-text form of its results. */
const textOf = (cell: Cell): string =>
  (cell.outputs ?? [])
    .map((output) =>
      output.output_type === 'stream' ? joined(output.text) : joined(output.data?.['text/plain']),
    )
    .join('\n');

if (why) {
  console.log(`examples: notebook execution SKIPPED (${why}; .ci/run installs the Debian packages)`);
  describe.skip(`examples/*.ipynb executed with jupyter nbconvert (${why})`, () => {
    it('runs only where jupyter nbconvert and the Python packages are installed', () => undefined);
  });
} else {
  describe('examples/*.ipynb executed with jupyter nbconvert against the real server', () => {
    let server: TestServer;
    let viewer: string;
    let dir: ReturnType<typeof tempDir>;

    const execute = (notebook: string, token: string) =>
      new Promise<{ code: number; stderr: string; cells: Cell[] }>((done) => {
        execFile(
          'jupyter',
          [
            'nbconvert',
            '--to',
            'notebook',
            '--execute',
            '--ExecutePreprocessor.timeout=120',
            '--output-dir',
            dir.path,
            resolve(notebook),
          ],
          {
            cwd: dir.path,
            env: {
              PATH: process.env['PATH'] ?? '',
              HOME: dir.path,
              CLAIMTRAIL_URL: server.url,
              CLAIMTRAIL_TOKEN: token,
              CLAIMTRAIL_FIGURE_DIR: join(dir.path, 'figures'),
            },
            timeout: 240_000,
          },
          (error, _stdout, stderr) => {
            const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
            const output = join(dir.path, basename(notebook));
            const cells =
              code === 0 && existsSync(output)
                ? (JSON.parse(readFileSync(output, 'utf8')).cells as Cell[])
                : [];
            done({ code, stderr, cells });
          },
        );
      });

    beforeAll(async () => {
      dir = tempDir('notebooks');
      server = await startServer({ CLAIMTRAIL_DEMO: 'true' });
      viewer = await tokenFor(server.dataDir, server.graphqlUrl, 'notebook', 'viewer');
      // A second actor in the trail, and a counterpoint the labelling must take into account.
      const analyst = await tokenFor(server.dataDir, server.graphqlUrl, 'alice', 'analyst');
      const { data } = await gql<{ claims: { edges: Array<{ node: { id: string } }> } }>(
        server.graphqlUrl,
        '{ claims(first: 1, orderBy: { field: CREATED_AT, direction: ASC }) { edges { node { id } } } }',
        {},
        viewer,
      );
      const raised = await gql(
        server.graphqlUrl,
        'mutation($input: RaiseCounterpointInput!) { raiseCounterpoint(input: $input) { claim { id } } }',
        {
          input: {
            claimId: data!.claims.edges[0]!.node.id,
            text: 'The column names no source for this reading of the summit',
          },
        },
        analyst,
      );
      expect(raised.errors).toBeUndefined();
    }, 60_000);
    afterAll(async () => {
      await server?.stop();
      dir?.remove();
    });

    const cellOf = (cells: Cell[], id: string): Cell => {
      const cell = cells.find((candidate) => candidate.id === id);
      if (!cell) throw new Error(`no cell ${id}`);
      return cell;
    };
    const errorsIn = (cells: Cell[]) =>
      cells.flatMap((cell) => (cell.outputs ?? []).filter((output) => output.output_type === 'error'));

    it('runs notebook.ipynb end to end: paging, the audit trail, a claim through its history, both NDJSON exports', async () => {
      const run = await execute('examples/notebook.ipynb', viewer);
      expect(run.stderr).not.toMatch(/CellExecutionError|Traceback/);
      expect(run.code).toBe(0);
      expect(errorsIn(run.cells)).toEqual([]);
      expect(textOf(cellOf(run.cells, 'setup'))).toContain("'viewer': {'id': 'notebook', 'role': 'VIEWER'}");
      expect(textOf(cellOf(run.cells, 'claims'))).toContain('24 of 24 claims');
      // As of the claim's own first event, not "last week": on a fresh store that still shows something.
      const asOf = textOf(cellOf(run.cells, 'claim-as-of'));
      expect(asOf).toMatch(/as of \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/);
      expect(asOf).not.toContain('did not exist');
      expect(textOf(cellOf(run.cells, 'claim-versions'))).toMatch(
        /clm_\w+: \d+ versions; its first event, #\d+ \(ClaimProposed\)/,
      );
      expect(textOf(cellOf(run.cells, 'export'))).toMatch(
        /^24 claims: 13 live evidence items, 5 open counterpoints/m,
      );
      const trail = textOf(cellOf(run.cells, 'audit-export'));
      expect(trail).toMatch(/actor_id\s+actor_role\s+type\s+events/);
      expect(trail).toMatch(/alice\s+ANALYST\s+CounterpointRaised\s+1/);
    }, 240_000);

    it('runs argument-graph.ipynb: the networkx graph, the labelling checked against the server, the figure, the timeline', async () => {
      const run = await execute('examples/argument-graph.ipynb', viewer);
      expect(run.stderr).not.toMatch(/CellExecutionError|Traceback/);
      expect(run.code).toBe(0);
      expect(errorsIn(run.cells)).toEqual([]);
      expect(textOf(cellOf(run.cells, 'graph'))).toMatch(
        /^33 nodes \(24 claims, 9 counterpoints\), \d+ edges/m,
      );
      expect(textOf(cellOf(run.cells, 'grounded'))).toMatch(
        /^\d+ claims change their label when one counterpoint is answered/m,
      );
      const figure = join(dir.path, 'figures', 'argument-graph.png');
      expect(readFileSync(figure).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a'); // a PNG
      expect(statSync(figure).size).toBeGreaterThan(20_000);
      const timeline = cellOf(run.cells, 'timeline');
      expect((timeline.outputs ?? []).some((output) => output.data?.['image/png'])).toBe(true);
      expect(textOf(timeline)).toMatch(/alice\s+1\s/);
    }, 240_000);

    it('fails the run when a cell fails: a bad token stops the first request', async () => {
      const run = await execute('examples/notebook.ipynb', `ct_${'B'.repeat(43)}`);
      expect(run.code).not.toBe(0);
      expect(run.stderr).toMatch(/UNAUTHENTICATED: the bearer token is not recognised/);
    }, 240_000);
  });
}
