import { GraphQLError, type ExecutionResult } from 'graphql';
import mercurius from 'mercurius';
import { ClaimtrailError, ConflictError, ValidationError } from '../event-sourcing/errors.js';

const INPUT_CODES = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']);

/** One GraphQL error with `extensions.code` as DESIGN §6 lists; never a stack trace, never an internal message. */
export const formatError = (error: GraphQLError, log: (error: unknown) => void): GraphQLError => {
  const original = (error.originalError as { originalError?: unknown } | undefined)?.originalError ?? error.originalError;
  const base = { locations: error.locations, path: error.path };
  if (original instanceof ClaimtrailError) {
    const extensions: Record<string, unknown> = { code: original.code };
    if (original instanceof ValidationError && original.field) extensions['field'] = original.field;
    if (original instanceof ConflictError) extensions['currentVersion'] = original.currentVersion;
    if (original.code === 'INTERNAL') log(original);
    return new GraphQLError(original.message, { ...base, extensions });
  }
  const existing = error.extensions?.['code'];
  if (typeof existing === 'string' && (INPUT_CODES.has(existing) || existing.startsWith('MER_ERR_GQL'))) {
    return new GraphQLError(error.message, { ...base, extensions: { ...error.extensions, code: 'BAD_USER_INPUT' } });
  }
  if (typeof existing === 'string' && ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'ILLEGAL_STATE', 'BAD_USER_INPUT'].includes(existing)) {
    return new GraphQLError(error.message, { ...base, extensions: error.extensions });
  }
  if (!original || error.path === undefined) {
    // Parse and validation errors of the document itself (no path, no original error).
    if (!original) return new GraphQLError(error.message, { ...base, extensions: { code: 'BAD_USER_INPUT' } });
  }
  log(original ?? error);
  return new GraphQLError('internal error; it has been logged', { ...base, extensions: { code: 'INTERNAL' } });
};

/** Mercurius' errorFormatter: keeps its status code choice and rewrites every error. */
export const errorFormatter =
  (log: (error: unknown) => void) =>
  (execution: ExecutionResult & Required<Pick<ExecutionResult, 'errors'>>, context: unknown) => {
    const formatted = mercurius.defaultErrorFormatter(execution, context as never);
    const errors = execution.errors.map((error) => formatError(error, log).toJSON());
    const statusCode = errors.every((error) => error.extensions?.['code'] === 'BAD_USER_INPUT') && !execution.data ? formatted.statusCode : 200;
    return { statusCode, response: { data: execution.data ?? null, errors } };
  };
