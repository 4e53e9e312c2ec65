import { GraphQLError, type ExecutionResult } from 'graphql';
import { ClaimtrailError } from '../event-sourcing/errors.js';
import { LimitExceededError } from './limits.js';
import { coercionField } from './variable-coercion.js';

const PASSED_THROUGH_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'ILLEGAL_STATE',
  'BAD_USER_INPUT',
]);

type Log = (error: unknown) => void;

/** A request-level failure of Fastify or Mercurius (bad JSON, body too large, invalid document): the client's. */
const isClientFailure = (error: unknown): error is Error & { statusCode: number } =>
  error instanceof Error &&
  typeof (error as { statusCode?: unknown }).statusCode === 'number' &&
  (error as unknown as { statusCode: number }).statusCode < 500;

/** One GraphQL error with `extensions.code` as docs/architecture.md §6 lists; never a stack trace, never an internal message. */
export const formatError = (error: GraphQLError, log: Log): GraphQLError[] => {
  const wrapped = error.originalError as (Error & { originalError?: unknown; errors?: unknown }) | undefined;
  const original = wrapped?.originalError ?? wrapped;
  const base = { locations: error.locations, path: error.path };
  if (wrapped && Array.isArray(wrapped.errors)) {
    // Mercurius' validation failure carries the document's individual validation errors.
    return (wrapped.errors as Array<{ message: string; locations?: GraphQLError['locations'] }>).map(
      (inner) => {
        const field = coercionField(inner.message);
        return new GraphQLError(inner.message, {
          extensions: field === undefined ? { code: 'BAD_USER_INPUT' } : { code: 'BAD_USER_INPUT', field },
        });
      },
    );
  }
  if (original instanceof ClaimtrailError) {
    if (original.code === 'INTERNAL') log(original);
    return [new GraphQLError(original.message, { ...base, extensions: original.extensions })];
  }
  const code = error.extensions?.['code'];
  if (typeof code === 'string' && PASSED_THROUGH_CODES.has(code)) {
    return [new GraphQLError(error.message, { ...base, extensions: error.extensions })];
  }
  if (isClientFailure(original))
    return [new GraphQLError(original.message, { ...base, extensions: { code: 'BAD_USER_INPUT' } })];
  if (!original) {
    // A GraphQL error of the document or its variables (parse, validation, coercion): the client's.
    return [new GraphQLError(error.message, { ...base, extensions: { code: 'BAD_USER_INPUT' } })];
  }
  log(original);
  return [
    new GraphQLError('internal error; it has been logged', { ...base, extensions: { code: 'INTERNAL' } }),
  ];
};

const isLimit = (error: GraphQLError): boolean => error.originalError instanceof LimitExceededError;

type FailedExecution = ExecutionResult & Required<Pick<ExecutionResult, 'errors'>> & { statusCode?: number };

/**
 * The status Mercurius' default formatter chooses (200 unless a lone error that stopped the request names
 * one, as its parse and validation failures do: 400), without that formatter's logging: it logs every error
 * with its stack at info level, bad input included.
 */
const statusOf = (execution: FailedExecution): number => {
  if (execution.data) return 200;
  if (execution.statusCode !== undefined) return execution.statusCode;
  const reported = execution.errors.reduce((total, error) => {
    const inner = (error.originalError as { errors?: unknown } | undefined)?.errors;
    return total + (Array.isArray(inner) ? inner.length : 1);
  }, 0);
  const status = (execution.errors[0]?.originalError as { statusCode?: unknown } | undefined)?.statusCode;
  return reported === 1 && typeof status === 'number' ? status : 200;
};

/**
 * Mercurius' errorFormatter: its status code choice, every error rewritten. A request that ran into a
 * run-time limit is refused whole: its partial data is not sent.
 */
export const errorFormatter = (log: Log) => (execution: FailedExecution, _context: unknown) => {
  const statusCode = statusOf(execution);
  const limited = execution.errors.filter(isLimit);
  const errors = (limited.length > 0 ? limited.slice(0, 1) : execution.errors)
    .flatMap((error) => formatError(error, log))
    .map((error) => error.toJSON());
  return { statusCode, response: { data: limited.length > 0 ? null : (execution.data ?? null), errors } };
};
