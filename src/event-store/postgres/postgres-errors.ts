import { ClaimtrailError, StorageError } from '../../event-sourcing/errors.js';

/** What node-postgres puts on a server error (a DatabaseError) or a socket error. */
interface PgErrorShape {
  readonly code?: unknown;
  readonly constraint?: unknown;
}

const codeOf = (error: unknown): string | undefined => {
  const code = (error as PgErrorShape | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

/** Socket errors while connecting or talking to the server. */
const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * Whether an error is the server being away for a while (restarting, failing over, shutting a session,
 * refusing connections), after which the same read simply works again. Class 08 is "connection exception";
 * 57P01–57P03 are an administrator's shutdown, a crash shutdown and "cannot connect now" (starting up);
 * 53300 is too many connections. node-postgres reports a socket closed under it as a plain Error.
 * Anything else (a bad query, a permission, a corrupt row) is not going to pass by waiting.
 */
export const isTransientPgError = (error: unknown): boolean => {
  if (error instanceof ClaimtrailError) return false;
  const code = codeOf(error);
  if (code !== undefined) {
    return (
      code.startsWith('08') ||
      code === '57P01' ||
      code === '57P02' ||
      code === '57P03' ||
      code === '53300' ||
      NETWORK_CODES.has(code)
    );
  }
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection timeout|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(
    message,
  );
};

/** SQLSTATE 23505, with the constraint it broke. */
export const uniqueViolationOf = (error: unknown): string | undefined =>
  codeOf(error) === '23505' ? String((error as PgErrorShape).constraint ?? '') : undefined;

/** A connection string as it may be shown: without the password. */
export const redactUrl = (url: string): string => {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unparsable DATABASE_URL)';
  }
};

/** Our typed errors pass through; anything else becomes a StorageError that keeps its cause. */
export const toStorageError = (error: unknown, action: string): ClaimtrailError => {
  if (error instanceof ClaimtrailError) return error;
  const reason = error instanceof Error ? error.message || codeOf(error) || error.name : String(error);
  const wrapped = new StorageError(`PostgreSQL ${action} failed: ${reason}`);
  wrapped.cause = error;
  return wrapped;
};
