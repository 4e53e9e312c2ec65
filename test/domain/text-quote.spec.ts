import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { ValidationError } from '../../src/event-sourcing/errors.js';
import { anchorQuote } from '../../src/sources/domain/text-quote.js';
import type { TextQuote, TextQuoteSelector } from '../../src/sources/domain/text-quote.js';

const opEd = readFileSync(new URL('../fixtures/op-ed.txt', import.meta.url), 'utf8');

const anchored = (selector: TextQuoteSelector, text = opEd): TextQuote => {
  const quote = anchorQuote(text, selector);
  // The invariant every anchor keeps, whatever matching it took to find it.
  expect(text.slice(quote.start, quote.end)).toBe(quote.exact);
  expect(text.slice(quote.start - quote.prefix.length, quote.start)).toBe(quote.prefix);
  expect(text.slice(quote.end, quote.end + quote.suffix.length)).toBe(quote.suffix);
  return quote;
};

const rejection = (selector: TextQuoteSelector, text = opEd): ValidationError => {
  try {
    anchorQuote(text, selector);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe('quote');
    return error as ValidationError;
  }
  throw new Error(`"${selector.exact}" was anchored, but should not have been`);
};

describe('anchorQuote on the op-ed', () => {
  it('anchors a unique quote verbatim, with 32 characters of context from the text', () => {
    const exact = "Central Asia's transformation from a “geopolitical object” to a “geopolitical subject”";
    expect(anchored({ exact })).toEqual({
      exact,
      prefix: 'a. This concretely demonstrates ',
      suffix: ' for the first time in the post-',
      start: 10267,
      end: 10353,
    });
  });

  it('trims the quote and cuts the context short at the start and the end of the text', () => {
    expect(anchored({ exact: '  Daily Sabah logo\n' })).toMatchObject({
      exact: 'Daily Sabah logo',
      prefix: '',
      start: 0,
      end: 16,
    });
    const last = anchored({ exact: 'Yayıncılık 2021' });
    expect(last).toMatchObject({ suffix: '', start: 12676, end: opEd.length });
    expect(last.prefix).toBe('SS\n    © Turkuvaz Haberleşme ve ');
  });

  it('finds a quote typed with straight quote marks and stores the curly ones of the text', () => {
    const quote = anchored({ exact: 'from a "geopolitical object" to a "geopolitical subject"' });
    expect(quote.exact).toBe('from a “geopolitical object” to a “geopolitical subject”');
    expect(quote.start).toBe(10297);
    const apostrophe = anchored({ exact: "the Kremlin's tendency" });
    expect(apostrophe).toMatchObject({ exact: 'the Kremlin’s tendency', start: 6133, end: 6155 });
    const typographic = anchored({ exact: 'Moscow’s quest for repositioning' });
    expect(typographic.exact).toBe("Moscow's quest for repositioning");
  });

  it('forgives collapsed or added whitespace and maps the offsets back to the original text', () => {
    const acrossParagraphs = anchored({ exact: 'a balancing actor. About the author' });
    expect(acrossParagraphs).toMatchObject({
      exact: 'a balancing actor.\n\nAbout the author',
      start: 10714,
      end: 10750,
    });
    const pastedWithBreaks = anchored({ exact: 'Central Asia has risen\n  from a   passive buffer zone' });
    expect(pastedWithBreaks).toMatchObject({
      exact: 'Central Asia has risen from a passive buffer zone',
      start: 10661,
      end: 10710,
      suffix: ' to a balancing actor.\n\nAbout th',
    });
  });

  it('refuses a quote that occurs twice unless a prefix or suffix says which', () => {
    const caption = '(L-R) Kazakh President Kassym-Jomart Tokayev';
    expect(rejection({ exact: caption }).message).toBe(
      `the quote "${caption}" occurs 2 times in the source; add a prefix or suffix to say which`,
    );
    expect(anchored({ exact: caption, prefix: '12:05 am GMT+3' }).start).toBe(1867);
    expect(anchored({ exact: caption, prefix: '(EPA Photo)\n' }).start).toBe(2208);
  });

  it('tells the occurrences apart by a suffix, compared with the same forgiving normalisation', () => {
    const exact = "Moscow's efforts to reestablish";
    expect(rejection({ exact }).message).toContain('occurs 2 times');
    expect(anchored({ exact, suffix: 'its geopolitical influence' })).toMatchObject({
      start: 2824,
      end: 2855,
    });
    const second = anchored({ exact, suffix: '  its   influence in the region' });
    expect(second).toMatchObject({ start: 6978, suffix: ' its influence in the region, as' });
    expect(anchored({ exact, prefix: 'as a concrete reflection of', suffix: 'its' }).start).toBe(2824);
  });

  it('says so when the given context fits none, or still fits several, of the occurrences', () => {
    const exact = "Moscow's efforts to reestablish";
    expect(rejection({ exact, suffix: 'its empire' }).message).toContain(
      'occurs 2 times in the source, but none of them has the given prefix or suffix',
    );
    expect(rejection({ exact, suffix: 'its' }).message).toContain(
      'occurs 2 times in the source and the given prefix or suffix fits 2 of them; add a prefix or suffix',
    );
  });

  it('uses a unique match as it is, whatever context came with it', () => {
    expect(anchored({ exact: 'the Kremlin’s tendency', prefix: 'something else' }).start).toBe(6133);
  });

  it('rejects a quote that is not in the source text, and an empty one', () => {
    expect(rejection({ exact: 'Central Asia is a geopolitical object' }).message).toBe(
      'the quote "Central Asia is a geopolitical object" is not in the source text',
    );
    expect(rejection({ exact: "Moscow's quest for dominance" }).message).toContain(
      'is not in the source text',
    );
    expect(rejection({ exact: '  \n ' }).message).toBe('the quote is empty');
  });
});

describe('anchorQuote on small texts', () => {
  it('prefers a verbatim match to one found only after normalising', () => {
    expect(anchored({ exact: '"hi"' }, 'say “hi” and say "hi"')).toMatchObject({ start: 17, end: 21 });
  });

  it('counts overlapping occurrences', () => {
    expect(rejection({ exact: 'aa' }, 'baaab').message).toContain('occurs 2 times');
    expect(anchored({ exact: 'aa', prefix: 'ba' }, 'baaab').start).toBe(2);
  });

  it('keeps a whole surrogate pair in the context, and never cuts through one', () => {
    const text = `${'x'.repeat(9)}🙂${'y'.repeat(30)}QUOTE${'z'.repeat(30)}🙂tail`;
    const quote = anchored({ exact: 'QUOTE' }, text);
    expect(quote.prefix).toBe(`🙂${'y'.repeat(30)}`);
    expect(quote.suffix).toBe(`${'z'.repeat(30)}🙂`);
    const closer = anchored({ exact: 'QUOTE' }, `🙂${'y'.repeat(31)}QUOTE${'z'.repeat(31)}🙂`);
    expect(closer.prefix).toBe('y'.repeat(31));
    expect(closer.suffix).toBe('z'.repeat(31));
  });
});
