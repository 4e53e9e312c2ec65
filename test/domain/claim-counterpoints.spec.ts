import { describe, expect, it } from '@jest/globals';
import { claimDecider } from '../../src/claims/domain/claim.decider.js';
import { holdsPermit, REOPEN_PERMITS, RESOLVE_PERMITS } from '../../src/claims/domain/claim.permissions.js';
import type { ClaimEvent, CounterpointReopened } from '../../src/claims/domain/claim.events.js';
import type { LiveClaim } from '../../src/claims/domain/claim.state.js';
import { fold } from '../../src/event-sourcing/decider.js';
import {
  ForbiddenError,
  IllegalStateError,
  NotFoundError,
  ValidationError,
} from '../../src/event-sourcing/errors.js';
import { NOW, reopen, respond } from './claim-commands.js';
import {
  adam,
  alice,
  at,
  bob,
  CLAIM,
  CONTESTED_CLAIM,
  COUNTERPOINT,
  counterpointResolved,
  erin,
  OTHER_COUNTERPOINT,
  retracted,
  vera,
} from './claim-fixtures.js';
import { spec } from './decider-spec.js';

const given = spec(claimDecider).given;

/** Bob's counterpoint on alice's claim, answered by alice herself: the debate issue 14 found won by fiat. */
const SELF_ANSWERED = [...CONTESTED_CLAIM, counterpointResolved('ANSWERED', { by: alice })];

const reopened = (fields: Partial<CounterpointReopened['data']> = {}): CounterpointReopened => ({
  type: 'CounterpointReopened',
  data: {
    claimId: CLAIM,
    counterpointId: COUNTERPOINT,
    text: 'Balance is not independence: the security treaty still binds them to Moscow',
    reason: 'The answer does not address the treaty',
    at: at(NOW),
    by: bob,
    ...fields,
  },
});

const live = (events: readonly ClaimEvent[]): LiveClaim => {
  const state = fold(claimDecider, events);
  if (state.status !== 'live') throw new Error('expected a live claim');
  return state;
};

describe('claim decider, responding to a counterpoint', () => {
  it('lets the proposer answer a counterpoint against their own claim (an answer is an argument)', () => {
    given(CONTESTED_CLAIM)
      .when(respond({}, alice))
      .then([counterpointResolved('ANSWERED', { response: respond().data.response, at: at(NOW) })]);
  });

  it('lets any analyst answer, not only the proposer', () => {
    given(CONTESTED_CLAIM)
      .when(respond({}, bob))
      .then([counterpointResolved('ANSWERED', { response: respond().data.response, at: at(NOW), by: bob })]);
  });

  it('leaves conceding to the claim’s proposer or an editor, and says so', () => {
    given(CONTESTED_CLAIM)
      .when(respond({ resolution: 'CONCEDED' }, bob))
      .thenThrows(
        ForbiddenError,
        `only the claim’s proposer or an EDITOR may concede counterpoint ${COUNTERPOINT}; bob is ANALYST`,
      );
    for (const actor of [alice, erin, adam]) {
      given(CONTESTED_CLAIM)
        .when(respond({ resolution: 'CONCEDED' }, actor))
        .then([
          counterpointResolved('CONCEDED', { response: respond().data.response, at: at(NOW), by: actor }),
        ]);
    }
  });

  it('leaves dismissing to editors: dismissal is editorial, even for the proposer', () => {
    given(CONTESTED_CLAIM)
      .when(respond({ resolution: 'DISMISSED' }, alice))
      .thenThrows(ForbiddenError, 'needs the EDITOR role or higher; alice is ANALYST');
    given(CONTESTED_CLAIM)
      .when(respond({ resolution: 'DISMISSED' }, erin))
      .then([
        counterpointResolved('DISMISSED', { response: respond().data.response, at: at(NOW), by: erin }),
      ]);
  });

  it('refuses a VIEWER before anything else', () => {
    given(CONTESTED_CLAIM).when(respond({}, vera)).thenThrows(ForbiddenError, 'needs the ANALYST role');
  });

  it('judges who may before whether it can: a refused resolution of a resolved counterpoint is FORBIDDEN', () => {
    given(SELF_ANSWERED)
      .when(respond({ resolution: 'DISMISSED' }, bob))
      .thenThrows(ForbiddenError, 'EDITOR');
    given(SELF_ANSWERED)
      .when(respond({ resolution: 'DISMISSED' }, erin))
      .thenThrows(IllegalStateError, `counterpoint ${COUNTERPOINT} is already ANSWERED`);
  });
});

