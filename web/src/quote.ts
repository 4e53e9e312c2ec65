/**
 * Anchoring quotes like an annotation tool (W3C TextQuoteSelector): the exact words plus up to 32
 * characters either side, so the server can tell apart a passage that occurs more than once. Pure.
 */
export const QUOTE_CONTEXT_LENGTH = 32;

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface QuoteSelector {
  readonly exact: string;
  readonly prefix: string;
  readonly suffix: string;
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** The span without leading and trailing whitespace (the server trims the quote); undefined when empty. */
export const trimSpan = (text: string, span: Span): Span | undefined => {
  let start = Math.max(0, Math.min(span.start, span.end));
  let end = Math.min(text.length, Math.max(span.start, span.end));
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return start < end ? { start, end } : undefined;
};

/** The selector for one span of the text: exact words and the context around them, as the server stores it. */
export const selectorFor = (text: string, span: Span): QuoteSelector => {
  let prefixStart = Math.max(0, span.start - QUOTE_CONTEXT_LENGTH);
  if (prefixStart > 0 && isLowSurrogate(text.charCodeAt(prefixStart))) prefixStart++;
  let suffixEnd = Math.min(text.length, span.end + QUOTE_CONTEXT_LENGTH);
  if (suffixEnd < text.length && isHighSurrogate(text.charCodeAt(suffixEnd - 1))) suffixEnd--;
  return {
    exact: text.slice(span.start, span.end),
    prefix: text.slice(prefixStart, span.start),
    suffix: text.slice(span.end, suffixEnd),
  };
};

/** Every offset where `exact` occurs in `text` (overlapping ones too). */
export const occurrences = (text: string, exact: string): number[] => {
  const found: number[] = [];
  if (!exact) return found;
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) found.push(at);
  return found;
};

export interface Segment {
  readonly start: number;
  readonly end: number;
  /** Ids of the claims whose quotes cover this stretch, in the order given. */
  readonly claimIds: readonly string[];
}

/** Cuts the text at every anchor boundary so overlapping highlights render as flat, nested-free marks. */
export const segmentText = (
  length: number,
  anchors: ReadonlyArray<{ readonly id: string } & Span>,
): Segment[] => {
  const valid = anchors.filter(
    (anchor) => anchor.start >= 0 && anchor.end <= length && anchor.start < anchor.end,
  );
  const cuts = new Set<number>([0, length]);
  for (const anchor of valid) {
    cuts.add(anchor.start);
    cuts.add(anchor.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let index = 0; index + 1 < points.length; index++) {
    const start = points[index]!;
    const end = points[index + 1]!;
    if (start === end) continue;
    const claimIds = valid
      .filter((anchor) => anchor.start <= start && anchor.end >= end)
      .map((anchor) => anchor.id);
    const previous = segments[segments.length - 1];
    if (previous && previous.claimIds.length === 0 && claimIds.length === 0) {
      segments[segments.length - 1] = { start: previous.start, end, claimIds };
    } else {
      segments.push({ start, end, claimIds });
    }
  }
  return segments;
};

/** "…the words before [quote] the words after…" on one line, for showing which occurrence is meant. */
export const inContext = (
  text: string,
  span: Span,
  around = 40,
): { before: string; exact: string; after: string } => {
  const flat = (value: string) => value.replace(/\s+/g, ' ');
  let beforeStart = Math.max(0, span.start - around);
  let afterEnd = Math.min(text.length, span.end + around);
  // Whole words only at the cut ends.
  if (beforeStart > 0 && /\S/.test(text[beforeStart - 1]!)) {
    const space = text.slice(beforeStart, span.start).search(/\s/);
    if (space >= 0) beforeStart += space + 1;
  }
  if (afterEnd < text.length && /\S/.test(text[afterEnd]!)) {
    const space = text.slice(span.end, afterEnd).search(/\s\S*$/);
    if (space >= 0) afterEnd = span.end + space;
  }
  return {
    before: (beforeStart > 0 ? '…' : '') + flat(text.slice(beforeStart, span.start)),
    exact: flat(text.slice(span.start, span.end)),
    after: flat(text.slice(span.end, afterEnd)) + (afterEnd < text.length ? '…' : ''),
  };
};
