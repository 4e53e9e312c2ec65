import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type TestServer } from '../support/server.js';
import { tempDir } from '../support/temp-dir.js';
import { seriousViolations } from './support/axe.js';
import {
  api,
  createToken,
  eventually,
  launchBrowser,
  pageProblems,
  screenshotDir,
  signedInPage,
} from './support/browser.js';

/**
 * The editors' review queue (/review) and the activity feed (/activity) in a real browser against the real
 * server: an editor watches while an analyst, in another browser context, revises a claim the editor had
 * assessed. Statements are plainly synthetic.
 */
jest.setTimeout(60_000);

let server: TestServer;
let browser: Browser;
let alice: string;
let erin: string;
const contexts: BrowserContext[] = [];
const scratch = tempDir('desk');

const open = async (token: string) => {
  const opened = await signedInPage(browser, server, token);
  contexts.push(opened.context);
  return opened.page;
};

const propose = async (statement: string) =>
  (
    await api(server, alice)<{ proposeClaim: { claim: { id: string } } }>(
      'mutation($input: ProposeClaimInput!) { proposeClaim(input: $input) { claim { id } } }',
      { input: { statement } },
    )
  ).proposeClaim.claim.id;

/** The analyst revises the claim through its page, in her own browser context. */
const reviseInBrowser = async (page: Page, claimId: string, statement: string, reason: string) => {
  await page.goto(`/claims/${claimId}`);
  await page.getByTestId('explanation').waitFor();
  await page.locator('summary', { hasText: 'Revise the statement' }).click();
  const form = page.getByRole('form', { name: 'Revise the statement' });
  await form.getByLabel('New statement').fill(statement);
  await form.getByLabel('Reason for the revision').fill(reason);
  await form.getByRole('button', { name: 'Save revision' }).click();
  await eventually(async () => expect(await page.locator('h1').first().innerText()).toContain(statement));
};

const queueIds = async (page: Page, queue: string) =>
  page
    .locator(`[data-queue=${queue}] [data-claim-id]`)
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-claim-id')));

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  [alice, erin] = await Promise.all([
    createToken(server, 'alice', 'analyst'),
    createToken(server, 'erin', 'editor'),
  ]);
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
  scratch.remove();
});