describe('claim decider, reopening a counterpoint with a rebuttal', () => {
  it('lets the counterpoint’s author rebut an answer: OPEN again, trimmed text and reason', () => {
    given(SELF_ANSWERED)
      .when(
        reopen(
          {
            text: '  Balance is not independence: the security treaty still binds them to Moscow ',
            reason: ' The answer does not address the treaty ',
          },
          bob,
        ),
      )
      .then([reopened()]);
  });

  it('lets an editor or admin reopen an answered counterpoint too', () => {
    for (const actor of [erin, adam])
      given(SELF_ANSWERED)
        .when(reopen({}, actor))
        .then([reopened({ by: actor })]);
  });

  it('refuses anyone else, naming who may', () => {
    given(SELF_ANSWERED)
      .when(reopen({}, alice))
      .thenThrows(
        ForbiddenError,
        `only the counterpoint’s author or an EDITOR may reopen counterpoint ${COUNTERPOINT}; alice is ANALYST`,
      );
    given(SELF_ANSWERED)
      .when(reopen({}, vera))
      .thenThrows(ForbiddenError, 'needs the ANALYST role or higher');
    // The author demoted to VIEWER: the role comes first.
    given(SELF_ANSWERED)
      .when(reopen({}, { id: bob.id, role: 'VIEWER' }))
      .thenThrows(ForbiddenError, 'needs the ANALYST role');
  });

  it('leaves a dismissal to editors: the author may not undo an editorial decision', () => {
    const dismissed = [...CONTESTED_CLAIM, counterpointResolved('DISMISSED', { by: erin })];
    given(dismissed)
      .when(reopen({}, bob))
      .thenThrows(ForbiddenError, 'needs the EDITOR role or higher; bob is ANALYST');
    given(dismissed)
      .when(reopen({}, erin))
      .then([reopened({ by: erin })]);
  });

  it('refuses an open counterpoint and a conceded one, whoever asks', () => {
    given(CONTESTED_CLAIM)
      .when(reopen({}, bob))
      .thenThrows(IllegalStateError, `counterpoint ${COUNTERPOINT} is already OPEN`);
    given([...CONTESTED_CLAIM, counterpointResolved('CONCEDED')])
      .when(reopen({}, erin))
      .thenThrows(IllegalStateError, 'was conceded');
    given([...SELF_ANSWERED, reopened()])
      .when(reopen({}, bob))
      .thenThrows(IllegalStateError, 'already OPEN');
  });

  it('refuses a counterpoint the claim does not have, a claim that does not exist and a retracted claim', () => {
    given(SELF_ANSWERED)
      .when(reopen({ counterpointId: OTHER_COUNTERPOINT }, bob))
      .thenThrows(NotFoundError, `counterpoint ${OTHER_COUNTERPOINT} not found on claim ${CLAIM}`);
    given([]).when(reopen({}, bob)).thenThrows(NotFoundError, `claim ${CLAIM} not found`);
    given([...SELF_ANSWERED, retracted()])
      .when(reopen({}, erin))
      .thenThrows(IllegalStateError, 'retracted; reopening its counterpoints is no longer possible');
  });

  it.each([
    ['a blank rebuttal', { text: '  ' }, 'text'],
    ['a rebuttal under 3 characters', { text: 'no' }, 'text'],
    ['a rebuttal over 2000 characters', { text: 'r'.repeat(2001) }, 'text'],
    ['a blank reason', { reason: ' ' }, 'reason'],
    ['a reason over 2000 characters', { reason: 'r'.repeat(2001) }, 'reason'],
  ] as const)('refuses %s', (_case, data, field) => {
    given(SELF_ANSWERED).when(reopen(data, bob)).thenThrows(ValidationError, { field });
  });
});

