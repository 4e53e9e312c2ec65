import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { anchorQuote } from '../../src/sources/domain/text-quote.js';
import { occurrences, segmentText, selectorFor, trimSpan } from '../../web/src/quote.js';

const OP_ED = readFileSync('test/fixtures/op-ed.txt', 'utf8');

describe('quote anchoring in the web app', () => {
  it('anchors every occurrence of a repeated passage exactly where it was selected (checked with the server’s own matcher)', () => {
    for (const passage of [
      "Moscow's efforts to reestablish its",
      'Central Asian countries',
      'the summit',
      'Eurasian',
    ]) {
      const starts = occurrences(OP_ED, passage);
      expect(starts.length).toBeGreaterThan(1);
      for (const start of starts) {
        const selector = selectorFor(OP_ED, { start, end: start + passage.length });
        expect(selector.prefix.length).toBeLessThanOrEqual(32);
        expect(selector.suffix.length).toBeLessThanOrEqual(32);
        expect(anchorQuote(OP_ED, selector)).toMatchObject({
          start,
          end: start + passage.length,
          exact: passage,
        });
      }
    }
  });

  it('trims whitespace around a selection, as the server trims the quote', () => {
    expect(trimSpan('  a b  ', { start: 0, end: 7 })).toEqual({ start: 2, end: 5 });
    expect(trimSpan('   ', { start: 0, end: 3 })).toBeUndefined();
    expect(trimSpan('abc', { start: 3, end: 1 })).toEqual({ start: 1, end: 3 });
  });

  it('cuts the text into flat segments for overlapping highlights', () => {
    const segments = segmentText(10, [
      { id: 'a', start: 1, end: 5 },
      { id: 'b', start: 3, end: 8 },
    ]);
    expect(segments).toEqual([
      { start: 0, end: 1, claimIds: [] },
      { start: 1, end: 3, claimIds: ['a'] },
      { start: 3, end: 5, claimIds: ['a', 'b'] },
      { start: 5, end: 8, claimIds: ['b'] },
      { start: 8, end: 10, claimIds: [] },
    ]);
    expect(segmentText(4, [{ id: 'x', start: 2, end: 9 }])).toEqual([{ start: 0, end: 4, claimIds: [] }]);
  });
});
