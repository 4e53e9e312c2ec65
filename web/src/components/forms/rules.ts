/**
 * The checks a form runs before it sends anything, in words for the person typing. The numbers and patterns
 * are the domain's (../../domain.ts); the server checks again, and its answer lands beside the same field.
 */
import {
  characterCount,
  MAX_TAGS,
  optionalTextProblem,
  optionalUnitInterval,
  REASON_LENGTH,
  requiredTextProblem,
  requireUnitInterval,
  tagProblem,
  ValidationError,
  type LengthBounds,
} from '../../domain.js';

/** Does the domain's own guard accept the value? (It throws a ValidationError where it does not.) */
const accepts = (guard: () => unknown): boolean => {
  try {
    guard();
    return true;
  } catch (error) {
    if (error instanceof ValidationError) return false;
    throw error;
  }
};

/** A text's length as the domain's text rules measure it: characters (code points), after trimming. */
export const textLength = (value: string): number => characterCount(value.trim());

/** Trimmed, or null when blank: the API stores a blank optional field as absent. */
export const optional = (value: string): string | null => (value.trim() ? value.trim() : null);

/** A required text within `bounds`; `missing` says what to write when it is blank. */
export const proseProblem = (
  value: string,
  bounds: LengthBounds,
  what: string,
  missing = `${what} is required.`,
): string | undefined => {
  if (value.trim().length === 0) return missing;
  const problem = requiredTextProblem(value, bounds);
  return problem === undefined ? undefined : `${what} ${problem}.`;
};

/** An optional text: blank is fine, too long is not. */
export const maxLengthProblem = (value: string, max: number, what: string): string | undefined => {
  const problem = optionalTextProblem(value, max);
  return problem === undefined ? undefined : `${what} ${problem}.`;
};

/** Comma- or space-separated tags, trimmed, each once, in the order typed. */
export const parseTags = (value: string): string[] => [
  ...new Set(
    value
      .split(/[,\s]+/)
      .map((tag) => tag.trim())
      .filter(Boolean),
  ),
];

export const tagsProblem = (tags: readonly string[]): string | undefined => {
  for (const tag of tags) {
    const problem = tagProblem(tag);
    if (problem !== undefined) return `"${tag}" is not a tag: it ${problem}.`;
  }
  if (tags.length > MAX_TAGS) return `A claim has at most ${MAX_TAGS} tags (these are ${tags.length}).`;
  return undefined;
};

/** A number typed into a field; blank is null. */
export const numberOrNull = (value: string): number | null => (value.trim() === '' ? null : Number(value));

/** A number from 0 to 1 (a reliability, a confidence), required or not, as the domain checks it. */
export const unitIntervalProblem = (value: string, words: string, required: boolean): string | undefined =>
  accepts(() =>
    required
      ? requireUnitInterval(numberOrNull(value), 'value')
      : optionalUnitInterval(numberOrNull(value), 'value'),
  )
    ? undefined
    : words;

/** A date picked in a date field, as the ISO-8601 date-time the API takes (midnight UTC). */
export const dateToIso = (value: string): string | null =>
  value ? new Date(`${value}T00:00:00Z`).toISOString() : null;

/** Why a change was made (reason, rationale, response): required, within the domain's limit for reasons. */
export const reasonProblem = (
  value: string,
  what = 'The reason',
  missing = 'A reason is required: the audit trail records why this was done.',
): string | undefined => proseProblem(value, REASON_LENGTH, what, missing);