describe('the thread of a counterpoint', () => {
  const debate: ClaimEvent[] = [
    ...SELF_ANSWERED,
    reopened(),
    counterpointResolved('ANSWERED', {
      response: 'Balance is what the column describes, not dependence',
      at: at(40),
    }),
    reopened({ text: 'The column also describes Russia’s economic pull', reason: 'A fact', at: at(50) }),
  ];

  it('keeps every answer and rebuttal in order; a reopened counterpoint is OPEN and the claim CONTESTED', () => {
    const claim = live(debate);
    expect(claim.claimStatus).toBe('CONTESTED');
    const [counterpoint] = claim.counterpoints;
    expect(counterpoint).toMatchObject({
      state: 'OPEN',
      response: null,
      respondedBy: null,
      respondedAt: null,
    });
    expect(counterpoint!.thread).toEqual([
      { kind: 'ANSWER', text: counterpointResolved().data.response, reason: null, by: alice, at: at(3) },
      { kind: 'REBUTTAL', text: reopened().data.text, reason: reopened().data.reason, by: bob, at: at(NOW) },
      {
        kind: 'ANSWER',
        text: 'Balance is what the column describes, not dependence',
        reason: null,
        by: alice,
        at: at(40),
      },
      {
        kind: 'REBUTTAL',
        text: 'The column also describes Russia’s economic pull',
        reason: 'A fact',
        by: bob,
        at: at(50),
      },
    ]);
  });

  it('names each response by what it does', () => {
    for (const [resolution, kind] of [
      ['ANSWERED', 'ANSWER'],
      ['CONCEDED', 'CONCESSION'],
      ['DISMISSED', 'DISMISSAL'],
    ] as const) {
      const [counterpoint] = live([...CONTESTED_CLAIM, counterpointResolved(resolution)]).counterpoints;
      expect(counterpoint!.thread.map((entry) => entry.kind)).toEqual([kind]);
      expect(counterpoint!.state).toBe(resolution);
    }
  });

  it('lets a reopened counterpoint be answered again', () => {
    given([...SELF_ANSWERED, reopened()])
      .when(respond({ response: 'The column speaks of a delicate balance' }, alice))
      .then([
        counterpointResolved('ANSWERED', {
          response: 'The column speaks of a delicate balance',
          at: at(NOW),
        }),
      ]);
  });
});

describe('the permits the web app reads say exactly what the decider accepts', () => {
  const everyone = [alice, bob, erin, adam, vera];
  const accepts = (events: readonly ClaimEvent[], command: Parameters<typeof claimDecider.decide>[0]) => {
    try {
      claimDecider.decide(command, fold(claimDecider, events));
      return true;
    } catch (error) {
      if (error instanceof ForbiddenError) return false;
      throw error;
    }
  };

  it.each(['ANSWERED', 'CONCEDED', 'DISMISSED'] as const)('responding %s', (resolution) => {
    for (const actor of everyone) {
      expect([actor.id, holdsPermit(RESOLVE_PERMITS[resolution], actor, alice)]).toEqual([
        actor.id,
        accepts(CONTESTED_CLAIM, respond({ resolution }, actor)),
      ]);
    }
  });

  it.each(['ANSWERED', 'DISMISSED'] as const)('reopening a counterpoint %s', (resolution) => {
    const history = [...CONTESTED_CLAIM, counterpointResolved(resolution, { by: erin })];
    for (const actor of everyone) {
      expect([actor.id, holdsPermit(REOPEN_PERMITS[resolution], actor, bob)]).toEqual([
        actor.id,
        accepts(history, reopen({}, actor)),
      ]);
    }
  });

  it('reopening a conceded or an open counterpoint is no one’s', () => {
    expect(REOPEN_PERMITS.CONCEDED).toBe('NO_ONE');
    expect(REOPEN_PERMITS.OPEN).toBe('NO_ONE');
    for (const actor of everyone) expect(holdsPermit('NO_ONE', actor, actor)).toBe(false);
  });
});
