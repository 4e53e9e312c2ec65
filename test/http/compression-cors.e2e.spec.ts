import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startServer, type TestServer } from '../support/server.js';

/** Raw HTTP, so that the bytes on the wire are seen as sent (fetch would decompress them on its own). */
const raw = (
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> =>
  new Promise((done, fail) => {
    const outgoing = request(
      url,
      { method: options.method ?? 'GET', headers: options.headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          done({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    outgoing.on('error', fail);
    outgoing.end(options.body);
  });

describe('compression (the real server over HTTP)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ CLAIMTRAIL_DEMO: 'true' });
  }, 60_000);
  afterAll(() => server?.stop());

  const auth = () => ({ authorization: `Bearer ${server.adminToken}` });

  it('compresses a streamed export when the client accepts it, and sends it plain otherwise', async () => {
    const url = `${server.url}/export/claims.ndjson`;
    const plain = await raw(url, { headers: auth() });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8').trimEnd().split('\n')).toHaveLength(24);

    const brotli = await raw(url, { headers: { ...auth(), 'accept-encoding': 'br' } });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['vary']).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(brotli.body).equals(plain.body)).toBe(true);
    expect(brotli.body.length).toBeLessThan(plain.body.length / 3);

    const gzip = await raw(url, { headers: { ...auth(), 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
  });

  it('compresses GraphQL answers too', async () => {
    const body = JSON.stringify({ query: '{ claims(first: 24) { edges { node { id statement } } } }' });
    const headers = { ...auth(), 'content-type': 'application/json', 'accept-encoding': 'gzip' };
    const answer = await raw(`${server.url}/graphql`, { method: 'POST', headers, body });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('gzip');
    const data = JSON.parse(gunzipSync(answer.body).toString('utf8')) as {
      data: { claims: { edges: unknown[] } };
    };
    expect(data.data.claims.edges).toHaveLength(24);
  });

  it('sends no CORS headers by default: another origin is kept out', async () => {
    const preflight = await raw(`${server.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:8888',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const get = await raw(`${server.url}/export/claims.ndjson`, {
      headers: { ...auth(), origin: 'http://localhost:8888' },
    });
    expect(get.status).toBe(200);
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('CORS with CLAIMTRAIL_CORS_ORIGINS', () => {
  let server: TestServer;
  const NOTEBOOK = 'http://localhost:8888';
  beforeAll(async () => {
    server = await startServer({ CLAIMTRAIL_CORS_ORIGINS: `${NOTEBOOK}, https://lab.example.org` });
  }, 60_000);
  afterAll(() => server?.stop());

  it('answers a listed origin’s preflight, allowing the Authorization header', async () => {
    const preflight = await raw(`${server.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: NOTEBOOK,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(NOTEBOOK);
    expect(String(preflight.headers['access-control-allow-headers'])).toMatch(/authorization/);
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('lets a listed origin read an export and its report headers, and no other origin', async () => {
    const headers = { authorization: `Bearer ${server.adminToken}` };
    const listed = await raw(`${server.url}/export/claimreview.jsonld`, {
      headers: { ...headers, origin: NOTEBOOK },
    });
    expect(listed.headers['access-control-allow-origin']).toBe(NOTEBOOK);
    expect(String(listed.headers['access-control-expose-headers'])).toMatch(
      /content-disposition.*claimtrail-export-contents.*claimtrail-export-notes/,
    );
    const other = await raw(`${server.url}/export/claimreview.jsonld`, {
      headers: { ...headers, origin: 'http://evil.example.org' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
