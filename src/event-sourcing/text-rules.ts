/**
 * The rules every text a person writes must keep, stated once: the deciders' guards throw with these
 * problems, and the API's input validation (graphql/validation.ts) reports the very same ones, so a request
 * and an import are held to one rule. Each function returns what is wrong, or undefined.
 */

export interface LengthBounds {
  readonly min: number;
  readonly max: number;
}

/**
 * The reason of an editorial act (a revision, withdrawal, unlink, reopening, retraction), an assessment's
 * rationale, a response: the same bounds in every feature.
 */
export const REASON_LENGTH = { min: 3, max: 2000 } as const;

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;
/** Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they can make text read otherwise than it is. */
const isBidiControl = (code: number): boolean =>
  (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);

/**
 * No control characters other than tab, line feed and carriage return, no bidirectional embedding,
 * override or isolate, and no UTF-16 surrogate without its partner: none belongs in text a person wrote,
 * and a lone surrogate cannot be encoded as UTF-8 at all.
 */
export const isSafeText = (value: string): boolean => {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return false;
    if (code >= 0x7f && code <= 0x9f) return false;
    if (isBidiControl(code)) return false;
    if (isHighSurrogate(code)) {
      if (!isLowSurrogate(value.charCodeAt(index + 1))) return false;
      index++; // the pair is well formed; skip its low half
    } else if (isLowSurrogate(code)) {
      return false;
    }
  }
  return true;
};

/** Characters as a person counts them: code points, so an emoji or a CJK extension character counts once. */
export const characterCount = (value: string): number => {
  let count = value.length;
  for (let index = 0; index < value.length; index++) {
    if (isHighSurrogate(value.charCodeAt(index)) && isLowSurrogate(value.charCodeAt(index + 1))) count--;
  }
  return count;
};

const UNSAFE =
  'must not contain control characters (other than tab and newlines), bidirectional overrides or lone surrogates';

/** A required text, judged after trimming: present, safe, and `bounds.min`–`bounds.max` characters long. */
export const requiredTextProblem = (value: string, bounds: LengthBounds): string | undefined => {
  const trimmed = value.trim();
  if (trimmed.length === 0) return 'is required';
  if (!isSafeText(value)) return UNSAFE;
  const length = characterCount(trimmed);
  if (length < bounds.min || length > bounds.max) {
    return `must be ${bounds.min}–${bounds.max} characters long (after trimming), not ${length}`;
  }
  return undefined;
};

/** An optional text, judged after trimming (blank counts as absent): safe and at most `max` characters. */
export const optionalTextProblem = (value: string, max: number): string | undefined => {
  if (!isSafeText(value)) return UNSAFE;
  const length = characterCount(value.trim());
  return length > max ? `must be at most ${max} characters long, not ${length}` : undefined;
};

/** A text kept verbatim (a source's text): safe and at most `max` characters, whitespace included. */
export const verbatimTextProblem = (value: string, max: number): string | undefined => {
  if (!isSafeText(value)) return UNSAFE;
  const length = characterCount(value);
  return length > max ? `must be at most ${max} characters long, not ${length}` : undefined;
};
