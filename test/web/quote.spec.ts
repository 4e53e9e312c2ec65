import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { anchorQuote } from '../../src/sources/domain/text-quote.js';
import { explainAcceptability } from '../../web/src/explain.js';
import { occurrences, segmentText, selectorFor, trimSpan } from '../../web/src/quote.js';
import type { ClaimDetail } from '../../web/src/types.js';

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

describe('acceptability explained in words', () => {
  const actor = { id: 'alice', role: 'ANALYST' as const };
  const base: Pick<
    ClaimDetail,
    'id' | 'acceptability' | 'status' | 'defeatedBy' | 'counterpoints' | 'relations'
  > = {
    id: 'clm_1',
    acceptability: 'IN',
    status: 'OPEN',
    defeatedBy: [],
    counterpoints: [],
    relations: [],
  };
  const counterpoint = {
    id: 'cpt_1',
    text: 'The communique was adopted jointly.',
    state: 'OPEN' as const,
    raisedAt: '',
    raisedBy: actor,
    response: null,
    respondedAt: null,
    respondedBy: null,
    citation: null,
  };
  const attacker = {
    id: 'clm_2',
    statement: 'Central Asia sets its own course.',
    status: 'OPEN' as const,
    acceptability: 'IN' as const,
  };
  const target = { id: 'clm_1', statement: 'x', status: 'OPEN' as const, acceptability: 'OUT' as const };

  it('IN with nothing attacking', () => {
    expect(explainAcceptability(base)).toBe('IN because nothing attacks it.');
  });

  it('OUT because of an open counterpoint', () => {
    expect(
      explainAcceptability({
        ...base,
        acceptability: 'OUT',
        status: 'CONTESTED',
        defeatedBy: ['cpt_1'],
        counterpoints: [counterpoint],
      }),
    ).toBe("OUT because the open counterpoint 'The communique was adopted jointly.' stands.");
  });

  it('OUT because of an attacking claim and a conceded counterpoint', () => {
    const relation = {
      kind: 'ATTACKS' as const,
      rationale: null,
      linkedAt: '',
      linkedBy: actor,
      from: attacker,
      to: target,
    };
    expect(
      explainAcceptability({
        ...base,
        acceptability: 'OUT',
        defeatedBy: ['clm_2', 'cpt_1'],
        counterpoints: [{ ...counterpoint, state: 'CONCEDED' }],
        relations: [relation],
      }),
    ).toBe(
      "OUT because the claim 'Central Asia sets its own course.' attacks it and stands (IN) and the conceded counterpoint 'The communique was adopted jointly.' stands.",
    );
  });

  it('UNDECIDED in a cycle', () => {
    const relation = {
      kind: 'UNDERCUTS' as const,
      rationale: null,
      linkedAt: '',
      linkedBy: actor,
      from: { ...attacker, acceptability: 'UNDECIDED' as const },
      to: target,
    };
    expect(
      explainAcceptability({
        ...base,
        acceptability: 'UNDECIDED',
        defeatedBy: ['clm_2'],
        relations: [relation],
      }),
    ).toMatch(
      /^UNDECIDED because the claim 'Central Asia sets its own course\.' undercuts it and is itself undecided/,
    );
  });
});