describe("the editors' desk", () => {
  it('review queue: a verdict goes stale, live, when the claim is revised in another browser context', async () => {
    const claimId = await propose('Generated claim for the review queue');
    const waiting = await propose('Generated claim nobody has assessed');
    await api(server, erin)(
      'mutation($input: AssessClaimInput!) { assessClaim(input: $input) { claim { version } } }',
      { input: { claimId, verdict: 'MIXED', confidence: 0.6, rationale: 'Half of it holds' } },
    );
    const editor = await open(erin);
    await editor.getByRole('link', { name: 'Review', exact: true }).click();
    await eventually(async () => expect(await queueIds(editor, 'never-assessed')).toEqual([waiting]));
    expect(await queueIds(editor, 'stale')).toEqual([]);
    expect(await editor.getByTestId('count-stale').innerText()).toBe('0');
    expect(await seriousViolations(editor)).toEqual([]);

    const analyst = await open(alice);
    await reviseInBrowser(analyst, claimId, 'Generated claim for the review queue, revised', 'Clearer');

    // No reload on the editor's page: the live update brings the claim into the stale queue.
    await eventually(async () => expect(await queueIds(editor, 'stale')).toEqual([claimId]));
    expect(await editor.getByTestId('count-stale').innerText()).toBe('1');
    const row = editor.locator(`[data-queue=stale] [data-claim-id="${claimId}"]`);
    expect(await row.getByRole('link').first().innerText()).toBe(
      'Generated claim for the review queue, revised',
    );
    expect((await row.getByTestId('stale-note').innerText()).trim()).toMatch(
      /^· verdict MIXED on version 2; the claim is at version 3$/,
    );
    await editor.screenshot({ path: join(screenshotDir(scratch.path), 'review-queue.png') });
    expect(pageProblems(editor)).toEqual([]);
    expect(pageProblems(analyst)).toEqual([]);
  });

  it('activity feed: a change made in another browser context appears live, in words, linking to that moment', async () => {
    const claimId = await propose('Generated claim for the activity feed');
    const editor = await open(erin);
    await editor.getByRole('link', { name: 'Activity', exact: true }).click();
    const feed = editor.getByTestId('feed');
    await eventually(async () =>
      expect(await feed.locator('.feed-words').first().innerText()).toBe(
        'alice proposed “Generated claim for the activity feed”',
      ),
    );
    expect(await seriousViolations(editor)).toEqual([]);

    const analyst = await open(alice);
    await reviseInBrowser(analyst, claimId, 'Generated claim for the activity feed, revised', 'Tighter');

    const newest = feed.locator('.feed-entry').first();
    await eventually(async () =>
      expect(await newest.locator('.feed-words').innerText()).toBe(
        'alice revised “Generated claim for the activity feed, revised”, which read “Generated claim for the activity feed”',
      ),
    );
    expect(await newest.locator('.feed-reason').innerText()).toBe(' — “Tighter”');
    // Each entry speaks of the claim as it was then: the proposal keeps its first wording.
    expect(
      await feed.locator(`[data-type=ClaimProposed][data-subject="${claimId}"] .feed-words`).innerText(),
    ).toBe('alice proposed “Generated claim for the activity feed”');
    expect(await feed.innerText()).not.toMatch(/clm_/);
    await editor.screenshot({ path: join(screenshotDir(scratch.path), 'activity.png') });

    // Filters: by actor (asked of the API) and by type.
    await editor.getByLabel('Type').selectOption('ClaimAssessed');
    await eventually(async () => expect(await feed.locator('.feed-entry').count()).toBe(1));
    await editor.getByLabel('Type').selectOption('');
    await editor.getByLabel('Actor').selectOption('erin');
    await eventually(async () =>
      expect(await feed.locator('.feed-entry').evaluateAll((rows) => rows.length)).toBe(1),
    );
    expect(await feed.locator('.feed-words').first().innerText()).toMatch(/^erin assessed /);
    await editor.getByLabel('Actor').selectOption('');

    // The entry links to the map at that moment, focused on the claim.
    await eventually(async () =>
      expect([await newest.getAttribute('data-type'), await newest.getAttribute('data-subject')]).toEqual([
        'ClaimRevised',
        claimId,
      ]),
    );
    await newest.getByRole('link', { name: 'on the map at that moment' }).click();
    await eventually(async () =>
      expect(await editor.getByTestId('map-focus').innerText()).toBe(
        'Generated claim for the activity feed, revised',
      ),
    );
    expect(pageProblems(editor)).toEqual([]);
  });

  it('claim page: a stale verdict explained, the statement then and now word by word, standing with causes', async () => {
    const claimId = await propose('Generated claim for the editor panel');
    await api(server, erin)(
      'mutation($input: AssessClaimInput!) { assessClaim(input: $input) { claim { version } } }',
      { input: { claimId, verdict: 'MIXED', confidence: 0.5, rationale: 'Partly' } },
    );
    await api(server, alice)(
      'mutation($input: ReviseClaimInput!) { reviseClaim(input: $input) { claim { version } } }',
      { input: { claimId, statement: 'Generated claim for the new editor panel', reason: 'Reworded' } },
    );
    const editor = await open(erin);
    await editor.goto(`/claims/${claimId}`);
    const banner = editor.getByTestId('stale-banner');
    await banner.waitFor();
    expect((await banner.innerText()).replace(/\s+/g, ' ')).toMatch(
      /^The verdict is stale\. MIXED was given on version 2; the claim changed at version 3 \(alice: claim revised, .+\)\. It is now at version 3\./,
    );
    expect(await banner.locator('ins').allTextContents()).toEqual(['added: new ']);
    expect(await banner.locator('del').count()).toBe(0);

    await editor.locator('summary', { hasText: 'Statement revisions (1)' }).click();
    const revision = editor.getByTestId('revision');
    expect(await revision.innerText()).toMatch(/^Version 3, alice, .+ \(“Reworded”\):/);
    expect(await revision.locator('ins').allTextContents()).toEqual(['added: new ']);

    await editor.locator('summary', { hasText: 'Its standing through time' }).click();
    expect((await editor.locator('.standing-history li').first().innerText()).replace(/\s+/g, ' ')).toMatch(
      /: entered the debate as Acceptability: IN — alice: claim proposed$/,
    );
    expect(await seriousViolations(editor)).toEqual([]);
    expect(pageProblems(editor)).toEqual([]);
  });
});
