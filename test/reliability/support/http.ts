import { request } from 'node:http';
import { cli, sleep } from './server-process.js';

/** GraphQL over real HTTP, plus the small waits every fault test needs. */

export interface GraphQLError {
  readonly message: string;
  readonly extensions?: Record<string, unknown>;
  readonly path?: unknown[];
}

export interface GraphQLResult<T = Record<string, unknown>> {
  readonly status: number;
  readonly text: string;
  readonly data?: T | null;
  readonly errors?: readonly GraphQLError[];
}

/** Stack frames, source paths or node_modules in a response: none may ever appear. */
export const LEAK = /\.ts:\d+|\.js:\d+|node_modules|\n\s+at /;

const parse = <T>(status: number, text: string): GraphQLResult<T> => {
  let parsed: { data?: T | null; errors?: GraphQLError[] } = {};
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    // not JSON: the caller looks at status and text
  }
  return { status, text, ...(parsed && typeof parsed === 'object' ? parsed : {}) };
};

/** A POST with exactly these headers (no content type unless given: fetch would add text/plain). */
export const post = <T = Record<string, unknown>>(
  url: string,
  body: string,
  headers: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<GraphQLResult<T>> =>
  new Promise((done, fail) => {
    const target = new URL(url);
    const outgoing = request(
      {
        hostname: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        signal,
      },
      (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          done(parse<T>(response.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'))),
        );
        response.on('error', fail);
      },
    );
    let answered = false;
    // A server that refuses a large body (413) answers and closes while the body is still being written, so
    // the write may fail with EPIPE or ECONNRESET: as for a browser, what counts is the answer, which still
    // arrives. Without an answer within a second, the failure stands.
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') return fail(error);
      setTimeout(() => (answered ? undefined : fail(error)), 1000);
    });
    outgoing.end(body);
  });

export const gql = <T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
  signal?: AbortSignal,
): Promise<GraphQLResult<T>> =>
  post<T>(
    url,
    JSON.stringify({ query, variables }),
    { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    signal,
  );

export const codeOf = (result: GraphQLResult<unknown>): unknown => result.errors?.[0]?.extensions?.['code'];

/** The data, or a thrown error carrying the response. */
export const ok = async <T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token: string,
): Promise<T> => {
  const result = await gql<T>(url, query, variables, token);
  if (result.errors?.length || !result.data) throw new Error(`GraphQL failed: ${result.text.slice(0, 500)}`);
  return result.data;
};

export interface ReadyState {
  readonly status: number;
  readonly body: { status?: string; checkpoint?: string; fault?: { position: string; message: string } };
}

export const ready = async (baseUrl: string): Promise<ReadyState> => {
  const response = await fetch(`${baseUrl}/ready`);
  return { status: response.status, body: (await response.json()) as ReadyState['body'] };
};

export const healthStatus = async (baseUrl: string): Promise<number> =>
  (await fetch(`${baseUrl}/health`)).status;

export const waitFor = async <T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 10_000,
  everyMs = 50,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
};

export const waitReady = (baseUrl: string, timeoutMs = 30_000): Promise<ReadyState> =>
  waitFor(
    '/ready 200',
    async () => {
      const state = await ready(baseUrl);
      return state.status === 200 ? state : undefined;
    },
    timeoutMs,
  );

export type Role = 'VIEWER' | 'ANALYST' | 'EDITOR' | 'ADMIN';

/** `token create` through the CLI while the server runs; resolves once the server accepts the token. */
export const createToken = async (
  dataDir: string,
  graphqlUrl: () => string,
  actor: string,
  role: Role,
): Promise<string> => {
  const outcome = await cli(dataDir, 'token', 'create', '--actor', actor, '--role', role);
  const token = outcome.stdout.trim();
  if (outcome.code !== 0 || !/^ct_[A-Za-z0-9_-]{43}$/.test(token))
    throw new Error(`token create failed (${outcome.code}): ${outcome.stderr}`);
  await waitFor(
    `the token of ${actor}`,
    async () => {
      const result = await gql<{ viewer: { id: string; role: string } }>(
        graphqlUrl(),
        '{ viewer { id role } }',
        {},
        token,
      );
      return result.data?.viewer?.id === actor && result.data.viewer.role === role ? true : undefined;
    },
    15_000,
    100,
  );
  return token;
};

/** The tok_ id of the newest active token of `actor`, from `token list`. */
export const tokenIdOf = async (dataDir: string, actor: string): Promise<string> => {
  const listed = await cli(dataDir, 'token', 'list');
  const lines = listed.stdout
    .split('\n')
    .filter((row) => new RegExp(`^tok_\\S+\\s+${actor}\\s+\\S+\\s+active\\b`).test(row));
  if (lines.length === 0) throw new Error(`no active token for ${actor}:\n${listed.stdout}${listed.stderr}`);
  return lines.at(-1)!.split(/\s+/)[0]!;
};
