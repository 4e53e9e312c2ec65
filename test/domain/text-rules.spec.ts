import { describe, expect, it } from '@jest/globals';
import {
  characterCount,
  isSafeText,
  optionalTextProblem,
  requiredTextProblem,
  verbatimTextProblem,
} from '../../src/event-sourcing/text-rules.js';

describe('text rules (the domain and the API share them)', () => {
  it.each([
    ['a NUL byte', 'Central Asia\u0000 moved'],
    ['another C0 control', 'bell \u0007'],
    ['a C1 control', 'next line \u0085'],
    ['a lone high surrogate', 'broken \ud83d pair'],
    ['a lone low surrogate', 'broken \ude00 pair'],
    ['a right-to-left override (Trojan Source)', 'price \u202e05$'],
    ['a first-strong isolate', 'isolate \u2068x\u2069'],
  ])('refuses %s', (_case, text) => {
    expect(isSafeText(text)).toBe(false);
    expect(requiredTextProblem(text, { min: 1, max: 100 })).toMatch(/must not contain control characters/);
    expect(optionalTextProblem(text, 100)).toMatch(/bidirectional overrides or lone surrogates/);
    expect(verbatimTextProblem(text, 100)).toBeDefined();
  });

  it('accepts tabs, newlines, well-formed pairs and right-to-left text without overrides', () => {
    expect(isSafeText('Line one\n\tline two\r\n')).toBe(true);
    expect(isSafeText('Moscow 🇷🇺 and 𝔄')).toBe(true);
    expect(isSafeText('مرکزی آسیا \u200f')).toBe(true);
  });

  it('counts characters as code points, so an astral character counts once', () => {
    expect(characterCount('𝔄𝔄𝔄')).toBe(3);
    expect('𝔄𝔄𝔄'.length).toBe(6);
    const atLimit = '😀'.repeat(2000);
    expect(requiredTextProblem(atLimit, { min: 3, max: 2000 })).toBeUndefined();
    expect(requiredTextProblem(`${atLimit}😀`, { min: 3, max: 2000 })).toBe(
      'must be 3–2000 characters long (after trimming), not 2001',
    );
  });

  it('judges required text after trimming, and a blank one as missing', () => {
    expect(requiredTextProblem('   ', { min: 3, max: 10 })).toBe('is required');
    expect(requiredTextProblem('  ab  ', { min: 3, max: 10 })).toBe(
      'must be 3–10 characters long (after trimming), not 2',
    );
    expect(requiredTextProblem('  abc  ', { min: 3, max: 10 })).toBeUndefined();
  });

  it('keeps verbatim text whole: its whitespace counts', () => {
    expect(verbatimTextProblem('  abc  ', 7)).toBeUndefined();
    expect(verbatimTextProblem('  abc  ', 6)).toBe('must be at most 6 characters long, not 7');
  });
});
