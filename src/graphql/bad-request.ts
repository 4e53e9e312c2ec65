import { ValidationError } from '../event-sourcing/errors.js';

/**
 * A request refused before it runs (not a GraphQL document, no operation to run): 400, which Mercurius takes
 * from `statusCode`, like its own parse and validation failures.
 */
export class BadRequestError extends ValidationError {
  readonly statusCode = 400;
}
