import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startServer, type TestServer } from '../support/server.js';

/** What `npm start` prints for a person: the addresses and the first start's token, apart from the JSON logs. */
describe('the start-up banner (node dist/main.js)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  }, 60_000);
  afterAll(() => server?.stop());

  /** The lines that are not JSON log lines, in order (the Node deprecation notices on stderr aside). */
  const bannerOf = (logs: string) =>
    logs
      .split('\n')
      .filter((line) => !line.startsWith('{') && !line.startsWith('(node:') && !line.startsWith('(Use'));

  it('puts the ADMIN token and each address on a line of its own, set apart by blank lines', () => {
    const { port } = new URL(server.url);
    const banner = bannerOf(server.logs());
    const start = banner.findIndex((line) => line.startsWith('claimtrail: first start'));
    expect(start).toBeGreaterThan(0);
    expect(banner[start - 1]).toBe('');
    expect(banner.slice(start, start + 9)).toEqual([
      'claimtrail: first start: an ADMIN token was created. Keep it; it is not shown again.',
      '  Paste it into the web app, or send it as "Authorization: Bearer <token>":',
      '',
      `  ADMIN token  ${server.adminToken}`,
      '',
      expect.stringMatching(
        new RegExp(`^claimtrail: listening on http://localhost:${port}/graphql \\(data in .+\\)$`),
      ),
      `  web app    http://localhost:${port}/`,
      `  GraphiQL   http://localhost:${port}/graphiql`,
      '',
    ]);
    // No log line is interleaved with the banner: it is one write, after the start-up logs.
    const lines = server.logs().split('\n');
    const tokenLine = lines.indexOf(`  ADMIN token  ${server.adminToken}`);
    expect(lines.slice(tokenLine - 4, tokenLine + 6).some((line) => line.startsWith('{'))).toBe(false);
  });

  it('shows the token only on the first start', async () => {
    await server.restart();
    expect(server.logs()).toMatch(/claimtrail: listening on /);
    expect(server.logs()).not.toContain('ADMIN token');
    expect(server.logs()).not.toContain(server.adminToken);
  }, 60_000);
});
