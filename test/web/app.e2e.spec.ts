import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { gql, startServer, type TestServer } from '../support/server.js';
import {
  api,
  createToken,
  eventually,
  launchBrowser,
  pageProblems,
  screenshotDir,
  selectTextWithMouse,
  signedInPage,
  TABLET,
} from './support/browser.js';

/**
 * The web app in a real browser (Debian's Chromium through playwright-core) against the real server
 * (`npm run build` first: the server serves web/dist). One story, in order: an analyst signs in, quotes the
 * op-ed, argues about the claim; an editor watches live, runs into a conflict, and travels back in time.
 */
jest.setTimeout(30_000);

const OP_ED = readFileSync('test/fixtures/op-ed.txt', 'utf8');
const PASSAGE = "Moscow's efforts to reestablish its";

let server: TestServer;
let browser: Browser;
let scratch: string;
let shots: string;
let alice: string;
let erin: string;
let sourceId: string;
let claimId: string;
const contexts: BrowserContext[] = [];

const aliceApi = () => api(server, alice);

const open = async (token: string, viewport?: { width: number; height: number }) => {
  const opened = await signedInPage(browser, server, token, viewport);
  contexts.push(opened.context);
  return opened.page;
};

const text = async (page: Page, selector: string) =>
  (await page.locator(selector).first().innerText()).replace(/\s+/g, ' ').trim();

const standing = async (page: Page) => ({
  status: await page.locator('.standing [data-status]').first().getAttribute('data-status'),
  acceptability: await page
    .locator('.standing [data-acceptability]')
    .first()
    .getAttribute('data-acceptability'),
});

