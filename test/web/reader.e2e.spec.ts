import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { startServer, type TestServer } from '../support/server.js';
import { tempDir } from '../support/temp-dir.js';
import { seriousViolations } from './support/axe.js';
import {
  api,
  createToken,
  eventually,
  launchBrowser,
  pageProblems,
  signedInPage,
} from './support/browser.js';

/**
 * The source reader with more claims than its first page holds (200, the old cap): the op-ed with 320
 * claims, each quoting an exact passage of it (statements plainly synthetic). Every claim is highlighted,
 * claim 320 among them; the key and the filters work.
 */
jest.setTimeout(90_000);

const OP_ED = readFileSync('test/fixtures/op-ed.txt', 'utf8');
const COUNT = 320;

/** Passages of the op-ed that occur once, 24 characters long, a few characters apart (they overlap). */
const passages = (count: number): string[] => {
  const found: string[] = [];
  for (let start = 0; found.length < count && start + 24 <= OP_ED.length; start += 13) {
    const exact = OP_ED.slice(start, start + 24);
    if (exact.trim() === exact && OP_ED.indexOf(exact) === OP_ED.lastIndexOf(exact)) found.push(exact);
  }
  if (found.length < count) throw new Error(`only ${found.length} unique passages`);
  return found;
};

let server: TestServer;
let browser: Browser;
let erin: string;
const scratch = tempDir('reader');
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  erin = await createToken(server, 'erin', 'editor');
  const bundle = {
    format: 'claimtrail-bundle',
    version: 1,
    sources: [
      {
        id: 'op-ed',
        title: "Central Asia-Russia Summit: Moscow's quest for repositioning",
        author: 'Zeynep Gizem Özpınar',
        publisher: 'Daily Sabah',
        text: OP_ED,
      },
    ],
    claims: passages(COUNT).map((exact, index) => ({
      id: `gen-${index + 1}`,
      statement: `Generated claim ${index + 1}`,
      source: 'op-ed',
      quote: { exact },
    })),
    evidence: [],
    counterpoints: [],
    relations: [],
    assessments: [],
  };
  const file = join(scratch.path, 'reader-bundle.json');
  writeFileSync(file, JSON.stringify(bundle));
  await new Promise<void>((done, fail) =>
    execFile(
      process.execPath,
      [resolve('bin/claimtrail.js'), 'import', file],
      { env: { ...process.env, ...server.env }, timeout: 60_000 },
      (error, _out, err) => (error ? fail(new Error(`import failed: ${err}`)) : done()),
    ),
  );
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
  scratch.remove();
});

describe('the source reader with many claims', () => {
  it(`highlights every one of ${COUNT} claims, claim ${COUNT} among them, with a key and filters`, async () => {
    const call = api(server, erin);
    // The import wrote to the store beside the running server; its read model catches up.
    const sourceId = await eventually(async () => {
      const sources = await call<{ sources: { edges: Array<{ node: { id: string } }> } }>(
        '{ sources { edges { node { id } } } }',
      );
      expect(sources.sources.edges).toHaveLength(1);
      return sources.sources.edges[0]!.node.id;
    }, 20_000);
    const all = await eventually(async () => {
      const data = await call<{
        source: { claims: { totalCount: number; edges: Array<{ node: { id: string; statement: string } }> } };
      }>(
        'query($id: ID!) { source(id: $id) { claims(first: 500) { totalCount edges { node { id statement } } } } }',
        { id: sourceId },
      );
      expect(data.source.claims.totalCount).toBe(COUNT);
      return data.source.claims.edges.map((edge) => edge.node);
    }, 20_000);
    const last = all.find((claim) => claim.statement === `Generated claim ${COUNT}`)!;

    const opened = await signedInPage(browser, server, erin);
    contexts.push(opened.context);
    const page = opened.page;
    await page.goto(`/sources/${sourceId}`);
    const highlightedIds = async () =>
      new Set(
        (
          await page
            .locator('[data-testid=source-text] mark[data-claim-ids]')
            .evaluateAll((marks) => marks.map((mark) => mark.getAttribute('data-claim-ids')))
        ).flatMap((ids) => (ids ?? '').split(' ')),
      );
    await eventually(async () => expect((await highlightedIds()).size).toBe(COUNT));
    expect((await highlightedIds()).has(last.id)).toBe(true);
    expect(await page.getByTestId('reader-shown').innerText()).toBe(
      `${COUNT} of ${COUNT} claims highlighted`,
    );
    expect(await page.getByRole('list', { name: 'Highlight key' }).locator('li').count()).toBe(4);
    expect(await seriousViolations(page)).toEqual([]);

    // Filters: none of these claims is OUT, so none stays highlighted; then all of them again.
    await page.getByLabel('Label').selectOption('OUT');
    await eventually(async () => expect((await highlightedIds()).size).toBe(0));
    await page.getByLabel('Label').selectOption('');
    await page.getByLabel('Proposed by').selectOption('import');
    await eventually(async () => expect((await highlightedIds()).size).toBe(COUNT));
    expect(pageProblems(page)).toEqual([]);
  });
});
