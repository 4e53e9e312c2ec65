import { describe, expect, it } from '@jest/globals';
import { acceptabilityReason, type Standing } from '../../src/claims/domain/acceptability-reason.js';

const unattacked: Standing = { label: 'IN', retracted: false, attacked: false, defeaters: [] };
const counterpoint = {
  kind: 'counterpoint',
  id: 'cpt_1',
  state: 'OPEN',
  text: 'The communique was adopted jointly.',
} as const;
const attacker = {
  kind: 'claim',
  id: 'clm_2',
  relationKind: 'ATTACKS',
  statement: 'Central Asia sets its own course.',
} as const;

describe('acceptability, said in words', () => {
  it('IN with nothing attacking', () => {
    expect(acceptabilityReason(unattacked)).toBe('IN because nothing attacks it.');
  });

  it('IN with every attacker defeated', () => {
    expect(acceptabilityReason({ ...unattacked, attacked: true })).toBe(
      'IN because everything that attacks it is itself defeated (OUT).',
    );
  });

  it('OUT because of an open counterpoint', () => {
    expect(
      acceptabilityReason({ ...unattacked, label: 'OUT', attacked: true, defeaters: [counterpoint] }),
    ).toBe("OUT because the open counterpoint 'The communique was adopted jointly.' stands.");
  });

  it('OUT because of an attacking claim and a conceded counterpoint', () => {
    expect(
      acceptabilityReason({
        ...unattacked,
        label: 'OUT',
        attacked: true,
        defeaters: [attacker, { ...counterpoint, state: 'CONCEDED' }],
      }),
    ).toBe(
      "OUT because the claim 'Central Asia sets its own course.' attacks it and stands (IN) and the conceded counterpoint 'The communique was adopted jointly.' stands.",
    );
  });

  it('UNDECIDED in a cycle', () => {
    expect(
      acceptabilityReason({
        ...unattacked,
        label: 'UNDECIDED',
        attacked: true,
        defeaters: [{ ...attacker, relationKind: 'UNDERCUTS' }],
      }),
    ).toBe(
      "UNDECIDED because the claim 'Central Asia sets its own course.' undercuts it and is itself undecided: the attacks go round in a cycle that nothing settles.",
    );
  });

  it('names an argument it cannot describe by its id', () => {
    expect(
      acceptabilityReason({
        ...unattacked,
        label: 'OUT',
        attacked: true,
        defeaters: [{ kind: 'argument', id: 'clm_9' }],
      }),
    ).toBe('OUT because clm_9 attacks it and stands.');
  });

  it('says plainly that a retracted claim is out of the argument, whatever attacked it before', () => {
    const sentence =
      'OUT because it is retracted: a retracted claim is no longer an argument, so nothing defeats it and it attacks nothing.';
    expect(acceptabilityReason({ label: 'OUT', retracted: true, attacked: false, defeaters: [] })).toBe(
      sentence,
    );
    expect(
      acceptabilityReason({ label: 'OUT', retracted: true, attacked: true, defeaters: [counterpoint] }),
    ).toBe(sentence);
    expect(sentence).not.toMatch(/stands/);
  });

  it('shortens a long statement at 90 characters', () => {
    const long = `${'word '.repeat(30)}end`;
    const reason = acceptabilityReason({
      ...unattacked,
      label: 'OUT',
      attacked: true,
      defeaters: [{ ...attacker, statement: long }],
    });
    const quoted = /'([^']*)'/.exec(reason)![1]!;
    expect(quoted.length).toBeLessThanOrEqual(90);
    expect(quoted.endsWith('…')).toBe(true);
  });
});
