import { ValidationError } from '../../event-sourcing/errors.js';

/**
 * Quote anchoring after the W3C TextQuoteSelector / TextPositionSelector pair, as Hypothesis stores it:
 * the quote, up to 32 characters of context on each side, and 0-based offsets with `end` exclusive.
 * Everything stored is cut from the source text itself, so `text.slice(start, end) === exact` always holds.
 */

export const QUOTE_CONTEXT_LENGTH = 32;

/** What the analyst pasted: the quote, and optionally the words around it to say which occurrence. */
export interface TextQuoteSelector {
  readonly exact: string;
  readonly prefix?: string | null;
  readonly suffix?: string | null;
}

export interface TextQuote {
  readonly exact: string;
  /** Up to 32 characters just before `start` ('' at the start of the text). */
  readonly prefix: string;
  /** Up to 32 characters just after `end` ('' at the end of the text). */
  readonly suffix: string;
  readonly start: number;
  readonly end: number;
}

interface Span {
  readonly start: number;
  readonly end: number;
}

/** A text with whitespace runs collapsed and quote marks unified, and where each of its characters came from. */
interface NormalisedText {
  readonly text: string;
  /** `origin[i]` is the offset in the original text of normalised character `i`; ascending. */
  readonly origin: readonly number[];
}

// Pasted quotes lose line breaks and gain or lose typographic quotes; these are the differences we forgive.
const WHITESPACE = /\s/;
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B]/;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F]/;

const unifyQuote = (char: string): string =>
  SINGLE_QUOTES.test(char) ? "'" : DOUBLE_QUOTES.test(char) ? '"' : char;

const normalise = (text: string): NormalisedText => {
  const chars: string[] = [];
  const origin: number[] = [];
  let inWhitespace = false;
  for (let offset = 0; offset < text.length; offset++) {
    const char = text[offset]!;
    if (WHITESPACE.test(char)) {
      if (!inWhitespace) {
        chars.push(' ');
        origin.push(offset);
      }
      inWhitespace = true;
      continue;
    }
    inWhitespace = false;
    chars.push(unifyQuote(char));
    origin.push(offset);
  }
  return { text: chars.join(''), origin };
};

const normalisedString = (text: string): string => normalise(text).text;

/** Every offset where `needle` starts in `haystack`, overlapping occurrences included. */
const occurrences = (haystack: string, needle: string): number[] => {
  const found: number[] = [];
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) found.push(at);
  return found;
};

/** The first index whose origin is at or after `offset`. */
const normalisedIndexOf = (normalised: NormalisedText, offset: number): number => {
  let low = 0;
  let high = normalised.origin.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (normalised.origin[middle]! < offset) low = middle + 1;
    else high = middle;
  }
  return low;
};

const exactSpans = (text: string, exact: string): Span[] =>
  occurrences(text, exact).map((start) => ({ start, end: start + exact.length }));

const normalisedSpans = (normalisedText: NormalisedText, exact: string): Span[] => {
  // `exact` is trimmed, so a match starts and ends on a character that maps to one original offset.
  const needle = normalisedString(exact);
  return occurrences(normalisedText.text, needle).map((index) => ({
    start: normalisedText.origin[index]!,
    end: normalisedText.origin[index + needle.length - 1]! + 1,
  }));
};

/** Does the text around `span` read like the given context, forgiving the same differences as the quote? */
const contextMatches = (
  normalisedText: NormalisedText,
  span: Span,
  prefix: string | null,
  suffix: string | null,
): boolean => {
  const startIndex = normalisedIndexOf(normalisedText, span.start);
  const endIndex = normalisedIndexOf(normalisedText, span.end);
  // One extra character each side: the collapsed space between the context and the quote.
  const before =
    prefix === null ? '' : normalisedText.text.slice(Math.max(0, startIndex - prefix.length - 1), startIndex);
  const after = suffix === null ? '' : normalisedText.text.slice(endIndex, endIndex + suffix.length + 1);
  return (
    (prefix === null || before.trimEnd().endsWith(prefix)) &&
    (suffix === null || after.trimStart().startsWith(suffix))
  );
};

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** Context cut at most 32 code units from the quote, never through the middle of a surrogate pair. */
const contextAround = (text: string, span: Span): { prefix: string; suffix: string } => {
  let prefixStart = Math.max(0, span.start - QUOTE_CONTEXT_LENGTH);
  if (prefixStart > 0 && isLowSurrogate(text.charCodeAt(prefixStart))) prefixStart++;
  let suffixEnd = Math.min(text.length, span.end + QUOTE_CONTEXT_LENGTH);
  if (suffixEnd < text.length && isHighSurrogate(text.charCodeAt(suffixEnd - 1))) suffixEnd--;
  return { prefix: text.slice(prefixStart, span.start), suffix: text.slice(span.end, suffixEnd) };
};

const preview = (quote: string): string => (quote.length > 60 ? `${quote.slice(0, 57)}...` : quote);

const contextOrNull = (value: string | null | undefined, trim: (text: string) => string): string | null => {
  const context = typeof value === 'string' ? trim(normalisedString(value)) : '';
  return context.length === 0 ? null : context;
};

/**
 * Finds `selector.exact` in `text`: verbatim first, then forgiving whitespace and quote-mark differences.
 * Several matches are told apart by the prefix and suffix; a quote that is missing or stays ambiguous
 * is a ValidationError on the `quote` field.
 */
export const anchorQuote = (text: string, selector: TextQuoteSelector): TextQuote => {
  const exact = selector.exact.trim();
  if (exact.length === 0) throw new ValidationError('the quote is empty', 'quote');

  // Normalising costs a pass and an offset per character, so only a quote that needs it pays for it.
  let normalisedText: NormalisedText | undefined;
  const normalised = (): NormalisedText => (normalisedText ??= normalise(text));
  let spans = exactSpans(text, exact);
  if (spans.length === 0) spans = normalisedSpans(normalised(), exact);
  if (spans.length === 0) {
    throw new ValidationError(`the quote "${preview(exact)}" is not in the source text`, 'quote');
  }

  if (spans.length > 1) {
    const prefix = contextOrNull(selector.prefix, (context) => context.trimEnd());
    const suffix = contextOrNull(selector.suffix, (context) => context.trimStart());
    const total = spans.length;
    const hasContext = prefix !== null || suffix !== null;
    if (hasContext) {
      spans = spans.filter((span) => contextMatches(normalised(), span, prefix, suffix));
      if (spans.length === 0) {
        throw new ValidationError(
          `the quote "${preview(exact)}" occurs ${total} times in the source, but none of them has the given prefix or suffix`,
          'quote',
        );
      }
    }
    if (spans.length > 1) {
      const fits = hasContext ? ` and the given prefix or suffix fits ${spans.length} of them` : '';
      throw new ValidationError(
        `the quote "${preview(exact)}" occurs ${total} times in the source${fits}; add a prefix or suffix to say which`,
        'quote',
      );
    }
  }

  const span = spans[0]!;
  return {
    exact: text.slice(span.start, span.end),
    ...contextAround(text, span),
    start: span.start,
    end: span.end,
  };
};
