import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { serverAudits, type AuditResult } from 'graphql-http';
import { record } from './support/prng.js';
import { launchServer, tempDataDir, type ServerProcess } from './support/server-process.js';

/**
 * The GraphQL-over-HTTP conformance audits of the graphql-http package (a peer's test suite), run against
 * the real server's /graphql with a valid bearer token. Every MUST audit passes. The SHOULD audits that do
 * not are listed here with the reason, and in docs/RELIABILITY.md; the list is asserted, so a change of
 * behaviour shows up as a test to update together with the document.
 */

/** SHOULD audits the server does not meet, by audit id, and why (Mercurius' choices, not ours to patch). */
const SHOULD_NOT_MET: Record<string, string> = {
  '22EB': 'Mercurius answers application/json even when the client accepts application/graphql-response+json',
  '572B': 'a document that does not parse is answered 400, not 200, under application/json',
  FDE2: 'a document that fails validation is answered 400, not 200, under application/json',
  '7B9B': 'a variable coercion failure is answered 400 (before graphql-jit compiles the document), not 200',
  D586: 'the body of a parse failure carries "data": null (Mercurius always writes data)',
  '5E5B': 'the body of a validation failure carries "data": null (Mercurius always writes data)',
};

describe('graphql-http server audits (GraphQL over HTTP conformance)', () => {
  const dir = tempDataDir('graphql-http');
  let server: ServerProcess;
  let token: string;
  const results: AuditResult[] = [];

  const audits = serverAudits({
    url: () => server.graphqlUrl,
    fetchFn: (input: Parameters<typeof fetch>[0], init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${token}`);
      return fetch(input, { ...init, headers });
    },
  });

  beforeAll(async () => {
    server = await launchServer({ dataDir: dir.path });
    token = server.bootstrapToken!;
  }, 60_000);
  afterAll(async () => {
    const failing = results.filter((result) => result.status !== 'ok');
    record(
      `graphql-http audits: ${results.length} run, ${results.filter((result) => result.status === 'ok').length} ok; not met: ${failing.map((result) => `${result.id} (${result.name})`).join('; ')}`,
    );
    await server?.stop();
    dir.remove();
  });

  it.each(
    audits
      .filter((audit) => audit.name.startsWith('MUST'))
      .map((audit) => [audit.id, audit.name, audit] as const),
  )('%s %s', async (_id, _name, audit) => {
    const result = await audit.fn();
    results.push(result);
    expect(result.status === 'ok' ? 'ok' : `${result.status}: ${result.reason}`).toBe('ok');
  });

  it('the SHOULD audits not met are exactly the documented ones', async () => {
    const should = await Promise.all(
      audits.filter((audit) => audit.name.startsWith('SHOULD')).map((audit) => audit.fn()),
    );
    const may = await Promise.all(
      audits.filter((audit) => audit.name.startsWith('MAY')).map((audit) => audit.fn()),
    );
    results.push(...should, ...may);
    const notMet = should
      .filter((result) => result.status !== 'ok')
      .map((result) => result.id)
      .sort();
    expect(notMet).toEqual(Object.keys(SHOULD_NOT_MET).sort());
  });
});
