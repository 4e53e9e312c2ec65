import type { TypedDocumentString } from './generated/graphql.js';
import { getToken } from './token.js';

/** One error as the API reports it (docs/architecture.md §6): a message, `extensions.code`, and for some codes more. */
export interface ApiProblem {
  readonly message: string;
  readonly code: string;
  /** For BAD_USER_INPUT: the input field, dotted (`citation.url`), without the `input.` prefix. */
  readonly field?: string;
  /** For CONFLICT: the claim's version now. */
  readonly currentVersion?: number;
}

export class ApiError extends Error {
  constructor(readonly problems: readonly ApiProblem[]) {
    super(problems.map((problem) => problem.message).join('; '));
    this.name = 'ApiError';
  }

  get first(): ApiProblem {
    return this.problems[0] ?? { code: 'UNKNOWN', message: 'unknown error' };
  }

  get code(): string {
    return this.first.code;
  }
}

interface RawError {
  readonly message?: string;
  readonly extensions?: {
    readonly code?: unknown;
    readonly field?: unknown;
    readonly currentVersion?: unknown;
  };
}

const toProblem = (error: RawError): ApiProblem => {
  const field =
    typeof error.extensions?.field === 'string' ? error.extensions.field.replace(/^input\./, '') : undefined;
  const currentVersion =
    typeof error.extensions?.currentVersion === 'number' ? error.extensions.currentVersion : undefined;
  return {
    message: error.message ?? 'unknown error',
    code: typeof error.extensions?.code === 'string' ? error.extensions.code : 'UNKNOWN',
    ...(field ? { field } : {}),
    ...(currentVersion !== undefined ? { currentVersion } : {}),
  };
};

export const GRAPHQL_PATH = '/graphql';

/**
 * One query or mutation over HTTP POST, with the session's bearer token. Rejects with an ApiError. The
 * document is one of operations.graphql's, generated with its result and variable types.
 */
export const request = async <TData, TVariables>(
  document: TypedDocumentString<TData, TVariables>,
  variables?: TVariables,
  token: string | null = getToken(),
): Promise<TData> => {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_PATH, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
    });
  } catch {
    throw new ApiError([{ code: 'NETWORK', message: 'the server cannot be reached' }]);
  }
  let body: { data?: TData | null; errors?: RawError[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new ApiError([
      {
        code: 'HTTP',
        message: `the server answered ${response.status} ${response.statusText} without a GraphQL response`,
      },
    ]);
  }
  if (body.errors?.length) throw new ApiError(body.errors.map(toProblem));
  if (!body.data)
    throw new ApiError([{ code: 'HTTP', message: `the server answered ${response.status} without data` }]);
  return body.data;
};

/** Did the server say it does not serve time travel (asOf / atVersion) yet? */
export const isNotServedYet = (error: unknown): boolean =>
  error instanceof ApiError &&
  error.problems.some(
    (problem) => problem.code === 'BAD_USER_INPUT' && /not served by this version yet/i.test(problem.message),
  );

const FIXED_WORDS: Record<string, string> = {
  UNAUTHENTICATED:
    'You are not signed in, or your token is no longer valid. Sign in again with a valid token.',
  INTERNAL: 'The server ran into a problem (it has been logged). Please try again in a moment.',
  NETWORK: 'The server cannot be reached. Check your connection and try again.',
};

/** The message in plain words, with the field name dropped when it is shown next to that field. */
export const plainWords = (problem: ApiProblem, options: { besideField?: boolean } = {}): string => {
  const fixed = FIXED_WORDS[problem.code];
  if (fixed) return fixed;
  let message = problem.message;
  if (options.besideField && problem.field && message.startsWith(`${problem.field}: `))
    message = message.slice(problem.field.length + 2);
  message = message.charAt(0).toUpperCase() + message.slice(1);
  if (!/[.!?]$/.test(message)) message += '.';
  switch (problem.code) {
    case 'FORBIDDEN':
      return `Your role does not allow this. ${message}`;
    case 'NOT_FOUND':
      return `Not found. ${message}`;
    case 'ILLEGAL_STATE':
      return `Not possible right now. ${message}`;
    case 'CONFLICT':
      return `Someone else changed this meanwhile${problem.currentVersion !== undefined ? ` (it is now at version ${problem.currentVersion})` : ''}. Nothing was saved.`;
    default:
      return message;
  }
};

export const describeError = (error: unknown): string =>
  error instanceof ApiError
    ? error.problems.map((problem) => plainWords(problem)).join(' ')
    : error instanceof Error
      ? error.message
      : String(error);

/** A random key for `idempotencyKey`: a retried submission (double click, lost answer) appends once. */
export const newIdempotencyKey = (): string => {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `web-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
};
