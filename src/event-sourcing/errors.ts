/**
 * Typed errors shared by the domain and the infrastructure. One GraphQL formatter maps them to
 * `extensions.code`; nothing here knows about Nest or GraphQL.
 */

export abstract class ClaimtrailError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }

  /**
   * GraphQL copies an original error's `extensions`, so the code survives paths that bypass the error
   * formatter (errors raised when a subscription starts).
   */
  get extensions(): Record<string, unknown> {
    return { code: this.code };
  }
}

/** Input that breaks a rule about its shape or content. `field` names the offending input field. */
export class ValidationError extends ClaimtrailError {
  readonly code = 'BAD_USER_INPUT';
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }

  override get extensions(): Record<string, unknown> {
    return this.field ? { code: this.code, field: this.field } : { code: this.code };
  }
}

export class NotFoundError extends ClaimtrailError {
  readonly code = 'NOT_FOUND';
}

/** A domain rule forbids the command in the current state. */
export class IllegalStateError extends ClaimtrailError {
  readonly code = 'ILLEGAL_STATE';
}

export class ForbiddenError extends ClaimtrailError {
  readonly code = 'FORBIDDEN';
}

export class UnauthenticatedError extends ClaimtrailError {
  readonly code = 'UNAUTHENTICATED';
}

/** The stream is not at the version the caller expected. */
export class ConflictError extends ClaimtrailError {
  readonly code = 'CONFLICT';
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly currentVersion: number,
  ) {
    super(`stream ${streamId} is at version ${currentVersion}, not the expected version ${expectedVersion}`);
  }

  override get extensions(): Record<string, unknown> {
    return { code: this.code, currentVersion: this.currentVersion };
  }
}

/** An append reused event ids in a way that is not a faithful retry (partial overlap, another stream). */
export class DuplicateEventError extends ClaimtrailError {
  readonly code = 'BAD_USER_INPUT';
}

/** The storage layer failed (disk full, read-only, I/O error). */
export class StorageError extends ClaimtrailError {
  readonly code = 'INTERNAL';
}
