import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { gql, type TestServer } from '../../support/server.js';

/** Debian's Chromium, which CI installs (`apt-get install -y chromium`); Playwright's own download is not used. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/**
 * Flags for a closed network: no background connections, no component updates. Playwright starts every
 * launch with a new empty profile directory of its own (it refuses a --user-data-dir flag).
 */
export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

export const LAPTOP = { width: 1366, height: 768 } as const;
export const TABLET = { width: 768, height: 1024 } as const;

const PROBLEMS = new WeakMap<Page, string[]>();

/** A fresh browser context (its own sessionStorage) on the server, signed in through the sign-in form. */
export const signedInPage = async (
  browser: Browser,
  server: TestServer,
  token: string,
  viewport: { width: number; height: number } = LAPTOP,
): Promise<{ context: BrowserContext; page: Page }> => {
  const context = await browser.newContext({ viewport, baseURL: server.url });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text()))
      problems.push(message.text());
  });
  PROBLEMS.set(page, problems);
  await page.goto('/');
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('viewer').waitFor();
  return { context, page };
};

/** Errors the page logged (uncaught exceptions and console errors). */
export const pageProblems = (page: Page): string[] => PROBLEMS.get(page) ?? [];

/** Retries an assertion until it passes or the time is up (playwright-core has no auto-waiting expect). */
export const eventually = async <T>(
  check: () => Promise<T> | T,
  timeoutMs = 10_000,
  intervalMs = 100,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((done) => setTimeout(done, intervalMs));
    }
  }
};

/** `token create` through the real CLI against the running server's data dir; resolves once the server accepts it. */
export const createToken = async (
  server: TestServer,
  actor: string,
  role: 'viewer' | 'analyst' | 'editor' | 'admin',
): Promise<string> => {
  const stdout = await new Promise<string>((done, fail) =>
    execFile(
      process.execPath,
      [resolve('bin/claimtrail.js'), 'token', 'create', '--actor', actor, '--role', role],
      { env: { ...process.env, CLAIMTRAIL_DATA_DIR: server.dataDir }, timeout: 20_000 },
      (error, out, err) => (error ? fail(new Error(`token create failed: ${err}`)) : done(out)),
    ),
  );
  const token = stdout.trim();
  await eventually(async () => {
    const response = await gql<{ viewer: { id: string } }>(server.graphqlUrl, '{ viewer { id } }', {}, token);
    if (response.data?.viewer.id !== actor) throw new Error(`token for ${actor} not accepted yet`);
  }, 10_000);
  return token;
};

/** GraphQL as one user; fails on errors. */
export const api =
  (server: TestServer, token: string) =>
  async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const response = await gql<T>(server.graphqlUrl, query, variables, token);
    if (response.errors?.length || !response.data)
      throw new Error(`GraphQL failed: ${JSON.stringify(response.errors)}`);
    return response.data;
  };

/**
 * Where screenshots go: docs/screenshots with UPDATE_SCREENSHOTS=1 (to refresh the README's pictures),
 * else a scratch folder, so an ordinary test run leaves the tree as it was.
 */
export const screenshotDir = (scratch: string): string => {
  const dir =
    process.env['UPDATE_SCREENSHOTS'] === '1' ? resolve('docs/screenshots') : join(scratch, 'screenshots');
  mkdirSync(dir, { recursive: true });
  return dir;
};

/**
 * Selects [start, end) of the reader's text with the mouse, as a person would: press at the left edge of the
 * first character, drag to the right edge of the last. The character boxes come from the page.
 */
export const selectTextWithMouse = async (page: Page, start: number, end: number): Promise<void> => {
  const locate = `(${JSON.stringify({ start, end })})`;
  // In the page (plain JavaScript: the test tsconfig has no DOM types).
  const script = `((span) => {
    const root = document.querySelector('[data-testid=source-text]');
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const at = (offset) => {
      let seen = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (offset < seen + node.length) return { node, offset: offset - seen };
        seen += node.length;
      }
      throw new Error('offset ' + offset + ' is past the text');
    };
    const box = (offset) => {
      walker.currentNode = root;
      const { node, offset: inNode } = at(offset);
      const range = document.createRange();
      range.setStart(node, inNode);
      range.setEnd(node, inNode + 1);
      return range.getBoundingClientRect();
    };
    const first = box(span.start);
    window.scrollBy(0, first.top - window.innerHeight / 3);
    const a = box(span.start);
    const b = box(span.end - 1);
    return { x1: a.left + 1, y1: a.top + a.height / 2, x2: b.right - 1, y2: b.top + b.height / 2 };
  })${locate}`;
  const points = (await page.evaluate(script)) as { x1: number; y1: number; x2: number; y2: number };
  await page.mouse.move(points.x1, points.y1);
  await page.mouse.down();
  await page.mouse.move((points.x1 + points.x2) / 2, (points.y1 + points.y2) / 2, { steps: 4 });
  await page.mouse.move(points.x2, points.y2, { steps: 4 });
  await page.mouse.up();
};
