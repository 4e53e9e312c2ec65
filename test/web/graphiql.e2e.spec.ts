import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type TestServer } from '../support/server.js';
import { tempDir } from '../support/temp-dir.js';
import { eventually, launchBrowser, pageProblems, screenshotDir, signedInPage } from './support/browser.js';

/**
 * /graphiql in headless Chromium with every request off the server refused, as on a machine without
 * internet: GraphiQL must come from the project's own build, not a CDN.
 */

let server: TestServer;
let browser: Browser;
const scratch = tempDir('graphiql');

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  scratch.remove();
});

/** Every request that did not go to the server, refused as a closed network would. */
const offline = async (context: BrowserContext): Promise<string[]> => {
  const refused: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(server.url) || url.startsWith(server.url.replace('http', 'ws')))
      return route.continue();
    refused.push(url);
    return route.abort('internetdisconnected');
  });
  return refused;
};

/** The text of each CodeMirror editor on the page, by the GraphiQL pane it is in. */
const editors = (page: Page): Promise<{ query: string; headers: string; response: string }> =>
  page.evaluate(`(() => {
    const value = (selector) => {
      const element = document.querySelector(selector + ' .CodeMirror');
      return element && element.CodeMirror ? element.CodeMirror.getValue() : '';
    };
    return {
      query: value('.graphiql-query-editor'),
      headers: value('.graphiql-editor-tool > .graphiql-editor:not(.hidden)'),
      response: value('.result-window'),
    };
  })()`);

const run = async (page: Page) => {
  await page.locator('.graphiql-execute-button').click();
  return eventually(async () => {
    const { response } = await editors(page);
    if (!response.trim()) throw new Error('no response yet');
    return JSON.parse(response) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
  });
};

describe('GraphiQL at /graphiql', () => {
  it('loads offline, explains the Authorization header and prefills it with the web app’s token', async () => {
    const { context, page } = await signedInPage(browser, server, server.adminToken);
    const refused = await offline(context);
    try {
      // The same browser tab, signed in to the web app: its sessionStorage holds the token.
      await page.goto('/graphiql');
      await page.locator('.graphiql-container').waitFor();
      const { query, headers } = await eventually(async () => {
        const found = await editors(page);
        if (!found.headers) throw new Error('headers editor not ready');
        return found;
      });
      expect(query).toContain('Authorization: Bearer ct_…');
      expect(query).toContain('npx claimtrail token create --actor you --role viewer');
      expect(JSON.parse(headers)).toEqual({ Authorization: `Bearer ${server.adminToken}` });

      const answer = await run(page);
      expect(answer).toEqual({ data: { viewer: { id: 'admin', role: 'ADMIN' } } });
      await page.screenshot({ path: `${screenshotDir(scratch.path)}/graphiql.png` });
      expect(refused).toEqual([]);
      expect(pageProblems(page)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('without a token shows where to paste one, and the server’s answer says what is missing', async () => {
    const context = await browser.newContext({ baseURL: server.url });
    const refused = await offline(context);
    try {
      const page = await context.newPage();
      await page.goto('/graphiql');
      await page.locator('.graphiql-container').waitFor();
      const { headers } = await eventually(async () => {
        const found = await editors(page);
        if (!found.headers) throw new Error('headers editor not ready');
        return found;
      });
      expect(JSON.parse(headers)).toEqual({ Authorization: 'Bearer <paste a token here>' });
      const answer = await run(page);
      expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(refused).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
