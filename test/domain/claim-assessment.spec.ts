import { describe, expect, it } from '@jest/globals';
import type { AssessmentWithdrawn, ClaimEvent } from '../../src/claims/domain/claim.events.js';
import type { LiveClaim } from '../../src/claims/domain/claim.state.js';
import { claimDecider } from '../../src/claims/domain/claim.decider.js';
import { fold } from '../../src/event-sourcing/decider.js';
import {
  ForbiddenError,
  IllegalStateError,
  NotFoundError,
  ValidationError,
} from '../../src/event-sourcing/errors.js';
import { assess, NOW, withdrawAssessment } from './claim-commands.js';
import {
  adam,
  alice,
  ASSESSED_CLAIM,
  assessed,
  at,
  bob,
  CLAIM,
  counterpointRaised,
  COUNTERPOINT,
  counterpointResolved,
  erin,
  EVIDENCE,
  evidenceAttached,
  linked,
  OPEN_CLAIM,
  OTHER_CLAIM,
  proposed,
  RETRACTED_CLAIM,
  retracted,
  SOURCE,
  STATEMENT,
} from './claim-fixtures.js';
import { spec } from './decider-spec.js';

const given = spec(claimDecider).given;

const withdrawn = (fields: Partial<AssessmentWithdrawn['data']> = {}): AssessmentWithdrawn => ({
  type: 'AssessmentWithdrawn',
  data: {
    claimId: CLAIM,
    reason: 'Judged the wording before the revision',
    at: at(NOW),
    by: erin,
    ...fields,
  },
});

const live = (history: readonly ClaimEvent[]): LiveClaim => {
  const state = fold(claimDecider, history);
  if (state.status !== 'live') throw new Error('no claim');
  return state;
};

const revised: ClaimEvent = {
  type: 'ClaimRevised',
  data: {
    claimId: CLAIM,
    statement: 'Central Asia acts as a subject',
    previousStatement: STATEMENT,
    reason: 'Closer to the op-ed',
    at: at(7),
    by: alice,
  },
};
const withdrawnEvidence: ClaimEvent = {
  type: 'EvidenceWithdrawn',
  data: { claimId: CLAIM, evidenceId: EVIDENCE, reason: 'Only memoranda', at: at(7), by: bob },
};

const reopened: ClaimEvent = {
  type: 'CounterpointReopened',
  data: {
    claimId: CLAIM,
    counterpointId: COUNTERPOINT,
    text: 'The treaty still binds them',
    reason: 'The answer does not address the treaty',
    at: at(7),
    by: bob,
  },
};

describe('claim decider, assessments bound to what they judged', () => {
  it('records the version the verdict is about and the statement it judged', () => {
    given([proposed(), evidenceAttached()])
      .when(assess({}, erin))
      .then([
        assessed({
          verdict: 'OPINION',
          confidence: 0.9,
          rationale: 'An interpretation, not a fact',
          assessedVersion: 3,
          statement: STATEMENT,
          at: at(NOW),
        }),
      ]);
  });

  it.each([
    ['the statement is revised', [revised], 3, 'ClaimRevised'],
    ['evidence is attached', [evidenceAttached({ at: at(7) })], 3, 'EvidenceAttached'],
    ['evidence is withdrawn', [withdrawnEvidence], 4, 'EvidenceWithdrawn'],
    ['a counterpoint is raised', [counterpointRaised({ at: at(7) })], 3, 'CounterpointRaised'],
    [
      'a counterpoint is resolved',
      [counterpointResolved('ANSWERED', { at: at(7) })],
      4,
      'CounterpointResolved',
    ],
    // A rebuttal reopens what the verdict took as settled.
    ['an answered counterpoint is reopened', [reopened], 5, 'CounterpointReopened'],
  ] as const)('goes stale when, after it, %s', (_case, after, version, type) => {
    const before =
      type === 'EvidenceWithdrawn'
        ? [proposed(), evidenceAttached(), assessed({ assessedVersion: 3 })]
        : type === 'CounterpointResolved'
          ? [proposed(), counterpointRaised(), assessed({ assessedVersion: 3 })]
          : type === 'CounterpointReopened'
            ? [
                proposed(),
                counterpointRaised(),
                counterpointResolved('ANSWERED'),
                assessed({ assessedVersion: 4 }),
              ]
            : [proposed(), assessed()];
    const claim = live([...before, ...after]);
    const cause = { claimId: CLAIM, version, type, at: at(7) };
    expect(claim.assessment?.staleSince).toMatchObject(cause);
    expect(claim.assessment?.verdict).toBe('MIXED'); // kept, with its history
    expect(claim.claimStatus).not.toBe('ASSESSED');
  });

  it('stays standing when only tags, links, unlinks or a re-anchoring follow, or the claim is retracted', () => {
    const tagged: ClaimEvent = {
      type: 'ClaimTagged',
      data: { claimId: CLAIM, added: ['russia'], removed: [], at: at(7), by: bob },
    };
    const unlinked: ClaimEvent = {
      type: 'ClaimUnlinked',
      data: {
        claimId: CLAIM,
        toClaimId: OTHER_CLAIM,
        kind: 'ATTACKS',
        reason: 'No attack',
        at: at(9),
        by: alice,
      },
    };
    // The statement judged stays the same: only where in the source it is quoted from moves.
    const quote = {
      exact: 'geopolitical object',
      prefix: "l Asia's transformation from a “",
      suffix: '” to a “geopolitical subject” fo',
      start: 10305,
      end: 10324,
    };
    const reanchoredClaim: ClaimEvent = {
      type: 'ClaimReanchored',
      data: {
        claimId: CLAIM,
        anchor: { sourceId: SOURCE, quote },
        previousAnchor: null,
        reason: 'The claim is about these words',
        at: at(10),
        by: alice,
      },
    };
    const claim = live([
      ...ASSESSED_CLAIM,
      tagged,
      linked('ATTACKS', { at: at(8) }),
      unlinked,
      reanchoredClaim,
    ]);
    expect(claim.assessment?.staleSince).toBeNull();
    expect(claim.claimStatus).toBe('ASSESSED');
    expect(claim.anchor).toEqual({ sourceId: SOURCE, quote });
    expect(live([...ASSESSED_CLAIM, retracted()]).assessment?.staleSince).toBeNull();
  });

  it('keeps the first cause, and an editor who assesses again makes it stand again', () => {
    const stale = live([...ASSESSED_CLAIM, revised, evidenceAttached({ at: at(8) })]);
    expect(stale.assessment?.staleSince).toMatchObject({ version: 3, type: 'ClaimRevised', by: alice });
    const again = live([
      ...ASSESSED_CLAIM,
      revised,
      assessed({
        verdict: 'ACCURATE',
        assessedVersion: 4,
        statement: 'Central Asia acts as a subject',
        at: at(9),
      }),
    ]);
    expect(again.assessment).toMatchObject({
      verdict: 'ACCURATE',
      assessedVersion: 4,
      assessedStatement: 'Central Asia acts as a subject',
      staleSince: null,
    });
    expect(again.claimStatus).toBe('ASSESSED');
  });

  it('reads an assessment recorded before it named what it judged as judging the claim as it then was', () => {
    const { assessedVersion: _version, statement: _statement, ...oldData } = assessed().data;
    const old: ClaimEvent = { type: 'ClaimAssessed', data: oldData };
    const claim = live([proposed(), revised, old]);
    expect(claim.assessment).toMatchObject({
      assessedVersion: 3,
      assessedStatement: 'Central Asia acts as a subject',
      staleSince: null,
    });
  });

  it('lets an editor withdraw a stale assessment', () => {
    given([...ASSESSED_CLAIM, revised])
      .when(withdrawAssessment({}, erin))
      .then([withdrawn()]);
  });
});

