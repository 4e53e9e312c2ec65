import { GraphQLError, type ExecutionResult } from 'graphql';
import mercurius from 'mercurius';
import { ClaimtrailError, ConflictError, ValidationError } from '../event-sourcing/errors.js';

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
      (inner) => new GraphQLError(inner.message, { extensions: { code: 'BAD_USER_INPUT' } }),
    );
  }
  if (original instanceof ClaimtrailError) {
    const extensions: Record<string, unknown> = { code: original.code };
    if (original instanceof ValidationError && original.field) extensions['field'] = original.field;
    if (original instanceof ConflictError) extensions['currentVersion'] = original.currentVersion;
    if (original.code === 'INTERNAL') log(original);
    return [new GraphQLError(original.message, { ...base, extensions })];
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

/** Mercurius' errorFormatter: keeps its status code choice and rewrites every error. */
export const errorFormatter =
  (log: Log) =>
  (execution: ExecutionResult & Required<Pick<ExecutionResult, 'errors'>>, context: unknown) => {
    const { statusCode } = mercurius.defaultErrorFormatter(execution, context as never);
    const errors = execution.errors
      .flatMap((error) => formatError(error, log))
      .map((error) => error.toJSON());
    return { statusCode, response: { data: execution.data ?? null, errors } };
  };
