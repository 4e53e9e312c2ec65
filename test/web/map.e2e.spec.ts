import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { generatedBundle } from '../../web/scripts/generated-bundle.mjs';
import { startServer, type TestServer } from '../support/server.js';
import { tempDir } from '../support/temp-dir.js';
import {
  api,
  createToken,
  eventually,
  launchBrowser,
  pageProblems,
  screenshotDir,
  signedInPage,
} from './support/browser.js';
import { seriousViolations } from './support/axe.js';

/**
 * The argument map (/graph) in a real browser against the real server holding the op-ed (the demo import),
 * then the op-ed plus a generated 300-claim bundle: every claim drawn, no two labels overlapping, filters,
 * search and focus + context.
 */
jest.setTimeout(120_000);

interface Box {
  id: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}
interface Inspection {
  nodeIds: string[];
  acceptability: Record<string, string>;
  edgeIds: string[];
  labelBoxes: Box[];
  offscreen: string[];
  faded: string[];
}

let server: TestServer;
let browser: Browser;
let erin: string;
const scratch = tempDir('map');
const contexts: BrowserContext[] = [];

const inspectMap = async (page: Page): Promise<Inspection> => {
  await page.locator('[data-testid=map-canvas][data-ready=true]').waitFor();
  return (await page.evaluate(
    `document.querySelector('[data-testid=map-canvas]').inspectMap()`,
  )) as Inspection;
};

/** Labels really measured: a box with no area would overlap nothing and prove nothing. */
const realBoxes = (boxes: Box[]) => boxes.filter((box) => box.x2 - box.x1 > 20 && box.y2 - box.y1 > 8).length;

/** Every pair of label boxes that intersect (sorted by x, so 300 labels stay cheap). */
const overlaps = (boxes: Box[]): Array<[string, string]> => {
  const sorted = [...boxes].sort((a, b) => a.x1 - b.x1);
  const found: Array<[string, string]> = [];
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length && sorted[j]!.x1 < sorted[i]!.x2; j++) {
      const a = sorted[i]!;
      const b = sorted[j]!;
      if (a.y1 < b.y2 && b.y1 < a.y2) found.push([a.id, b.id]);
    }
  }
  return found;
};

const allClaimIds = async (): Promise<string[]> => {
  const data = await api(
    server,
    erin,
  )<{ argumentGraph: { nodes: Array<{ id: string }> } }>('{ argumentGraph { nodes { id } } }');
  return data.argumentGraph.nodes.map((node) => node.id).sort();
};

const importBundle = (file: string) =>
  new Promise<void>((done, fail) =>
    execFile(
      process.execPath,
      [resolve('bin/claimtrail.js'), 'import', file],
      { env: { ...process.env, ...server.env }, timeout: 60_000 },
      (error, _out, err) => (error ? fail(new Error(`import failed: ${err}`)) : done()),
    ),
  );

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ CLAIMTRAIL_DEMO: 'true' }), launchBrowser()]);
  erin = await createToken(server, 'erin', 'editor');
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
  scratch.remove();
});

const open = async () => {
  const opened = await signedInPage(browser, server, erin);
  contexts.push(opened.context);
  return opened.page;
};

