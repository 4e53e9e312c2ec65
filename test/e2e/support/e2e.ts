import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { gql, type GraphQLResponse, type TestServer } from '../../support/server.js';

/** Shared helpers for the e2e specs: tokens through the real CLI, typed GraphQL calls, small utilities. */

export type Role = 'VIEWER' | 'ANALYST' | 'EDITOR' | 'ADMIN';

const BIN = resolve('bin/claimtrail.js');

export interface CliOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `bin/claimtrail.js …` against the server's data dir, as an operator would while it runs. */
export const cli = (server: TestServer, ...args: string[]): Promise<CliOutcome> =>
  new Promise((done) => {
    const env = { ...process.env, ...server.env };
    execFile(process.execPath, [BIN, ...args], { env, timeout: 20_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      done({ code, stdout, stderr });
    });
  });

export const sleep = (ms: number) => new Promise<void>((resolveSleep) => setTimeout(resolveSleep, ms));

/** Polls `viewer` with the token until the server's projector has picked the grant up (≤ 5 s). */
export const waitForToken = async (
  server: TestServer,
  token: string,
  timeoutMs = 5000,
): Promise<{ id: string; role: Role }> => {
  const deadline = Date.now() + timeoutMs;
  let last: GraphQLResponse | undefined;
  for (;;) {
    last = await gql(server.graphqlUrl, '{ viewer { id role } }', {}, token);
    const viewer = (last.data as { viewer?: { id: string; role: Role } } | null | undefined)?.viewer;
    if (viewer) return viewer;
    if (Date.now() > deadline)
      throw new Error(`token not usable after ${timeoutMs} ms: ${JSON.stringify(last)}`);
    await sleep(100);
  }
};

/** Waits until the server refuses the token (after a revocation written by the CLI). */
export const waitForTokenRefused = async (
  server: TestServer,
  token: string,
  timeoutMs = 5000,
): Promise<GraphQLResponse> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await gql(server.graphqlUrl, '{ viewer { id role } }', {}, token);
    if (response.errors?.length) return response;
    if (Date.now() > deadline) throw new Error(`token still accepted after ${timeoutMs} ms`);
    await sleep(100);
  }
};

/** `token create` through the CLI; resolves once the running server accepts the token. */
export const createToken = async (server: TestServer, actor: string, role: Role): Promise<string> => {
  const outcome = await cli(server, 'token', 'create', '--actor', actor, '--role', role.toLowerCase());
  if (outcome.code !== 0) throw new Error(`token create failed: ${outcome.stderr}`);
  const token = outcome.stdout.trim();
  if (!/^ct_[A-Za-z0-9_-]{43}$/.test(token)) throw new Error(`unexpected token output: ${outcome.stdout}`);
  const viewer = await waitForToken(server, token);
  if (viewer.id !== actor || viewer.role !== role)
    throw new Error(`token authenticates as ${JSON.stringify(viewer)}`);
  return token;
};

/** The `tok_…` id of the (first active) token granted to `actor`, from `token list`. */
export const tokenIdOf = async (server: TestServer, actor: string): Promise<string> => {
  const listed = await cli(server, 'token', 'list');
  if (listed.code !== 0) throw new Error(`token list failed: ${listed.stderr}`);
  const line = listed.stdout
    .split('\n')
    .find((row) => new RegExp(`^tok_\\S+\\s+${actor}\\s+\\S+\\s+active\\b`).test(row));
  if (!line) throw new Error(`no active token for ${actor} in:\n${listed.stdout}`);
  return line.split(/\s+/)[0]!;
};

export interface Client {
  <T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>>;
  /** Like the call, but fails the test with the errors unless the response has data and no errors. */
  ok<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

/** A GraphQL client bound to one server and one token (or none). */
export const client = (server: TestServer, token?: string): Client => {
  const call = (<T>(query: string, variables: Record<string, unknown> = {}) =>
    gql<T>(server.graphqlUrl, query, variables, token)) as Client;
  call.ok = async <T>(query: string, variables: Record<string, unknown> = {}) => {
    const response = await gql<T>(server.graphqlUrl, query, variables, token);
    if (response.errors?.length || !response.data) {
      throw new Error(
        `GraphQL errors for ${query.slice(0, 80)}…: ${JSON.stringify(response.errors ?? response)}`,
      );
    }
    return response.data;
  };
  return call;
};

/** Runs `task` over `items` with at most `limit` in flight; results in input order. */
export const mapLimit = async <T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> => {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
};

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A well-formed id (prefix + 26 Crockford characters, valid ULID) that names nothing. */
export const unknownId = (prefix: 'clm' | 'src' | 'evd' | 'cpt'): string => {
  let body = CROCKFORD[Math.floor(Math.random() * 8)]!;
  for (let index = 1; index < 26; index++) body += CROCKFORD[Math.floor(Math.random() * 32)]!;
  return `${prefix}_${body}`;
};

/** Stack frames, source paths or node_modules in a response body: none may ever appear. */
export const LEAK = /\.ts:\d+|\.js:\d+|node_modules|\n\s+at /;

/** The first error's code, or undefined. */
export const codeOf = (response: GraphQLResponse<unknown>): unknown =>
  response.errors?.[0]?.extensions?.['code'];

export const AUDIT_COUNT =
  'query($filter: AuditFilter) { auditTrail(first: 1, filter: $filter) { totalCount } }';

export const auditCount = async (api: Client, filter: Record<string, unknown> = {}): Promise<number> =>
  (await api.ok<{ auditTrail: { totalCount: number } }>(AUDIT_COUNT, { filter })).auditTrail.totalCount;

export const PROPOSE = `mutation($input: ProposeClaimInput!) {
  proposeClaim(input: $input) { claim { id statement version status tags createdBy { id role } } events { type version summary } }
}`;

export interface ProposedClaim {
  id: string;
  statement: string;
  version: number;
  status: string;
  tags: string[];
  createdBy: { id: string; role: Role };
}

export const propose = async (api: Client, input: Record<string, unknown>): Promise<ProposedClaim> =>
  (await api.ok<{ proposeClaim: { claim: ProposedClaim } }>(PROPOSE, { input })).proposeClaim.claim;

export interface RawResponse {
  readonly status: number;
  readonly text: string;
  readonly body: GraphQLResponse;
}

/** A GraphQL POST with exactly the given headers; the raw body text is kept for leak checks. */
export const rawPost = async (
  server: TestServer,
  payload: unknown,
  headers: Record<string, string> = {},
): Promise<RawResponse> => {
  const response = await fetch(server.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
  const text = await response.text();
  let body: GraphQLResponse;
  try {
    body = { status: response.status, ...(JSON.parse(text) as object) } as GraphQLResponse;
  } catch {
    body = { status: response.status };
  }
  return { status: response.status, text, body };
};
