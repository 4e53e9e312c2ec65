import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type Socket } from 'node:net';
import { parse } from 'graphql';
import { codeOf, LEAK, post, type GraphQLResult } from './support/http.js';
import { record } from './support/prng.js';
import { launchServer, sleep, tempDataDir, type ServerProcess } from './support/server-process.js';

/**
 * The HTTP side of hostile requests (issue 15, Medium): bodies that are not what they claim, GET requests
 * Mercurius mishandled, and sockets that never finish. Bad input is answered 400 with a code and logs no
 * stack; every socket ends.
 */

/** A stack frame in the server's log: what bad input must never produce. */
const STACK_IN_LOG = /\n\s+at \S+ \(|\\n\s+at /;

describe('hostile HTTP', () => {
  const dir = tempDataDir('hostile-http');
  let server: ServerProcess;
  let token: string;
  const tried: Record<string, number> = {};
  const count = (attack: string, times = 1) => (tried[attack] = (tried[attack] ?? 0) + times);

  beforeAll(async () => {
    server = await launchServer({ dataDir: dir.path, env: { LOG_LEVEL: 'info' } });
    token = server.bootstrapToken!;
  }, 60_000);
  afterAll(async () => {
    for (const [attack, times] of Object.entries(tried)) record(`hostile http: ${attack}: ${times} tried`);
    await server?.stop();
    dir.remove();
  });

  const authorised = { 'content-type': 'application/json', authorization: '' };
  const postBody = (body: unknown) =>
    post(server.graphqlUrl, JSON.stringify(body), { ...authorised, authorization: `Bearer ${token}` });
  const get = async (parameters: Record<string, string>): Promise<GraphQLResult> => {
    const response = await fetch(`${server.graphqlUrl}?${new URLSearchParams(parameters).toString()}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const text = await response.text();
    return { status: response.status, text, ...(JSON.parse(text) as object) };
  };
  const expectRefused = (answer: GraphQLResult, field?: string) => {
    expect({ status: answer.status, code: codeOf(answer) }).toEqual({ status: 400, code: 'BAD_USER_INPUT' });
    if (field) expect(answer.errors?.[0]?.extensions?.['field']).toBe(field);
    expect(answer.text).not.toMatch(LEAK);
  };
  /** The server's log since `from` holds no stack trace. */
  const logSince = (from: number) => server.output().slice(from);

  describe('documents that are not GraphQL text', () => {
    it('a JSON AST in `query` is refused: only the parser makes documents', async () => {
      count('JSON AST bodies', 3);
      const from = server.output().length;
      const valid = JSON.stringify(parse('{ viewer { id } }', { noLocation: true }));
      expectRefused(await postBody({ query: valid }), 'query');
      expectRefused(
        await postBody({
          query: '{"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query"}]}',
        }),
        'query',
      );
      expectRefused(await postBody({ query: '{"kind":"Document","definitions":"nope"}' }), 'query');
      await sleep(200);
      expect(logSince(from)).not.toMatch(STACK_IN_LOG);
    });
  });

  describe('GET', () => {
    it('several operations without operationName, or an unknown one, are 400 with a code', async () => {
      count('GET with several operations or an unknown operationName', 4);
      const from = server.output().length;
      const two = 'query A { viewer { id } } query B { viewer { role } }';
      expectRefused(await get({ query: two }), 'operationName');
      expectRefused(await get({ query: two, operationName: 'C' }), 'operationName');
      // The same document once cached (answered once with a name that exists) is refused alike.
      expect((await get({ query: two, operationName: 'A' })).status).toBe(200);
      expectRefused(await get({ query: two, operationName: 'C' }), 'operationName');
      expectRefused(await get({ query: 'query A { viewer { id } }', operationName: 'B' }), 'operationName');
      await sleep(200);
      expect(logSince(from)).not.toMatch(STACK_IN_LOG);
    });
  });

  it('bad input of every kind logs no stack', async () => {
    count('bad inputs checked against the log', 4);
    const from = server.output().length;
    await postBody({ query: '{ claims(first: 1) { totalCount ' });
    await postBody({ query: '{ claims { nope } }' });
    await postBody({ query: 'query($n: Int) { claims(first: $n) { totalCount } }', variables: { n: 'x' } });
    await postBody({
      query: 'mutation($input: ProposeClaimInput!) { proposeClaim(input: $input) { claim { id } } }',
      variables: { input: { statement: '' } },
    });
    await sleep(200);
    const log = logSince(from);
    expect(log).not.toMatch(STACK_IN_LOG);
  });

  describe('sockets', () => {
    /** A socket that sends its headers, then one byte of its body a second. */
    const slowBody = (port: number): Promise<{ socket: Socket; closed: Promise<number> }> =>
      new Promise((done, fail) => {
        const opened = Date.now();
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(
            `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 10000\r\nAuthorization: Bearer ${token}\r\n\r\n{`,
          );
          const drip = setInterval(() => socket.write(' '), 1000);
          const closed = new Promise<number>((resolveClose) =>
            socket.once('close', () => {
              clearInterval(drip);
              resolveClose(Date.now() - opened);
            }),
          );
          done({ socket, closed });
        });
        socket.on('error', () => undefined);
        socket.once('error', fail);
      });

    it('50 sockets that drip their body are closed by the server within 30 s, and it answers meanwhile', async () => {
      count('slow-body sockets', 50);
      const port = Number(new URL(server.url).port);
      const slow = await Promise.all(Array.from({ length: 50 }, () => slowBody(port)));
      await sleep(1000);
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
      const outcome = await Promise.race([
        Promise.all(slow.map((entry) => entry.closed)),
        sleep(35_000).then(() => 'still open' as const),
      ]);
      for (const entry of slow) entry.socket.destroy();
      expect(outcome).not.toBe('still open');
      const longest = Math.max(...(outcome as number[]));
      record(`hostile http: the last slow-body socket was closed after ${longest} ms`);
      expect(longest).toBeLessThan(30_000);
    }, 60_000);

    it('at most 1,024 connections are held; the server answers once they go', async () => {
      count('idle TCP connections at once', 1100);
      const port = Number(new URL(server.url).port);
      const sockets = await Promise.all(
        Array.from(
          { length: 1100 },
          () =>
            new Promise<{ socket: Socket; closed: () => boolean }>((done) => {
              let closed = false;
              const socket = connect(port, '127.0.0.1', () => done({ socket, closed: () => closed }));
              socket.on('close', () => (closed = true));
              socket.on('error', () => undefined);
            }),
        ),
      );
      await sleep(1500);
      const dropped = sockets.filter((entry) => entry.closed()).length;
      for (const entry of sockets) entry.socket.destroy();
      expect(dropped).toBeGreaterThanOrEqual(1100 - 1024);
      await sleep(500);
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    }, 60_000);
  });

  describe('the web app at /', () => {
    it('is served with a CSP that forbids framing, and nosniff', async () => {
      count('web app pages checked for their headers', 3);
      for (const path of ['/', '/claims', '/sources/src_01JB9Z9Z9Z9Z9Z9Z9Z9Z9Z9Z9Z']) {
        const response = await fetch(`${server.url}${path}`);
        expect(response.status).toBe(200);
        const policy = response.headers.get('content-security-policy') ?? '';
        expect(policy).toMatch(/frame-ancestors 'none'/);
        expect(policy).toMatch(/script-src 'self'/);
        expect(policy).toMatch(/object-src 'none'/);
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      }
    });

    it('serves no source maps and points to none', async () => {
      const index = await (await fetch(`${server.url}/`)).text();
      const scripts = [...index.matchAll(/src="(\/assets\/[^"]+\.js)"/g)].map((match) => match[1]!);
      expect(scripts.length).toBeGreaterThan(0);
      count('source map requests', scripts.length);
      for (const script of scripts) {
        const body = await (await fetch(`${server.url}${script}`)).text();
        expect(/sourceMappingURL/.test(body)).toBe(false);
        expect((await fetch(`${server.url}${script}.map`)).status).toBe(404);
      }
    });
  });
});