const claimVersion = async (id: string) =>
  (
    await aliceApi()<{ claim: { version: number; statement: string } }>(
      'query($id: ID!) { claim(id: $id) { version statement } }',
      { id },
    )
  ).claim;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'claimtrail-web-'));
  shots = screenshotDir(scratch);
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  [alice, erin] = await Promise.all([
    createToken(server, 'alice', 'analyst'),
    createToken(server, 'erin', 'editor'),
  ]);
  const registered = await api(server, server.adminToken)<{ registerSource: { source: { id: string } } }>(
    'mutation($input: RegisterSourceInput!) { registerSource(input: $input) { source { id } } }',
    {
      input: {
        title: "Central Asia-Russia Summit: Moscow's quest for repositioning",
        author: 'Zeynep Gizem Özpınar',
        publisher: 'Daily Sabah',
        publishedAt: '2025-10-28T00:05:00+03:00',
        language: 'en',
        text: OP_ED,
      },
    },
  );
  sourceId = registered.registerSource.source.id;
}, 90_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('the web app in a real browser', () => {
  it('is served at / beside the API, with client routes falling back to the app', async () => {
    for (const path of ['/', '/claims', '/claims/clm_x/history', '/sources/src_x', '/graph']) {
      const response = await fetch(server.url + path);
      expect({ path, status: response.status, type: response.headers.get('content-type') }).toEqual({
        path,
        status: 200,
        type: 'text/html; charset=utf-8',
      });
    }
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect((await fetch(`${server.url}/export/nothing-here`)).status).toBe(404);
    const graphql = await gql(server.graphqlUrl, '{ viewer { id } }', {}, alice);
    expect(graphql.data).toEqual({ viewer: { id: 'alice' } });
  });

  it('signs in with a pasted token, says who you are, and refuses a bad token beside the field', async () => {
    const context = await browser.newContext({ baseURL: server.url });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto('/claims');
    await page.getByLabel('Access token').fill('ct_not-a-real-token-at-all-but-long-enough-to-look-real');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.field-error').waitFor();
    expect(await text(page, '.field-error')).toContain('This token was not accepted');
    expect(await page.getByLabel('Access token').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Access token').fill(alice);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('viewer').waitFor();
    expect(await text(page, '[data-testid=viewer]')).toBe('Signed in as alice ANALYST');
    expect(await page.evaluate("sessionStorage.getItem('claimtrail.token')")).toBe(alice);
    expect(new URL(page.url()).pathname).toBe('/claims');
    // A reload keeps the session (sessionStorage), and the live connection comes up.
    await page.reload();
    await page.getByTestId('viewer').waitFor();
    await page.locator('[data-live=live]').waitFor();
  });

  it('reads the op-ed and proposes a claim from a selected passage, anchored at the occurrence selected', async () => {
    const starts = [...OP_ED.matchAll(new RegExp(PASSAGE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'))].map(
      (match) => match.index,
    );
    expect(starts.length).toBe(2);
    const second = starts[1]!;
    // Two claims anchored before: one stands (IN), one is contested by an open counterpoint (OUT).
    const call = aliceApi();
    const proposeAnchored = async (statement: string, exact: string) =>
      (
        await call<{ proposeClaim: { claim: { id: string } } }>(
          'mutation($input: ProposeClaimInput!) { proposeClaim(input: $input) { claim { id } } }',
          {
            input: { statement, sourceId, quote: { exact }, tags: ['eurasia'] },
          },
        )
      ).proposeClaim.claim.id;
    await proposeAnchored(
      'Central Asian countries read multipolarity differently from Moscow',
      'Central Asian countries interpret multipolarity differently',
    );
    const contested = await proposeAnchored(
      'Moscow wants to lead the region through institutions',
      'Moscow aims to consolidate its leadership in the region',
    );
    await call(
      'mutation($input: RaiseCounterpointInput!) { raiseCounterpoint(input: $input) { claim { id } } }',
      {
        input: {
          claimId: contested,
          text: 'The column gives no measure of how far that leadership has actually been consolidated.',
        },
      },
    );
    const page = await open(alice);
    await page.goto(`/sources/${sourceId}`);
    await page.getByTestId('source-text').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('Central Asia-Russia Summit');

    await selectTextWithMouse(page, second, second + PASSAGE.length);
    await eventually(async () =>
      expect(await page.getByLabel('Quote (exact words from the text)').inputValue()).toBe(PASSAGE),
    );
    expect(await text(page, '[data-testid=quote-preview]')).toContain(
      `(characters ${second}–${second + PASSAGE.length})`,
    );

    await page
      .getByLabel('Statement of the claim')
      .fill('Moscow is trying to re-establish its influence over Central Asia');
    await page.getByLabel('Tags').fill('russia, influence');
    await page.evaluate("document.querySelector('.reader-side').scrollTop = 0");
    await page.screenshot({ path: join(shots, 'source-reader.png') });
    await page.getByRole('button', { name: 'Propose claim' }).click();
    const link = page.locator('.success a');
    await link.waitFor();
    claimId = (await link.getAttribute('href'))!.split('/').pop()!;
    expect(claimId).toMatch(/^clm_/);

    // The API anchored it at the second occurrence, not the first: prefix and suffix told them apart.
    const anchored = await aliceApi()<{
      claim: { anchor: { quote: { start: number; end: number; exact: string } } };
    }>('query($id: ID!) { claim(id: $id) { anchor { quote { start end exact } } } }', { id: claimId });
    expect(anchored.claim.anchor.quote).toEqual({
      start: second,
      end: second + PASSAGE.length,
      exact: PASSAGE,
    });
    // …and the text now highlights it there.
    await page.locator(`mark#q-${second}[data-claim-ids~="${claimId}"]`).waitFor();
    expect(await page.locator(`mark[data-claim-ids~="${claimId}"]`).count()).toBe(1);
    expect(await page.locator('mark.hl-OUT').count()).toBe(1);
    expect(await page.locator('.anchored-claims li').count()).toBe(3);
    expect(pageProblems(page)).toEqual([]);
  });

  it('claim page: evidence and a counterpoint change status and acceptability, and API errors show beside their field', async () => {
    const page = await open(alice);
    await page.goto(`/claims/${claimId}`);
    await page.getByTestId('explanation').waitFor();
    expect(await standing(page)).toEqual({ status: 'OPEN', acceptability: 'IN' });
    expect(await text(page, '[data-testid=explanation]')).toBe('IN because nothing attacks it.');
    expect(await text(page, '.anchor')).toContain(PASSAGE);

    // Evidence, first with a citation URL the API refuses: the message lands next to the URL field.
    await page.locator('summary', { hasText: 'Attach evidence' }).click();
    const evidence = page.getByRole('form', { name: 'Attach evidence' });
    await evidence
      .getByLabel('Summary of the evidence')
      .fill(
        'The column reads the final communique as a roadmap for Moscow to reestablish itself as the center of the Eurasian order.',
      );
    await evidence.getByLabel('URL', { exact: true }).fill('ftp://example.org/communique');
    await evidence.getByRole('button', { name: 'Attach evidence' }).click();
    const url = evidence.getByLabel('URL', { exact: true });
    await eventually(async () => expect(await url.getAttribute('aria-invalid')).toBe('true'));
    const describedBy = (await url.getAttribute('aria-describedby'))!;
    const urlError = await page.locator(`[id="${describedBy.split(' ').pop()}"]`).innerText();
    expect(urlError).toMatch(/url/i);
    expect(await page.locator('.evidence-column.stance-SUPPORTS h3').innerText()).toContain('(0)');

    // No URL is invented for the column: a title is citation enough.
    await url.fill('');
    await evidence
      .getByLabel('Title', { exact: true })
      .fill("Central Asia-Russia Summit: Moscow's quest for repositioning");
    await evidence.getByRole('button', { name: 'Attach evidence' }).click();
    await eventually(async () =>
      expect(await page.locator('.evidence-column.stance-SUPPORTS h3').innerText()).toContain('(1)'),
    );
    expect(await standing(page)).toEqual({ status: 'OPEN', acceptability: 'IN' });

    // A counterpoint: CONTESTED, and OUT because it stands.
    await page.locator('summary', { hasText: 'Raise a counterpoint' }).click();
    const raise = page.getByRole('form', { name: 'Raise a counterpoint' });
    await raise
      .getByLabel('Counterpoint')
      .fill('The communique was adopted jointly, so its wording may not be Moscow’s alone.');
    await raise.getByRole('button', { name: 'Raise counterpoint' }).click();
    await eventually(async () =>
      expect(await standing(page)).toEqual({ status: 'CONTESTED', acceptability: 'OUT' }),
    );
    expect(await text(page, '[data-testid=explanation]')).toBe(
      "OUT because the open counterpoint 'The communique was adopted jointly, so its wording may not be Moscow’s alone.' stands.",
    );
    expect(await page.getByTestId('claim-version').innerText()).toBe('3');
    expect(pageProblems(page)).toEqual([]);
  });

  it('answers the counterpoint: the claim stands again', async () => {
    const page = await open(alice);
    await page.goto(`/claims/${claimId}`);
    // Alice proposed the claim: she may answer or concede; dismissing is an editor's.
    await page.getByRole('button', { name: 'Respond (answer or concede)…' }).click();
    const respond = page.getByRole('form', { name: 'Respond to the counterpoint' });
    expect(await respond.getByRole('radio').count()).toBe(2);
    // The response is required: asked for beside the field, nothing sent.
    await respond.getByRole('button', { name: 'Save response' }).click();
    await eventually(async () =>
      expect(await respond.locator('.field-error').innerText()).toContain('A response is required'),
    );
    await respond.getByLabel('Answer it').check();
    await respond
      .getByLabel('Your answer')
      .fill(
        'The claim is about Moscow’s aims, which the column reads from the text, not about who drafted it.',
      );
    await respond.getByRole('button', { name: 'Save response' }).click();
    await eventually(async () =>
      expect(await standing(page)).toEqual({ status: 'OPEN', acceptability: 'IN' }),
    );
    expect(await text(page, '.counterpoint')).toContain('ANSWERED');
    expect(await text(page, '.counterpoint .response')).toContain('not about who drafted it');
    await page.screenshot({ path: join(shots, 'claim-page.png'), fullPage: true });
    expect((await claimVersion(claimId)).version).toBe(4);
  });

  it('shows changes by others live, in a second browser context, without a reload', async () => {
    const watcher = await open(erin);
    await watcher.goto(`/claims/${claimId}`);
    await watcher.getByTestId('explanation').waitFor();
    await watcher.locator('[data-live=live]').waitFor();
    expect(await watcher.locator('.evidence-column.stance-UNDERMINES h3').innerText()).toContain('(0)');

    const actor = await open(alice);
    await actor.goto(`/claims/${claimId}`);
    await actor.locator('summary', { hasText: 'Attach evidence' }).click();
    const evidence = actor.getByRole('form', { name: 'Attach evidence' });
    await evidence.getByLabel('Undermines the claim (against)').check();
    await evidence
      .getByLabel('Summary of the evidence')
      .fill(
        'The column itself says the capitals balance Russia with other partners through a multivector policy.',
      );
    await evidence
      .getByLabel('Title', { exact: true })
      .fill("Central Asia-Russia Summit: Moscow's quest for repositioning");
    await evidence.getByRole('button', { name: 'Attach evidence' }).click();

    const navigations: string[] = [];
    watcher.on('framenavigated', (frame) => navigations.push(frame.url()));
    await eventually(
      async () =>
        expect(await watcher.locator('.evidence-column.stance-UNDERMINES h3').innerText()).toContain('(1)'),
      10_000,
    );
    expect(await watcher.getByTestId('claim-version').innerText()).toBe('5');
    expect(await text(watcher, '.live-note')).toContain('alice');
    await watcher.locator('.toast').first().waitFor();
    // The toast says what happened in words, the claim named by its first words.
    expect(await text(watcher, '.toast')).toContain(
      "alice attached undermining evidence 'Central Asia-Russia Summit: Moscow's quest for repositioning' to 'Moscow is trying to re-establish its influence…'",
    );
    expect(navigations).toEqual([]);
  });

  it('shows a conflict, with the new version, instead of overwriting a change made meanwhile', async () => {
    const editor = await open(erin);
    await editor.goto(`/claims/${claimId}`);
    await editor.getByTestId('explanation').waitFor();
    const seen = Number(await editor.getByTestId('claim-version').innerText());
    await editor.locator('summary', { hasText: 'Revise the statement' }).click();
    const revise = editor.getByRole('form', { name: 'Revise the statement' });
    await revise
      .getByLabel('New statement')
      .fill('Moscow seeks to restore its influence in Central Asia, with mixed success');
    await revise.getByLabel('Reason for the revision').fill('Sharper wording');

    // Someone else changes the claim while the editor is still typing.
    await aliceApi()('mutation($input: TagClaimInput!) { tagClaim(input: $input) { claim { version } } }', {
      input: { claimId, add: ['eurasia'], expectedVersion: seen },
    });
    await revise.getByRole('button', { name: 'Save revision' }).click();
    const conflict = revise.locator('.conflict');
    await conflict.waitFor();
    const message = (await conflict.innerText()).replace(/\s+/g, ' ');
    expect(message).toContain('Conflict: someone else changed this claim while you were editing.');
    expect(message).toContain(`You saw version ${seen}; it is now at version ${seen + 1}.`);
    expect(message).toContain('not saved');
    expect(await claimVersion(claimId)).toEqual({
      version: seen + 1,
      statement: 'Moscow is trying to re-establish its influence over Central Asia',
    });
    // Live updates brought the page to the new version (the new tag shows); the editor carries on from it.
    await eventually(async () =>
      expect(await editor.locator('.claim-header .tags').innerText()).toContain('eurasia'),
    );
    await revise.getByRole('button', { name: `Continue from version ${seen + 1}` }).click();
    await revise.getByRole('button', { name: 'Save revision' }).click();
    await eventually(async () =>
      expect(await editor.getByRole('heading', { level: 1 }).innerText()).toBe(
        'Moscow seeks to restore its influence in Central Asia, with mixed success',
      ),
    );
    expect((await claimVersion(claimId)).version).toBe(seen + 2);
  });

  it('history: the audit trail as a timeline, and a slider back to an earlier state', async () => {
    const page = await open(alice);
    await page.goto(`/claims/${claimId}/history`);
    const entries = page.locator('.timeline > li');
    await eventually(async () => expect(await entries.count()).toBe(7));
    const newest = (await entries.first().innerText()).replace(/\s+/g, ' ');
    expect(newest).toContain('v7');
    expect(newest).toContain('erin');
    expect(newest).toContain('Reason: Sharper wording');
    // Summaries read as sentences, naming the claim and the counterpoint by their words, never by ids.
    const timeline = await text(page, '.timeline');
    expect(timeline).toContain(
      "erin revised 'Moscow is trying to re-establish its influence over Central Asia' to 'Moscow seeks to restore its influence in Central Asia, with mixed success'",
    );
    expect(timeline).toContain(
      "alice answered the counterpoint 'The communique was adopted jointly, so its wording…' on 'Moscow is trying to re-establish its influence…'",
    );
    expect(timeline).not.toMatch(/\b(clm|src|evd|cpt|tok)_[0-9A-HJKMNP-TV-Z]{26}\b/);

    const probe = await gql(
      server.graphqlUrl,
      'query($id: ID!) { claim(id: $id, atVersion: 1) { version } }',
      { id: claimId },
      alice,
    );
    const notServed = probe.errors?.some((error) => /not served by this version yet/i.test(error.message));
    if (notServed) {
      // Time travel is another engineer's work in progress; until the server serves it, the page says so.
      console.warn(
        'SKIPPED the history-slider assertion: this server answers claim(atVersion) with "not served by this version yet".',
      );
      await page.getByTestId('time-travel-unavailable').waitFor();
      return;
    }
    expect(probe.errors).toBeUndefined();

    // Keyboard: Home goes to version 1, two steps right to version 3 (the counterpoint was open then).
    const slider = page.getByLabel(/Show the claim as it stood after version/);
    await slider.focus();
    await page.keyboard.press('Home');
    await eventually(async () =>
      expect(await page.getByTestId('snapshot').getAttribute('data-snapshot-version')).toBe('1'),
    );
    expect(await page.locator('[data-testid=snapshot] .evidence').count()).toBe(0);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await eventually(async () =>
      expect(await page.getByTestId('snapshot').getAttribute('data-snapshot-version')).toBe('3'),
    );
    const then = (await page.locator('.then-now').innerText()).replace(/\s+/g, ' ');
    expect(then).toContain('Then: Status: CONTESTED Acceptability: OUT');
    expect(then).toContain('Now: Status: OPEN');
    expect(await text(page, '[data-testid=snapshot] [data-testid=explanation]')).toContain(
      "OUT because the open counterpoint 'The communique was adopted jointly",
    );
    expect(await text(page, '.then-statement')).toContain(
      'Moscow is trying to re-establish its influence over Central Asia',
    );
    expect(await page.locator('.timeline > li[aria-current=step]').innerText()).toContain('v3');
    const graphProbe = await gql(
      server.graphqlUrl,
      'query($id: ID) { argumentGraph(rootId: $id, asOf: "2100-01-01T00:00:00Z") { asOf } }',
      { id: claimId },
      alice,
    );
    if (graphProbe.errors?.some((error) => /not served by this version yet/i.test(error.message))) {
      console.warn(
        'SKIPPED the graph-as-of assertion: this server answers argumentGraph(asOf) with "not served by this version yet".',
      );
    } else {
      await page.locator('.snapshot-card .graph-canvas[data-ready=true]').waitFor();
    }
    await page.screenshot({ path: join(shots, 'history.png'), fullPage: true });
    expect(pageProblems(page)).toEqual([]);
  });

  it('argument graph: supports, attacks and undercuts drawn around the claim, clickable', async () => {
    const call = aliceApi();
    const propose = async (statement: string) =>
      (
        await call<{ proposeClaim: { claim: { id: string } } }>(
          'mutation($input: ProposeClaimInput!) { proposeClaim(input: $input) { claim { id } } }',
          { input: { statement } },
        )
      ).proposeClaim.claim.id;
    const link = (fromClaimId: string, toClaimId: string, kind: string) =>
      call('mutation($input: LinkClaimsInput!) { linkClaims(input: $input) { claim { id } } }', {
        input: { fromClaimId, toClaimId, kind },
      });
    const attacker = await propose('Central Asian states now negotiate with Moscow as equals');
    const supporter = await propose('The summit adopted a Russian-language organisation');
    const undercutter = await propose('Communique wording says little about actual influence');
    await link(attacker, claimId, 'ATTACKS');
    await link(supporter, claimId, 'SUPPORTS');
    await link(undercutter, attacker, 'UNDERCUTS');

    const page = await open(alice);
    await page.goto(`/claims/${claimId}/graph`);
    const canvas = page.locator('.graph-canvas[data-ready=true]');
    await canvas.waitFor();
    expect(await canvas.getAttribute('data-node-count')).toBe('4');
    expect(await canvas.getAttribute('data-edge-count')).toBe('3');
    expect(await page.locator('.graph-text li').allTextContents()).toEqual(
      expect.arrayContaining([
        expect.stringContaining('attacks'),
        expect.stringContaining('supports'),
        expect.stringContaining('undercuts'),
      ]),
    );
    await page.screenshot({ path: join(shots, 'graph.png') });

    // Click the attacker's node on the canvas: its claim opens.
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    const position = (await page.evaluate(
      `document.querySelector('.graph-canvas')._cyreg.cy.getElementById(${JSON.stringify(attacker)}).renderedPosition()`,
    )) as { x: number; y: number };
    await page.mouse.click(box.x + position.x, box.y + position.y);
    await page.waitForURL(`**/claims/${attacker}`);
    // The attacker is itself undercut by an IN claim: OUT, explained.
    await page.getByTestId('explanation').waitFor();
    expect(await text(page, '[data-testid=explanation]')).toBe(
      "OUT because the claim 'Communique wording says little about actual influence' undercuts it and stands (IN).",
    );

    // The whole graph (top navigation), laid out by cose.
    await page.getByRole('link', { name: 'Graph', exact: true }).click();
    await page.waitForURL('**/graph');
    const all = page.locator('.graph-canvas[data-ready=true]');
    await all.waitFor();
    expect(await all.getAttribute('data-node-count')).toBe('6');
    expect(pageProblems(page)).toEqual([]);
  });

  it('claim board: filters, full-text search, sort and cursor pages', async () => {
    const call = aliceApi();
    for (let index = 1; index <= 8; index++) {
      await call('mutation($input: ProposeClaimInput!) { proposeClaim(input: $input) { claim { id } } }', {
        input: { statement: `Board filler claim number ${index} about pipelines`, tags: ['filler'] },
      });
    }
    const page = await open(alice);
    await page.goto('/claims');
    const rows = page.locator('table.claims-table tbody tr');
    await eventually(async () => expect(await rows.count()).toBe(14));
    expect(await text(page, 'header .meta')).toContain('Showing 1–14 of 14 claims');
    await page.screenshot({ path: join(shots, 'claim-board.png') });

    // Acceptability OUT: the undercut attacker and the contested claim from the reader.
    await page.getByRole('group', { name: 'Acceptability' }).getByLabel('OUT').check();
    await eventually(async () => expect(await rows.count()).toBe(2));
    expect(await page.locator(`tr[data-claim-id="${claimId}"]`).count()).toBe(0);
    const labels = await Promise.all(
      (await rows.locator('[data-acceptability]').all()).map((badge) =>
        badge.getAttribute('data-acceptability'),
      ),
    );
    expect(labels).toEqual(['OUT', 'OUT']);
    // …and with status CONTESTED too: only the latter.
    await page.getByRole('group', { name: 'Status' }).getByLabel('Contested').check();
    await eventually(async () => expect(await rows.count()).toBe(1));
    expect(await text(page, 'table.claims-table tbody tr')).toContain(
      'Moscow wants to lead the region through institutions',
    );
    expect(page.url()).toContain('acceptability=OUT');
    await page.getByRole('button', { name: 'Clear filters' }).click();

    // Full-text search reaches evidence summaries too.
    await page.getByLabel('Search statements, evidence and counterpoints').fill('communique');
    await page.getByLabel('Search statements, evidence and counterpoints').press('Enter');
    await page.waitForURL(/q=communique/);
    await eventually(async () => {
      expect(await text(page, 'header .meta')).not.toContain('updating');
      expect(await page.locator(`tr[data-claim-id="${claimId}"]`).count()).toBe(1);
      expect(await rows.count()).toBeLessThan(14);
    });
    // Ranked best match first, and a claim found through its evidence or counterpoint says where.
    expect(await page.getByLabel('Sort').inputValue()).toBe('RELEVANCE:DESC');
    const snippet = page.locator(`tr[data-claim-id="${claimId}"] .match-snippet`);
    expect(await snippet.innerText()).toMatch(/^(Evidence|Counterpoint): /);
    expect((await snippet.locator('mark').allInnerTexts()).map((word) => word.toLowerCase())).toContain(
      'communique',
    );
    // A search with no word to look for is explained beside the search field.
    await page.getByLabel('Search statements, evidence and counterpoints').fill('* — %');
    await page.getByLabel('Search statements, evidence and counterpoints').press('Enter');
    await eventually(async () =>
      expect(
        await page.getByLabel('Search statements, evidence and counterpoints').getAttribute('aria-invalid'),
      ).toBe('true'),
    );
    await page.getByRole('button', { name: 'Clear filters' }).click();

    // Tag filter, statement sort A→Z, pages of 10.
    await page.getByLabel('With all tags').fill('filler');
    await page.getByLabel('With all tags').press('Enter');
    await eventually(async () => expect(await rows.count()).toBe(8));
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByLabel('Sort').selectOption('STATEMENT:ASC');
    await page.getByLabel('Per page').selectOption('10');
    await eventually(async () => expect(await rows.count()).toBe(10));
    const firstPage = await rows.locator('.col-statement > a').allInnerTexts();
    expect([...firstPage].sort((a, b) => a.localeCompare(b))).toEqual(firstPage);
    await page.getByRole('button', { name: 'Next page →' }).click();
    await eventually(async () => expect(await rows.count()).toBe(4));
    expect(await text(page, 'header .meta')).toContain('Showing 11–14 of 14 claims');
    // Each row shows status, acceptability and counts at a glance ('Moscow seeks…' sorts onto page 2).
    const row = page.locator(`tr[data-claim-id="${claimId}"]`);
    expect((await row.innerText()).replace(/\s+/g, ' ')).toMatch(
      /OPEN .*IN .*1 for .*1 against .*0\/1 counterpoints open .*2 links/,
    );
    await page.getByRole('button', { name: '← Previous page' }).click();
    await eventually(async () => expect(await rows.count()).toBe(10));
    expect(pageProblems(page)).toEqual([]);
  });

  it('works at tablet width: nothing overflows sideways', async () => {
    const page = await open(alice, TABLET);
    for (const path of [
      `/claims/${claimId}`,
      `/sources/${sourceId}`,
      '/claims',
      `/claims/${claimId}/history`,
    ]) {
      await page.goto(path);
      await page.locator('main h1').waitFor();
      await page.waitForLoadState('networkidle');
      const overflow = (await page.evaluate(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      )) as number;
      expect({ path, overflow }).toEqual({ path, overflow: 0 });
    }
    await page.goto(`/claims/${claimId}`);
    await page.getByTestId('explanation').waitFor();
    await page.screenshot({ path: join(shots, 'claim-page-tablet.png') });
  });

  it('a fair debate: the counterpoint’s author rebuts the proposer’s answer, and the thread shows both', async () => {
    const erinApi = api(server, erin);
    const proposed = await aliceApi()<{ proposeClaim: { claim: { id: string } } }>(
      'mutation { proposeClaim(input: { statement: "The summit showed Moscow repositioning itself" }) { claim { id } } }',
    );
    const id = proposed.proposeClaim.claim.id;
    const raised = await erinApi<{ raiseCounterpoint: { claim: { counterpoints: Array<{ id: string }> } } }>(
      'mutation($id: ID!) { raiseCounterpoint(input: { claimId: $id, text: "Repositioning is the column’s word, not the communique’s" }) { claim { counterpoints { id } } } }',
      { id },
    );
    await aliceApi()(
      'mutation($id: ID!, $cpt: ID!) { respondToCounterpoint(input: { claimId: $id, counterpointId: $cpt, resolution: ANSWERED, response: "The column quotes the summit agenda" }) { claim { id } } }',
      { id, cpt: raised.raiseCounterpoint.claim.counterpoints[0]!.id },
    );

    // The proposer answered; only the counterpoint's author (or an editor) may rebut it.
    const proposer = await open(alice);
    await proposer.goto(`/claims/${id}`);
    await proposer.getByTestId('explanation').waitFor();
    expect(await text(proposer, '[data-testid=explanation]')).toBe('IN because nothing attacks it.');
    expect(await proposer.getByRole('button', { name: 'Rebut the response and reopen…' }).count()).toBe(0);

    const author = await open(erin);
    await author.goto(`/claims/${id}`);
    await author.getByRole('button', { name: 'Rebut the response and reopen…' }).click();
    const rebut = author.getByRole('form', { name: 'Rebut the response' });
    await rebut.getByLabel('Your rebuttal').fill('An agenda is not a communique');
    await rebut.getByLabel('Why reopen it?').fill('The answer cites the wrong document');
    await rebut.getByRole('button', { name: 'Reopen with this rebuttal' }).click();
    await eventually(async () =>
      expect(await standing(author)).toEqual({ status: 'CONTESTED', acceptability: 'OUT' }),
    );
    expect(await text(author, '[data-testid=explanation]')).toBe(
      "OUT because the open counterpoint 'Repositioning is the column’s word, not the communique’s' stands.",
    );
    const entries = author.locator('.counterpoint .thread-entry');
    expect(await entries.count()).toBe(2);
    expect(await entries.nth(0).innerText()).toContain('Answer: The column quotes the summit agenda');
    expect(await entries.nth(1).innerText()).toContain('Rebuttal: An agenda is not a communique');
    expect(await entries.nth(1).innerText()).toContain(
      'Reopened because: The answer cites the wrong document',
    );
    expect(pageProblems(author)).toEqual([]);
  });
});