describe('claim decider, withdrawing an assessment', () => {
  it('records the withdrawal with its reason, trimmed, for an EDITOR or ADMIN', () => {
    given(ASSESSED_CLAIM)
      .when(withdrawAssessment({ reason: '  Judged the wording before the revision  ' }, erin))
      .then([withdrawn()]);
    given(ASSESSED_CLAIM)
      .when(withdrawAssessment({}, adam))
      .then([withdrawn({ by: adam })]);
  });

  it('leaves the claim without a verdict: OPEN again, or CONTESTED while a counterpoint is open', () => {
    const after = (history: Parameters<typeof fold>[1]) => fold(claimDecider, history as never);
    expect(after([...ASSESSED_CLAIM, withdrawn()])).toMatchObject({ claimStatus: 'OPEN', assessment: null });
    expect(after([proposed(), counterpointRaised(), assessed(), withdrawn()])).toMatchObject({
      claimStatus: 'CONTESTED',
      assessment: null,
    });
    expect(claimDecider.reasonOf!(withdrawn())).toBe('Judged the wording before the revision');
  });

  it('refuses an ANALYST: withdrawing a verdict is editorial', () => {
    given(ASSESSED_CLAIM)
      .when(withdrawAssessment({}, bob))
      .thenThrows(ForbiddenError, 'withdrawing an assessment needs the EDITOR role');
  });

  it('refuses a claim with no assessment, a retracted claim and a claim that does not exist', () => {
    given(OPEN_CLAIM)
      .when(withdrawAssessment({}, erin))
      .thenThrows(IllegalStateError, `claim ${CLAIM} has no assessment to withdraw`);
    given([...ASSESSED_CLAIM, withdrawn()])
      .when(withdrawAssessment({}, erin))
      .thenThrows(IllegalStateError, 'has no assessment to withdraw');
    given(RETRACTED_CLAIM).when(withdrawAssessment({}, erin)).thenThrows(IllegalStateError, 'is retracted');
    given([]).when(withdrawAssessment({}, erin)).thenThrows(NotFoundError, `claim ${CLAIM} not found`);
  });

  it('needs a reason of 3 characters or more', () => {
    given(ASSESSED_CLAIM)
      .when(withdrawAssessment({ reason: '  ' }, erin))
      .thenThrows(ValidationError, { field: 'reason', message: 'reason is required' });
    given(ASSESSED_CLAIM)
      .when(withdrawAssessment({ reason: 'no' }, erin))
      .thenThrows(ValidationError, { field: 'reason', message: 'must be 3–2000 characters long' });
  });
});
