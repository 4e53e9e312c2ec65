import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type TestServer } from '../support/server.js';
import {
  api,
  createToken,
  eventually,
  launchBrowser,
  pageProblems,
  selectTextWithMouse,
  signedInPage,
} from './support/browser.js';

/**
 * The forms built from the shared field components (web/src/components/forms/), in a real browser against
 * the real server: registering a source through the citation fields that evidence and counterpoints use
 * too, and the propose form (its own component, which the source reader hosts) proposing from a selection
 * and from typed words.
 */
jest.setTimeout(30_000);

const OP_ED = readFileSync('test/fixtures/op-ed.txt', 'utf8');
const TITLE = "Central Asia-Russia Summit: Moscow's quest for repositioning";
const UNIQUE = 'Central Asian countries interpret multipolarity differently';
const TWICE = "Moscow's efforts to reestablish its";

let server: TestServer;
let browser: Browser;
let alice: string;
const contexts: BrowserContext[] = [];

const open = async (token: string): Promise<Page> => {
  const opened = await signedInPage(browser, server, token);
  contexts.push(opened.context);
  return opened.page;
};

const sourceCount = async () =>
  (await api(server, alice)<{ sources: { totalCount: number } }>('{ sources { totalCount } }')).sources
    .totalCount;

/** The error text a field points at through aria-describedby. */
const errorOf = async (page: Page, field: ReturnType<Page['getByLabel']>) => {
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(' ');
  const id = ids.find((candidate) => candidate.endsWith('-error'));
  return id ? (await page.locator(`[id="${id}"]`).innerText()).trim() : '';
};

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  alice = await createToken(server, 'alice', 'analyst');
}, 90_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

