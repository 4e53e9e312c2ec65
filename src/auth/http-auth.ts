import type { FastifyReply } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import { ClaimtrailError, ValidationError } from '../event-sourcing/errors.js';
import type { Actor, Role } from '../event-sourcing/metadata.js';
import { requireRole, type AuthService } from './auth.service.js';

export interface HttpAuthOptions {
  /** CLAIMTRAIL_ANONYMOUS_READ: a request without a token may read (never one with a bad token). */
  readonly anonymousRead: boolean;
  /** The least role the endpoint needs; VIEWER (any token) by default. */
  readonly minimumRole?: Role;
  /** Named in error messages: "reading /export/audit.ndjson needs a bearer token". */
  readonly action?: string;
}

/**
 * Who a plain HTTP request (the /export/* endpoints) acts as, by the same bearer tokens and rules as GraphQL:
 * a malformed, unknown or revoked token is refused even where anonymous read is allowed. Returns undefined
 * for an allowed anonymous reader; throws UnauthenticatedError or ForbiddenError otherwise.
 */
export const authenticateHttpRequest = (
  auth: AuthService,
  request: { readonly headers: IncomingHttpHeaders },
  { anonymousRead, minimumRole = 'VIEWER', action = 'this request' }: HttpAuthOptions,
): Actor | undefined => {
  const actor = auth.authenticate(request.headers.authorization);
  if (!actor && anonymousRead && minimumRole === 'VIEWER') return undefined;
  return requireRole(actor, minimumRole, action);
};

const STATUS_OF_CODE: Readonly<Record<string, number>> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ILLEGAL_STATE: 409,
};

/** The HTTP status for an error: ours by their code, anything else is a 500. */
export const httpStatusOf = (error: unknown): number =>
  error instanceof ClaimtrailError ? (STATUS_OF_CODE[error.code] ?? 500) : 500;

/**
 * Answers with `{ "error": { "code", "message", "field"? } }` and the matching status, in the codes of the
 * GraphQL API. Anything not one of our typed errors is logged and shown only as "internal error".
 */
export const sendHttpError = (
  reply: FastifyReply,
  error: unknown,
  log: (error: unknown) => void = () => undefined,
): FastifyReply => {
  const status = httpStatusOf(error);
  if (status === 401) void reply.header('www-authenticate', 'Bearer');
  if (!(error instanceof ClaimtrailError) || status === 500) {
    log(error);
    return reply
      .status(500)
      .send({ error: { code: 'INTERNAL', message: 'internal error; it has been logged' } });
  }
  const field = error instanceof ValidationError && error.field ? { field: error.field } : {};
  return reply.status(status).send({ error: { code: error.code, message: error.message, ...field } });
};
