import { ValidationError } from '../event-sourcing/errors.js';

export const DEFAULT_PAGE = 20;
export const MAX_PAGE = 500;

/** `first` as the API takes it: defaulted, capped at 500, never negative. */
export const pageSize = (first: number | null | undefined, fallback = DEFAULT_PAGE): number => {
  if (first === null || first === undefined) return fallback;
  if (!Number.isInteger(first) || first < 0)
    throw new ValidationError('first must be a whole number ≥ 0', 'first');
  return Math.min(first, MAX_PAGE);
};

/** Cursors are opaque to clients: base64url of the sort key and a tie-breaker. */
export const encodeCursor = (key: readonly unknown[]): string =>
  Buffer.from(JSON.stringify(key)).toString('base64url');

export const decodeCursor = (cursor: string | null | undefined, length: number): unknown[] | undefined => {
  if (cursor === null || cursor === undefined) return undefined;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === length &&
      key.every((part) => ['string', 'number'].includes(typeof part))
    )
      return key;
  } catch {
    // fall through to the error below
  }
  throw new ValidationError('after is not a cursor this API issued', 'after');
};

export interface Page<T> {
  readonly items: readonly T[];
  readonly cursors: readonly string[];
  readonly totalCount: number;
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
}
