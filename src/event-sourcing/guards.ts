import { ForbiddenError, ValidationError } from './errors.js';
import { roleAtLeast } from './metadata.js';
import type { Actor, CommandMetadata, Role } from './metadata.js';

/**
 * Checks shared by every decider. Each throws a typed domain error whose `field` names the GraphQL input
 * field, so the API can point at what to fix.
 */

export interface LengthBounds {
  readonly min: number;
  readonly max: number;
}

export const requireRole = (actor: Actor, minimum: Role, action: string): void => {
  if (!roleAtLeast(actor.role, minimum)) {
    throw new ForbiddenError(`${action} needs the ${minimum} role or higher; ${actor.id} is ${actor.role}`);
  }
};

/** A required text, trimmed, whose trimmed length lies within `bounds`. */
export const requireText = (
  value: string | null | undefined,
  field: string,
  bounds: LengthBounds,
): string => {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (trimmed.length === 0) throw new ValidationError(`${field} is required`, field);
  if (trimmed.length < bounds.min || trimmed.length > bounds.max) {
    throw new ValidationError(
      `${field} must be ${bounds.min}–${bounds.max} characters long (after trimming), not ${trimmed.length}`,
      field,
    );
  }
  return trimmed;
};

/** An optional text, trimmed; blank counts as absent. */
export const optionalText = (
  value: string | null | undefined,
  field: string,
  maxLength: number,
): string | null => {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (trimmed.length === 0) return null;
  if (trimmed.length > maxLength) {
    throw new ValidationError(
      `${field} must be at most ${maxLength} characters long, not ${trimmed.length}`,
      field,
    );
  }
  return trimmed;
};

export const MAX_URL_LENGTH = 2048;

export const isHttpUrl = (value: string): boolean => {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
};

export const optionalHttpUrl = (value: string | null | undefined, field: string): string | null => {
  const url = optionalText(value, field, MAX_URL_LENGTH);
  if (url !== null && !isHttpUrl(url)) {
    throw new ValidationError(`${field} must be an http(s) URL, not "${url}"`, field);
  }
  return url;
};

// A date, or a date-time with a time zone, as ISO-8601 writes them; the calendar check is Date.parse's.
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

export const optionalDateTime = (value: string | null | undefined, field: string): string | null => {
  const text = optionalText(value, field, 64);
  if (text !== null && (!ISO_DATE_TIME.test(text) || Number.isNaN(Date.parse(text)))) {
    throw new ValidationError(
      `${field} must be an ISO-8601 date or date-time with a time zone, not "${text}"`,
      field,
    );
  }
  return text;
};

export const requireOneOf = <Value extends string>(
  value: string | null | undefined,
  allowed: readonly Value[],
  field: string,
): Value => {
  const match = allowed.find((candidate) => candidate === value);
  if (match === undefined) {
    throw new ValidationError(`${field} must be one of ${allowed.join(', ')}, not ${String(value)}`, field);
  }
  return match;
};

const isUnitInterval = (value: number): boolean => Number.isFinite(value) && value >= 0 && value <= 1;

export const requireUnitInterval = (value: number | null | undefined, field: string): number => {
  if (typeof value !== 'number') throw new ValidationError(`${field} is required`, field);
  if (!isUnitInterval(value)) {
    throw new ValidationError(`${field} must be a number from 0 to 1, not ${value}`, field);
  }
  return value;
};

export const optionalUnitInterval = (value: number | null | undefined, field: string): number | null =>
  value === null || value === undefined ? null : requireUnitInterval(value, field);

/** Who did it and when, as every event records it: copied field by field so nothing else rides along. */
export const stamp = (metadata: CommandMetadata): { readonly at: string; readonly by: Actor } => ({
  at: metadata.now,
  by: { id: metadata.actor.id, role: metadata.actor.role },
});