describe('forms built from the shared fields', () => {
  let sourceId: string;

  it('registers a source through the citation fields, with local and API errors beside their fields', async () => {
    const page = await open(alice);
    await page.goto('/sources');
    await page.locator('summary', { hasText: 'Register a source' }).click();
    const form = page.getByRole('form', { name: 'Register a source' });
    // The description of a source is the citation fields (as on evidence), plus language and text.
    const labels = await form.locator('.field > label').allInnerTexts();
    expect(labels.map((text) => text.replace(/\s+/g, ' ').trim())).toEqual([
      'Title (required)',
      'URL',
      'Author',
      'Publisher',
      'Published on',
      'Language',
      'Text',
    ]);

    // No title: refused beside the field, before anything is sent.
    await form.getByRole('button', { name: 'Register source' }).click();
    const title = form.getByLabel('Title');
    await eventually(async () => expect(await title.getAttribute('aria-invalid')).toBe('true'));
    expect(await errorOf(page, title)).toContain('A title is required.');
    expect(await sourceCount()).toBe(0);

    // A URL the API refuses: its message lands beside the URL field (extensions.field = url).
    await title.fill(TITLE);
    await form.getByLabel('URL').fill('op-ed.txt');
    await form.getByLabel('Author').fill('Zeynep Gizem Özpınar');
    await form.getByLabel('Publisher').fill('Daily Sabah');
    await form.getByLabel('Published on').fill('2025-10-28');
    await form.getByLabel('Language').fill('en');
    await form.getByLabel('Text').fill(OP_ED);
    await form.getByRole('button', { name: 'Register source' }).click();
    const url = form.getByLabel('URL');
    await eventually(async () => expect(await url.getAttribute('aria-invalid')).toBe('true'));
    expect(await errorOf(page, url)).toMatch(/http\(s\) URL/);
    expect(await title.getAttribute('aria-invalid')).toBeNull();
    expect(await sourceCount()).toBe(0);

    // Without the URL it registers, and the reader opens on the new source.
    await url.fill('');
    await form.getByRole('button', { name: 'Register source' }).click();
    await page.waitForURL(/\/sources\/src_/);
    sourceId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByTestId('source-text').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(TITLE);
    const stored = await api(server, alice)<{
      source: Record<string, string | number | null>;
    }>('query($id: ID!) { source(id: $id) { title url author publisher publishedAt language textLength } }', {
      id: sourceId,
    });
    expect(stored.source).toEqual({
      title: TITLE,
      url: null,
      author: 'Zeynep Gizem Özpınar',
      publisher: 'Daily Sabah',
      publishedAt: expect.stringMatching(/^2025-10-28T00:00:00(\.000)?Z$/),
      language: 'en',
      textLength: OP_ED.length,
    });
    expect(pageProblems(page)).toEqual([]);
  });

  it('proposes from a selection, and from typed words with the occurrence chosen by keyboard', async () => {
    const page = await open(alice);
    await page.goto(`/sources/${sourceId}`);
    await page.getByTestId('source-text').waitFor();
    const form = page.getByRole('form', { name: 'Propose a claim' });
    const quote = form.getByLabel('Quote (exact words from the text)');
    const statement = form.getByLabel('Statement of the claim');

    // A selection in the reader's text becomes the quote, and the (untouched) statement follows it.
    const unique = OP_ED.indexOf(UNIQUE);
    await selectTextWithMouse(page, unique, unique + UNIQUE.length);
    await eventually(async () => expect(await quote.inputValue()).toBe(UNIQUE));
    expect(await statement.inputValue()).toBe(UNIQUE);
    // The count under the statement is against the domain's limit (STATEMENT_LENGTH.max).
    expect(await form.locator('.counter').first().innerText()).toBe(`${UNIQUE.length} / 2000 characters`);
    await statement.fill('Central Asian states read multipolarity their own way');
    await form.getByRole('button', { name: 'Propose claim' }).click();
    await form.locator('.success a').waitFor();
    const firstId = (await form.locator('.success a').getAttribute('href'))!.split('/').pop()!;
    await page.locator(`mark[data-claim-ids~="${firstId}"]`).waitFor();
    expect(await quote.inputValue()).toBe('');

    // Typed words that occur twice: the form asks which, and the keyboard answers.
    const starts = [...OP_ED.matchAll(/Moscow's efforts to reestablish its/g)].map((match) => match.index);
    expect(starts).toHaveLength(2);
    await quote.fill(TWICE);
    expect(await form.locator('.hint', { hasText: 'occur 2 times' }).count()).toBe(1);
    const which = form.getByLabel('Which occurrence?');
    await which.focus();
    await page.keyboard.press('ArrowDown');
    await eventually(async () => expect(await which.inputValue()).toBe('1'));
    expect(await form.getByTestId('quote-preview').innerText()).toContain(
      `(characters ${starts[1]}–${starts[1]! + TWICE.length})`,
    );
    await statement.fill('Moscow is trying to re-establish its influence over Central Asia');
    // A tag the domain's TAG_PATTERN refuses: said beside the field, nothing sent.
    const tags = form.getByLabel('Tags');
    await tags.fill('russia, Not A Tag');
    await form.getByRole('button', { name: 'Propose claim' }).click();
    await eventually(async () => expect(await tags.getAttribute('aria-invalid')).toBe('true'));
    expect(await errorOf(page, tags)).toContain('"Not" is not a tag: it must be lower-case words');
    await tags.fill('russia, influence');
    await form.getByRole('button', { name: 'Propose claim' }).click();
    await eventually(async () =>
      expect(await form.locator('.success a').getAttribute('href')).not.toBe(`/claims/${firstId}`),
    );
    const secondId = (await form.locator('.success a').getAttribute('href'))!.split('/').pop()!;

    const claims = await api(server, alice)<{
      source: {
        claims: {
          edges: Array<{
            node: { id: string; tags: string[]; anchor: { quote: { start: number; exact: string } } };
          }>;
        };
      };
    }>(
      'query($id: ID!) { source(id: $id) { claims { edges { node { id tags anchor { quote { start exact } } } } } } }',
      {
        id: sourceId,
      },
    );
    const byId = new Map(claims.source.claims.edges.map(({ node }) => [node.id, node]));
    expect(byId.size).toBe(2);
    expect(byId.get(firstId)!.anchor.quote).toEqual({ start: unique, exact: UNIQUE });
    expect(byId.get(secondId)!.anchor.quote).toEqual({ start: starts[1], exact: TWICE });
    expect(byId.get(secondId)!.tags).toEqual(['russia', 'influence']);
    expect(pageProblems(page)).toEqual([]);
  });

  it('takes the citation rule from the server: evidence without a URL or a title is refused beside the citation', async () => {
    const claimId = (
      await api(server, alice)<{ proposeClaim: { claim: { id: string } } }>(
        'mutation($input: ProposeClaimInput!) { proposeClaim(input: $input) { claim { id } } }',
        { input: { statement: 'Moscow wants to lead the region through institutions' } },
      )
    ).proposeClaim.claim.id;
    const page = await open(alice);
    await page.goto(`/claims/${claimId}`);
    await page.locator('summary', { hasText: 'Attach evidence' }).click();
    const evidence = page.getByRole('form', { name: 'Attach evidence' });
    const citation = evidence.locator('fieldset.citation');
    expect((await citation.locator('.field > label').allInnerTexts()).map((text) => text.trim())).toEqual([
      'URL',
      'Title',
      'Author',
      'Publisher',
      'Published on',
      'Reliability (0 to 1)',
      'Quote from the cited work',
    ]);
    await evidence
      .getByLabel('Summary of the evidence')
      .fill('The column reads the final communique as a roadmap for Moscow.');
    await evidence.getByRole('button', { name: 'Attach evidence' }).click();
    await eventually(async () =>
      expect(await citation.locator('> .field-error').innerText()).toMatch(
        /needs at least a url or a title/i,
      ),
    );
    const version = await api(server, alice)<{ claim: { version: number; evidence: unknown[] } }>(
      'query($id: ID!) { claim(id: $id) { version evidence { id } } }',
      { id: claimId },
    );
    expect(version.claim).toEqual({ version: 1, evidence: [] });
    expect(pageProblems(page)).toEqual([]);
  });
});
