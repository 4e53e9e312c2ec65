import { ForbiddenError, ValidationError } from './errors.js';
import { roleAtLeast } from './metadata.js';
import type { Actor, CommandMetadata, Role } from './metadata.js';
import { DATE_TIME_PROBLEM, isIsoDateTimeWithZone } from './date-time.js';
import { optionalTextProblem, requiredTextProblem, type LengthBounds } from './text-rules.js';

export type { LengthBounds };

/**
 * Checks shared by every decider. Each throws a typed domain error whose `field` names the GraphQL input
 * field, so the API can point at what to fix.
 */

export const requireRole = (actor: Actor, minimum: Role, action: string): void => {
  if (!roleAtLeast(actor.role, minimum)) {
    throw new ForbiddenError(`${action} needs the ${minimum} role or higher; ${actor.id} is ${actor.role}`);
  }
};

/**
 * The ownership rule (docs/architecture.md §4): what one analyst did (proposed, attached, linked, raised,
 * registered) only they or an EDITOR (ADMIN included) may undo, correct or contest. Judged by the actor's
 * id and today's role, after the minimum role; `who` names the owner in the refusal, so it says who may.
 */
export const isOwnerOrEditor = (actor: Actor, owner: Actor): boolean =>
  actor.id === owner.id || roleAtLeast(actor.role, 'EDITOR');

export const requireOwnerOrEditor = (actor: Actor, owner: Actor, who: string, action: string): void => {
  if (isOwnerOrEditor(actor, owner)) return;
  throw new ForbiddenError(`only ${who} or an EDITOR may ${action}; ${actor.id} is ${actor.role}`);
};

/** A required text, trimmed: present, safe and within `bounds` (text-rules.ts). */
export const requireText = (
  value: string | null | undefined,
  field: string,
  bounds: LengthBounds,
): string => {
  const text = typeof value === 'string' ? value : '';
  const problem = requiredTextProblem(text, bounds);
  if (problem) throw new ValidationError(`${field} ${problem}`, field);
  return text.trim();
};

/** An optional text, trimmed; blank counts as absent. */
export const optionalText = (
  value: string | null | undefined,
  field: string,
  maxLength: number,
): string | null => {
  if (typeof value !== 'string' || value.trim().length === 0) return null;
  const problem = optionalTextProblem(value, maxLength);
  if (problem) throw new ValidationError(`${field} ${problem}`, field);
  return value.trim();
};

/** An optional text that, when given, follows the rules of a required one (a link's rationale). */
export const optionalProse = (
  value: string | null | undefined,
  field: string,
  bounds: LengthBounds,
): string | null => (value === null || value === undefined ? null : requireText(value, field, bounds));

export const MAX_URL_LENGTH = 2048;

export const isHttpUrl = (value: string): boolean => {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
};

/** An absolute http(s) URL of at most 2048 characters; hosts without a dot (localhost, an intranet name) pass. */
export const httpUrlProblem = (value: string): string | undefined =>
  optionalTextProblem(value, MAX_URL_LENGTH) ??
  (isHttpUrl(value.trim()) ? undefined : `must be an absolute http(s) URL, not "${value}"`);

export const optionalHttpUrl = (value: string | null | undefined, field: string): string | null => {
  if (typeof value !== 'string' || value.trim().length === 0) return null;
  const problem = httpUrlProblem(value);
  if (problem) throw new ValidationError(`${field} ${problem}`, field);
  return value.trim();
};

export const optionalDateTime = (value: string | null | undefined, field: string): string | null => {
  if (typeof value !== 'string' || value.trim().length === 0) return null;
  if (!isIsoDateTimeWithZone(value)) throw new ValidationError(`${field} ${DATE_TIME_PROBLEM}`, field);
  return value;
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

/** A number from 0 to 1 (a confidence, a reliability). */
export const unitIntervalProblem = (value: number): string | undefined =>
  Number.isFinite(value) && value >= 0 && value <= 1
    ? undefined
    : `must be a number from 0 to 1, not ${value}`;

export const requireUnitInterval = (value: number | null | undefined, field: string): number => {
  if (typeof value !== 'number') throw new ValidationError(`${field} is required`, field);
  const problem = unitIntervalProblem(value);
  if (problem) throw new ValidationError(`${field} ${problem}`, field);
  return value;
};

export const optionalUnitInterval = (value: number | null | undefined, field: string): number | null =>
  value === null || value === undefined ? null : requireUnitInterval(value, field);

/** Who did it and when, as every event records it: copied field by field so nothing else rides along. */
export const stamp = (metadata: CommandMetadata): { readonly at: string; readonly by: Actor } => ({
  at: metadata.now,
  by: { id: metadata.actor.id, role: metadata.actor.role },
});
