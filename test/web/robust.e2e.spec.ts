import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createServer } from 'node:net';
import type { Browser, BrowserContext } from 'playwright-core';
import { startServer, type TestServer } from '../support/server.js';
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
 * The web app when things go wrong: an unknown address, a reload with a half-typed form, a server restart.
 * The server runs on a fixed port so the page can find it again after the restart.
 */
jest.setTimeout(90_000);

let server: TestServer;
let browser: Browser;
let alice: string;
const contexts: BrowserContext[] = [];

const freePort = () =>
  new Promise<number>((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });

const open = async () => {
  const opened = await signedInPage(browser, server, alice);
  contexts.push(opened.context);
  return opened.page;
};

beforeAll(async () => {
  const port = await freePort();
  [server, browser] = await Promise.all([startServer({ PORT: String(port) }), launchBrowser()]);
  alice = await createToken(server, 'alice', 'analyst');
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

describe('the web app when things go wrong', () => {
  it('answers an unknown page address with the app and its own page; unknown API paths stay JSON', async () => {
    const page = await fetch(`${server.url}/no/such/page`, { headers: { accept: 'text/html' } });
    expect([page.status, page.headers.get('content-type')]).toEqual([404, 'text/html; charset=utf-8']);
    expect(await page.text()).toContain('<div id="app"');
    // The same policy as every page of the app.
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    for (const path of ['/no/such/page', '/export/nothing-here', '/graphql/nothing']) {
      const json = await fetch(`${server.url}${path}`, {
        headers: { accept: path === '/no/such/page' ? 'application/json' : 'text/html' },
      });
      expect({ path, status: json.status, type: json.headers.get('content-type') }).toEqual({
        path,
        status: 404,
        type: expect.stringContaining('application/json'),
      });
    }

    const browserPage = await open();
    await browserPage.goto('/no/such/page');
    await browserPage.getByRole('heading', { name: 'Page not found' }).waitFor();
    expect(await browserPage.getByTestId('not-found').innerText()).toContain(
      'There is no page at /no/such/page',
    );
    expect(await browserPage.title()).toBe('Page not found · Claimtrail');
    expect(await seriousViolations(browserPage)).toEqual([]);
    await browserPage.getByRole('link', { name: 'All claims' }).click();
    await browserPage.waitForURL('**/claims');
    expect(pageProblems(browserPage).filter((problem) => !/404/.test(problem))).toEqual([]);
  });

  it('keeps a half-typed counterpoint across a reload, and forgets it once raised', async () => {
    const claimId = (
      await api(server, alice)<{ proposeClaim: { claim: { id: string } } }>(
        'mutation($input: ProposeClaimInput!) { proposeClaim(input: $input) { claim { id } } }',
        { input: { statement: 'Generated claim with a draft counterpoint' } },
      )
    ).proposeClaim.claim.id;
    const page = await open();
    const openForm = async () => {
      await page.goto(`/claims/${claimId}`);
      await page.getByTestId('explanation').waitFor();
      await page.locator('summary', { hasText: 'Raise a counterpoint' }).click();
      return page.getByRole('form', { name: 'Raise a counterpoint' });
    };
    let form = await openForm();
    await form.getByLabel('Counterpoint').fill('Generated counterpoint, half typed');
    await page.reload();
    form = await openForm();
    expect(await form.getByLabel('Counterpoint').inputValue()).toBe('Generated counterpoint, half typed');
    await form.getByRole('button', { name: 'Raise counterpoint' }).click();
    await eventually(async () => {
      const claim = await api(server, alice)<{ claim: { counterpoints: Array<{ text: string }> } }>(
        'query($id: ID!) { claim(id: $id) { counterpoints { text } } }',
        { id: claimId },
      );
      expect(claim.claim.counterpoints.map((counterpoint) => counterpoint.text)).toEqual([
        'Generated counterpoint, half typed',
      ]);
    });
    await eventually(async () =>
      expect(
        await page.evaluate('Object.keys(localStorage).filter((key) => key.startsWith("claimtrail:draft:"))'),
      ).toEqual([]),
    );
    form = await openForm();
    expect(await form.getByLabel('Counterpoint').inputValue()).toBe('');
  });

  it('remembers the token on this device only when asked: new tabs are signed in, signing out forgets it', async () => {
    const context = await browser.newContext({ baseURL: server.url });
    contexts.push(context);
    const signIn = async (remember: boolean) => {
      const page = await context.newPage();
      await page.goto('/');
      await page.getByLabel('Access token').fill(alice);
      if (remember) await page.getByLabel(/Remember this token on this device/).check();
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByTestId('viewer').waitFor();
      return page;
    };
    const newTabSignedIn = async () => {
      const tab = await context.newPage();
      await tab.goto('/claims');
      await tab.locator('[data-testid=viewer], input[name=token]').first().waitFor();
      const which = (await tab.getByTestId('viewer').count()) ? 'signed in' : 'asked for a token';
      await tab.close();
      return which;
    };
    // Not remembered (the default): a new tab asks again.
    const first = await signIn(false);
    expect(await newTabSignedIn()).toBe('asked for a token');
    await first.close();
    // Remembered: a new tab (its own empty sessionStorage) is signed in.
    const second = await signIn(true);
    expect(await newTabSignedIn()).toBe('signed in');
    // Signing out forgets it on the device.
    await second.getByRole('button', { name: 'Sign out' }).click();
    await second.getByLabel('Access token').waitFor();
    expect(await newTabSignedIn()).toBe('asked for a token');
  });

  it('after a server restart: says so with a retry button, and is live again within 3 s of the server being ready', async () => {
    const page = await open();
    await page.goto('/claims');
    const live = page.locator('[data-live]');
    await eventually(async () => expect(await live.getAttribute('data-live')).toBe('live'));
    await server.kill();
    const banner = page.getByTestId('connection-banner');
    await eventually(async () => expect(await banner.getAttribute('data-state')).toBe('offline'));
    expect(await banner.innerText()).toMatch(/The server cannot be reached/);
    await banner.getByRole('button', { name: 'Retry now' }).click(); // with the server still down: no harm
    await server.restart();
    const ready = Date.now();
    await eventually(async () => expect(await live.getAttribute('data-live')).toBe('live'), 10_000, 50);
    const reconnectMs = Date.now() - ready;
    expect(reconnectMs).toBeLessThan(3000);
    await eventually(async () => expect(await banner.getAttribute('data-state')).toBe('back'));

    // And it is really back: a change by someone else arrives live.
    await api(server, alice)(
      'mutation($input: ProposeClaimInput!) { proposeClaim(input: $input) { claim { id } } }',
      { input: { statement: 'Generated claim after the restart' } },
    );
    await eventually(async () =>
      expect(await page.locator('main').innerText()).toContain('Generated claim after the restart'),
    );
  });
});