describe('the argument map', () => {
  it('draws every op-ed claim with no two labels overlapping, a legend, and 0 serious axe violations', async () => {
    const ids = await allClaimIds();
    expect(ids.length).toBe(24);
    const page = await open();
    await page.getByRole('link', { name: 'Graph', exact: true }).click();
    const map = await inspectMap(page);
    expect([...map.nodeIds].sort()).toEqual(ids);
    expect(realBoxes(map.labelBoxes)).toBe(24);
    expect(overlaps(map.labelBoxes)).toEqual([]);
    expect(map.offscreen).toEqual([]);
    await page.screenshot({ path: join(screenshotDir(scratch.path), 'map.png') });
    // The legend names all five link kinds and all three labels.
    expect(await page.locator('[data-legend-kind]').allTextContents()).toEqual([
      ' supports',
      ' attacks',
      ' undercuts',
      ' refines',
      ' duplicates',
    ]);
    expect(await page.locator('[data-legend-acceptability]').count()).toBe(3);
    expect(await seriousViolations(page)).toEqual([]);
    expect(pageProblems(page)).toEqual([]);
  });

  it('search focuses a claim: it and its neighbours stay bright, the rest fades; filters narrow the map', async () => {
    const page = await open();
    await page.goto('/graph');
    await inspectMap(page);
    const graph = await api(
      server,
      erin,
    )<{
      argumentGraph: {
        nodes: Array<{ id: string; statement: string; acceptability: string }>;
        edges: Array<{ from: { id: string }; to: { id: string } }>;
      };
    }>('{ argumentGraph { nodes { id statement acceptability } edges { from { id } to { id } } } }');
    // The claim with the most links.
    const degree = new Map<string, number>();
    for (const edge of graph.argumentGraph.edges)
      for (const id of [edge.from.id, edge.to.id]) degree.set(id, (degree.get(id) ?? 0) + 1);
    const [hubId] = [...degree].sort((a, b) => b[1] - a[1])[0]!;
    const hub = graph.argumentGraph.nodes.find((node) => node.id === hubId)!;
    const near = new Set([hubId]);
    for (const edge of graph.argumentGraph.edges) {
      if (edge.from.id === hubId) near.add(edge.to.id);
      if (edge.to.id === hubId) near.add(edge.from.id);
    }
    await page.getByLabel('Find a claim on the map').fill(hub.statement.slice(0, 40));
    await page.getByLabel('Find a claim on the map').press('Enter');
    await eventually(async () => expect(await page.getByTestId('map-focus').innerText()).toBe(hub.statement));
    await page.waitForTimeout(400); // the focus animation
    await page.screenshot({ path: join(screenshotDir(scratch.path), 'map-focus.png') });
    const focused = await inspectMap(page);
    expect([...focused.faded].sort()).toEqual(
      graph.argumentGraph.nodes
        .map((node) => node.id)
        .filter((id) => !near.has(id))
        .sort(),
    );
    await page.getByRole('button', { name: 'Show the whole map' }).click();
    await eventually(async () => expect((await inspectMap(page)).faded).toEqual([]));

    await page.getByLabel('Acceptability').selectOption('OUT');
    const outIds = graph.argumentGraph.nodes.filter((node) => node.acceptability === 'OUT').map((n) => n.id);
    expect(outIds.length).toBeGreaterThan(0);
    await eventually(async () => expect([...(await inspectMap(page)).nodeIds].sort()).toEqual(outIds.sort()));
    expect(pageProblems(page)).toEqual([]);
  });

  it('time control: the map at an earlier moment is exactly argumentGraph(asOf) of that moment', async () => {
    const call = api(server, erin);
    const graph = await call<{
      argumentGraph: { nodes: Array<{ id: string; acceptability: string }> };
    }>('{ argumentGraph { nodes { id acceptability } } }');
    const [first, second] = graph.argumentGraph.nodes.filter((node) => node.acceptability === 'IN');
    const link = (from: string, to: string, kind: string) =>
      call('mutation($input: LinkClaimsInput!) { linkClaims(input: $input) { claim { id } } }', {
        input: { fromClaimId: from, toClaimId: to, kind, rationale: 'time control test' },
      });
    await link(first!.id, second!.id, 'ATTACKS');
    const proposed = await call<{ proposeClaim: { claim: { id: string } } }>(
      'mutation($input: ProposeClaimInput!) { proposeClaim(input: $input) { claim { id } } }',
      { input: { statement: 'Generated claim for the time control test' } },
    );
    const generatedId = proposed.proposeClaim.claim.id;
    await link(generatedId, first!.id, 'SUPPORTS');

    const page = await open();
    await page.goto('/graph');
    expect((await inspectMap(page)).nodeIds).toContain(generatedId);
    const output = page.getByTestId('map-moment');
    await eventually(async () => expect(await output.innerText()).toMatch(/^Now \(live\)/));
    for (let step = 0; step < 3; step++) {
      const before = await output.getAttribute('data-as-of');
      await page.getByRole('button', { name: 'Previous change' }).click();
      await eventually(async () => expect(await output.getAttribute('data-as-of')).not.toBe(before));
    }
    const asOf = (await output.getAttribute('data-as-of'))!;
    expect(asOf).not.toBe('');
    const then = await call<{
      argumentGraph: {
        nodes: Array<{ id: string; acceptability: string }>;
        edges: Array<{ kind: string; from: { id: string }; to: { id: string } }>;
      };
    }>(
      'query($asOf: DateTime) { argumentGraph(asOf: $asOf) { nodes { id acceptability } edges { kind from { id } to { id } } } }',
      {
        asOf,
      },
    );
    const expected = {
      acceptability: Object.fromEntries(
        then.argumentGraph.nodes.map((node) => [node.id, node.acceptability]),
      ),
      edgeIds: then.argumentGraph.edges.map((edge) => `${edge.from.id}|${edge.kind}|${edge.to.id}`).sort(),
    };
    await eventually(async () => {
      const map = await inspectMap(page);
      expect({ acceptability: map.acceptability, edgeIds: [...map.edgeIds].sort() }).toEqual(expected);
    });
    // An earlier moment indeed: the claim proposed after it is not on the map, the attack made then is.
    expect(expected.acceptability[generatedId]).toBeUndefined();
    expect(expected.edgeIds).toContain(`${first!.id}|ATTACKS|${second!.id}`);
    const changes = page.getByTestId('map-changes');
    expect(await changes.locator('[data-change=link-added]').allInnerTexts()).toEqual([
      expect.stringContaining(' attacks '),
    ]);
    expect(await changes.innerText()).toContain('erin — claim linked');
    await page.screenshot({ path: join(screenshotDir(scratch.path), 'map-time.png') });
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Now' }).click();
    await eventually(async () => expect((await inspectMap(page)).nodeIds).toContain(generatedId));
    expect(pageProblems(page)).toEqual([]);
  });

  it('with a generated 300-claim bundle beside the op-ed (and one more claim from the time test): every claim drawn, no labels overlapping', async () => {
    const file = join(scratch.path, 'generated-300.json');
    writeFileSync(file, JSON.stringify(generatedBundle(300)));
    await importBundle(file);
    await eventually(async () => expect((await allClaimIds()).length).toBe(325), 20_000);
    const page = await open();
    await page.goto('/graph');
    const map = await inspectMap(page);
    expect([...map.nodeIds].sort()).toEqual(await allClaimIds());
    expect(realBoxes(map.labelBoxes)).toBe(325);
    expect(overlaps(map.labelBoxes)).toEqual([]);
    expect(map.offscreen).toEqual([]);
    expect(pageProblems(page)).toEqual([]);
  });
  it('outline: three levels of the generated debates open by keyboard alone', async () => {
    const graph = await api(
      server,
      erin,
    )<{ argumentGraph: { nodes: Array<{ id: string; statement: string }> } }>(
      '{ argumentGraph { nodes { id statement } } }',
    );
    const idOf = (n: number) =>
      graph.argumentGraph.nodes.find((node) => node.statement === `Generated claim ${n}`)!.id;
    const page = await open();
    await page.goto(`/claims/${idOf(1)}/outline`);
    const tree = page.getByRole('tree');
    await tree.waitFor();
    await page.locator('[role=treeitem]').first().focus();
    // The root opens with its arguments showing; close it, then open three levels with → alone:
    // open the root, go to its first child, open it, go to its first child, open it, go to its first child.
    await page.keyboard.press('ArrowLeft');
    expect(await page.locator('[role=treeitem]').count()).toBe(1);
    for (let step = 0; step < 6; step++) await page.keyboard.press('ArrowRight');
    const focused = async () =>
      page.evaluate(
        `(() => { const e = document.activeElement; return [e.getAttribute('data-claim-id'), e.getAttribute('aria-level')]; })()`,
      );
    // Debate 1: claims 2 and 3 argue about 1, 4 and 5 about 2, 8 and 9 about 4; the busiest child comes first.
    await eventually(async () => expect(await focused()).toEqual([idOf(8), '4']));
    expect(
      await page
        .locator('[role=treeitem][aria-expanded=true]')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-claim-id'))),
    ).toEqual([idOf(1), idOf(2), idOf(4)]);
    expect(await page.locator('[role=treeitem]').count()).toBe(1 + 2 + 2 + 2);
    await page.keyboard.press('ArrowLeft');
    await eventually(async () => expect(await focused()).toEqual([idOf(4), '3']));
    expect(await page.locator(`[role=treeitem][data-claim-id="${idOf(2)}"]`).innerText()).toContain(
      '5 below in all',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshotDir(scratch.path), 'outline.png') });
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/claims/${idOf(4)}`);
    expect(pageProblems(page)).toEqual([]);
  });
});
