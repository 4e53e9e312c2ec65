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

// Pasted quotes lose line breaks and gain or lose typographic quotes; these are the differences we forgive.
const WHITESPACE = /\s/;
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B]/;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F]/;

const unifyQuote = (char: string): string =>
  SINGLE_QUOTES.test(char) ? "'" : DOUBLE_QUOTES.test(char) ? '"' : char;

/** A quote (or context) with whitespace runs collapsed and quote marks unified. */
const normalisedString = (text: string): string => {
  let normalised = '';
  let inWhitespace = false;
  for (const char of text) {
    if (WHITESPACE.test(char)) {
      if (!inWhitespace) normalised += ' ';
      inWhitespace = true;
    } else {
      inWhitespace = false;
      normalised += unifyQuote(char);
    }
  }
  return normalised;
};

/**
 * More occurrences than any passage worth quoting has: counting (and weighing the context of) each of a
 * short quote's occurrences in a 1 MB source is work without an answer at the end.
 */
export const MAX_QUOTE_OCCURRENCES = 1000;

/**
 * Every span where `pattern` matches `text`, overlapping ones included, up to one past the bound. The
 * pattern is global; each search starts one character after the previous match began.
 */
const matchSpans = (text: string, pattern: RegExp): Span[] => {
  const spans: Span[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    spans.push({ start: match.index, end: match.index + match[0].length });
    if (spans.length > MAX_QUOTE_OCCURRENCES) break;
    pattern.lastIndex = match.index + 1;
  }
  return spans;
};

const exactSpans = (text: string, exact: string): Span[] => {
  const spans: Span[] = [];
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
    spans.push({ start: at, end: at + exact.length });
    if (spans.length > MAX_QUOTE_OCCURRENCES) break;
  }
  return spans;
};

const escaped = (char: string): string => {
  if (/[\\^$.*+?()[\]{}|/]/.test(char)) return `\\${char}`;
  const code = char.charCodeAt(0);
  // A lone surrogate only matches as an escape in a `u` pattern.
  return char.length === 1 && code >= 0xd800 && code <= 0xdfff ? `\\u${code.toString(16)}` : char;
};

/**
 * The forgiving match as one regular expression over the text itself: a space of the normalised quote is
 * any run of whitespace, a quote mark any of its typographic forms. The text is never normalised whole,
 * which took a pass and an offset per character: 150–450 ms for a quote that misses in a 1 MB source.
 * Each run of whitespace is followed by a character that is not whitespace, so `\s+` never backtracks far.
 */
const forgivingPattern = (exact: string): RegExp => {
  let source = '';
  for (const char of normalisedString(exact)) {
    source +=
      char === ' '
        ? '\\s+'
        : char === "'"
          ? "['\\u2018-\\u201B]"
          : char === '"'
            ? '["\\u201C-\\u201F]'
            : escaped(char);
  }
  return new RegExp(source, 'gu');
};

/** Up to `count` normalised characters of `text` that end just before `offset`, read backwards from it. */
const normalisedBefore = (text: string, offset: number, count: number): string => {
  const chars: string[] = [];
  let at = offset;
  while (at > 0 && chars.length < count) {
    if (WHITESPACE.test(text[at - 1]!)) {
      while (at > 0 && WHITESPACE.test(text[at - 1]!)) at--;
      chars.push(' ');
    } else {
      const low = text.charCodeAt(at - 1);
      const pair = at > 1 && isLowSurrogate(low) && isHighSurrogate(text.charCodeAt(at - 2));
      chars.push(unifyQuote(text.slice(at - (pair ? 2 : 1), at)));
      at -= pair ? 2 : 1;
    }
  }
  return chars.reverse().join('');
};

/** Up to `count` normalised characters of `text` from `offset` on. */
const normalisedAfter = (text: string, offset: number, count: number): string => {
  const chars: string[] = [];
  let at = offset;
  while (at < text.length && chars.length < count) {
    if (WHITESPACE.test(text[at]!)) {
      while (at < text.length && WHITESPACE.test(text[at]!)) at++;
      chars.push(' ');
    } else {
      const width = isHighSurrogate(text.charCodeAt(at)) && isLowSurrogate(text.charCodeAt(at + 1)) ? 2 : 1;
      chars.push(unifyQuote(text.slice(at, at + width)));
      at += width;
    }
  }
  return chars.join('');
};

/**
 * Does the text around `span` read like the given context, forgiving the same differences as the quote?
 * Only the few characters next to the span are normalised.
 */
const contextMatches = (text: string, span: Span, prefix: string | null, suffix: string | null): boolean => {
  // One extra character each side: the collapsed space between the context and the quote.
  const before = prefix === null ? '' : normalisedBefore(text, span.start, [...prefix].length + 1);
  const after = suffix === null ? '' : normalisedAfter(text, span.end, [...suffix].length + 1);
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

  let spans = exactSpans(text, exact);
  if (spans.length === 0) spans = matchSpans(text, forgivingPattern(exact));
  if (spans.length === 0) {
    throw new ValidationError(`the quote "${preview(exact)}" is not in the source text`, 'quote');
  }
  if (spans.length > MAX_QUOTE_OCCURRENCES) {
    throw new ValidationError(
      `the quote "${preview(exact)}" occurs more than ${MAX_QUOTE_OCCURRENCES.toLocaleString('en-US')} times in the source; quote more of the passage`,
      'quote',
    );
  }

  if (spans.length > 1) {
    const prefix = contextOrNull(selector.prefix, (context) => context.trimEnd());
    const suffix = contextOrNull(selector.suffix, (context) => context.trimStart());
    const total = spans.length;
    const hasContext = prefix !== null || suffix !== null;
    if (hasContext) {
      spans = spans.filter((span) => contextMatches(text, span, prefix, suffix));
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
