import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { ValidationError } from '../../src/event-sourcing/errors.js';
import { anchorQuote, type TextQuoteSelector } from '../../src/sources/domain/text-quote.js';

/**
 * What anchoring costs in a 1 MB source (issue 15, Medium): a quote that misses normalised the whole text,
 * a pass and an offset per character, 150–450 ms of synchronous CPU in the server. The bound is shown
 * against a control in the same text, never against a clock: a verbatim hit, which scans the text too.
 * Figures: bench/anchoring/RESULTS.md.
 */

const opEd = readFileSync(new URL('../fixtures/op-ed.txt', import.meta.url), 'utf8');
// The op-ed 80 times (1 MB), each copy headed by its number so that the headings are unique.
const MEGABYTE_TEXT = Array.from({ length: 80 }, (_, index) => `Copy ${index + 1}\n\n${opEd}`).join('\n\n');

const refusal = (selector: TextQuoteSelector, text: string): string => {
  try {
    anchorQuote(text, selector);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).message;
  }
  throw new Error(`"${selector.exact}" was anchored`);
};

/**
 * The fastest of `times` runs of `work`, in milliseconds, after one run to warm it: the least a call costs,
 * which other processes and the garbage collector can only add to.
 */
const timed = (times: number, work: () => void): number => {
  work();
  let fastest = Number.POSITIVE_INFINITY;
  for (let run = 0; run < times; run++) {
    const started = performance.now();
    work();
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
};

describe('anchorQuote in a 1 MB source', () => {
  it('a quote that is not there costs about what a verbatim hit costs, not a normalisation of the text', () => {
    expect(MEGABYTE_TEXT.length).toBeGreaterThan(1_000_000);
    const hit = { exact: 'Copy 77' };
    const miss = { exact: 'Central Asia’s transformation into a balancing actor of its own' };
    expect(anchorQuote(MEGABYTE_TEXT, hit).start).toBe(MEGABYTE_TEXT.lastIndexOf('Copy 77'));
    expect(refusal(miss, MEGABYTE_TEXT)).toContain('is not in the source text');
    const hits = timed(10, () => anchorQuote(MEGABYTE_TEXT, hit));
    const misses = timed(10, () => refusal(miss, MEGABYTE_TEXT));
    expect(misses).toBeLessThan(hits * 25 + 2);
  });

  it('long whitespace runs keep a miss linear in the text', () => {
    // Each "x" is followed by 100,000 spaces and a "z": the forgiving match of "x y" reads every run to its
    // end once. Ten blocks must cost about ten times one block.
    const blocks = (count: number) => `${'x'.concat(' '.repeat(100_000), 'z')}`.repeat(count);
    const one = blocks(1);
    const ten = blocks(10);
    const miss = { exact: 'x y' };
    expect(refusal(miss, ten)).toContain('is not in the source text');
    const small = timed(10, () => refusal(miss, one));
    const large = timed(10, () => refusal(miss, ten));
    expect(large).toBeLessThan(small * 25 + 2);
  });

  it('a quote that occurs more than 1,000 times is refused without weighing each occurrence', () => {
    const message = refusal({ exact: 'Central Asia', suffix: 'nowhere' }, MEGABYTE_TEXT.repeat(3));
    expect(message).toBe(
      'the quote "Central Asia" occurs more than 1,000 times in the source; quote more of the passage',
    );
    // Below that, occurrences are still counted and told apart by their context.
    expect(refusal({ exact: 'Copy 7' }, MEGABYTE_TEXT)).toContain('occurs 11 times');
    expect(anchorQuote(MEGABYTE_TEXT, { exact: 'Copy 7', suffix: '\n\nDaily' }).start).toBe(
      MEGABYTE_TEXT.indexOf('Copy 7\n'),
    );
  });
});
