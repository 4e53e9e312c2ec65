import { describe, expect, it } from '@jest/globals';
import { claimDecider } from '../../src/claims/domain/claim.decider.js';
import { CLAIM_EVENT_TYPES, claimEventReason } from '../../src/claims/domain/claim.events.js';
import type { ClaimEvent } from '../../src/claims/domain/claim.events.js';
import type { ClaimState, LiveClaim } from '../../src/claims/domain/claim.state.js';
import { fold } from '../../src/event-sourcing/decider.js';
import {
  alice,
  assessed,
  at,
  bob,
  citation,
  CLAIM,
  counterpointRaised,
  counterpointResolved,
  erin,
  EVIDENCE,
  evidenceAttached,
  linked,
  OTHER_CLAIM,
  OTHER_COUNTERPOINT,
  proposed,
  retracted,
  STATEMENT,
} from './claim-fixtures.js';

const live = (events: readonly ClaimEvent[]): LiveClaim => {
  const state: ClaimState = fold(claimDecider, events);
  if (state.status !== 'live') throw new Error('expected a live claim');
  return state;
};
const statusAfter = (events: readonly ClaimEvent[]) => live(events).claimStatus;

const secondCounterpoint = counterpointRaised({ counterpointId: OTHER_COUNTERPOINT, at: at(3) });

describe('claim status, derived by evolve', () => {
  it('starts with no claim', () => {
    expect(claimDecider.initialState()).toEqual({ status: 'none' });
  });

  it('is OPEN once proposed, CONTESTED while a counterpoint is open, OPEN again once it is resolved', () => {
    expect(statusAfter([proposed()])).toBe('OPEN');
    expect(statusAfter([proposed(), counterpointRaised()])).toBe('CONTESTED');
    expect(statusAfter([proposed(), counterpointRaised(), counterpointResolved('ANSWERED')])).toBe('OPEN');
  });

  it('stays CONTESTED until every counterpoint is resolved, however it is resolved', () => {
    const both = [proposed(), counterpointRaised(), secondCounterpoint];
    expect(statusAfter([...both, counterpointResolved('DISMISSED')])).toBe('CONTESTED');
    const second = counterpointResolved('CONCEDED', { counterpointId: OTHER_COUNTERPOINT, at: at(4) });
    expect(statusAfter([...both, counterpointResolved('DISMISSED'), second])).toBe('OPEN');
  });

  it('is ASSESSED while its assessment stands; what outdates it leaves the claim CONTESTED or OPEN', () => {
    expect(statusAfter([proposed(), assessed()])).toBe('ASSESSED');
    // Raising a counterpoint after the verdict outdates it: contested now, and no verdict to fall back on.
    expect(statusAfter([proposed(), assessed(), counterpointRaised({ at: at(6) })])).toBe('CONTESTED');
    expect(statusAfter([proposed(), counterpointRaised(), assessed({ assessedVersion: 3 })])).toBe(
      'CONTESTED',
    );
    const resolvedAfter = [
      proposed(),
      counterpointRaised(),
      assessed({ assessedVersion: 3 }),
      counterpointResolved('CONCEDED', { at: at(7) }),
    ];
    expect(statusAfter(resolvedAfter)).toBe('OPEN');
    // An editor who assesses again restores the verdict.
    expect(statusAfter([...resolvedAfter, assessed({ assessedVersion: 5, at: at(8) })])).toBe('ASSESSED');
  });

  it('is RETRACTED once retracted, whatever else is open or assessed, and stays so', () => {
    expect(statusAfter([proposed(), retracted()])).toBe('RETRACTED');
    expect(statusAfter([proposed(), counterpointRaised(), assessed(), retracted()])).toBe('RETRACTED');
    expect(
      statusAfter([
        proposed(),
        counterpointRaised(),
        retracted(),
        counterpointResolved('CONCEDED', { at: at(8) }),
      ]),
    ).toBe('RETRACTED');
  });
});

describe('claim state, everything a time-travel view needs', () => {
  const history: ClaimEvent[] = [
    proposed({ attributedTo: 'Zeynep Gizem Özpınar' }),
    {
      type: 'ClaimRevised',
      data: {
        claimId: CLAIM,
        statement: 'Revised statement',
        previousStatement: STATEMENT,
        reason: 'r',
        at: at(1),
        by: alice,
      },
    },
    {
      type: 'ClaimTagged',
      data: { claimId: CLAIM, added: ['russia', 'eurasia'], removed: ['central-asia'], at: at(2), by: bob },
    },
    evidenceAttached({ at: at(3) }),
    {
      type: 'EvidenceWithdrawn',
      data: { claimId: CLAIM, evidenceId: EVIDENCE, reason: 'Only memoranda', at: at(4), by: erin },
    },
    counterpointRaised({ at: at(5), citation: citation({ title: 'Trade data' }) }),
    counterpointResolved('ANSWERED', { at: at(6), by: alice }),
    linked('SUPPORTS', { at: at(7), rationale: 'Same thesis' }),
    linked('ATTACKS', { at: at(8) }),
    {
      type: 'ClaimUnlinked',
      data: { claimId: CLAIM, toClaimId: OTHER_CLAIM, kind: 'SUPPORTS', reason: 'Wrong', at: at(9), by: bob },
    },
    assessed({ at: at(10), assessedVersion: 11, statement: 'Revised statement' }),
    retracted({ at: at(11) }),
  ];

  it('folds the whole history into one state', () => {
    expect(live(history)).toEqual({
      status: 'live',
      claimId: CLAIM,
      claimStatus: 'RETRACTED',
      statement: 'Revised statement',
      version: 12,
      tags: ['russia', 'eurasia'],
      attributedTo: 'Zeynep Gizem Özpınar',
      anchor: null,
      note: null,
      createdBy: alice,
      createdAt: at(0),
      updatedAt: at(11),
      evidence: [
        {
          evidenceId: EVIDENCE,
          stance: 'SUPPORTS',
          summary: evidenceAttached().data.summary,
          citation: citation(),
          reliability: 0.8,
          addedBy: bob,
          addedAt: at(3),
          withdrawn: true,
          withdrawnReason: 'Only memoranda',
          withdrawnBy: erin,
          withdrawnAt: at(4),
        },
      ],
      counterpoints: [
        {
          counterpointId: counterpointRaised().data.counterpointId,
          text: counterpointRaised().data.text,
          citation: citation({ title: 'Trade data' }),
          state: 'ANSWERED',
          raisedBy: bob,
          raisedAt: at(5),
          response: counterpointResolved().data.response,
          respondedBy: alice,
          respondedAt: at(6),
          thread: [
            {
              kind: 'ANSWER',
              text: counterpointResolved().data.response,
              reason: null,
              by: alice,
              at: at(6),
            },
          ],
        },
      ],
      relations: [
        { toClaimId: OTHER_CLAIM, kind: 'ATTACKS', rationale: null, linkedBy: alice, linkedAt: at(8) },
      ],
      assessment: {
        verdict: 'MIXED',
        confidence: 0.6,
        rationale: 'True of economics, less of security',
        assessedBy: erin,
        assessedAt: at(10),
        // The claim as it stood when assessed; a retraction does not outdate a verdict.
        assessedVersion: 11,
        assessedStatement: 'Revised statement',
        staleSince: null,
      },
      retraction: { reason: 'Misread the op-ed', retractedBy: erin, retractedAt: at(11) },
    });
  });

  it('shows the claim as it stood at any earlier point', () => {
    const before = live(history.slice(0, 7));
    expect(before).toMatchObject({
      claimStatus: 'OPEN',
      statement: 'Revised statement',
      updatedAt: at(6),
      assessment: null,
      retraction: null,
    });
    expect(live(history.slice(0, 1))).toMatchObject({
      statement: STATEMENT,
      tags: ['central-asia'],
      evidence: [],
      updatedAt: at(0),
    });
    expect(live(history.slice(0, 8)).relations).toHaveLength(1);
  });

  it('refuses a stream that does not start with ClaimProposed, or proposes twice', () => {
    expect(() => fold(claimDecider, [retracted()])).toThrow('comes before its ClaimProposed');
    expect(() => fold(claimDecider, [proposed(), proposed()])).toThrow('was proposed twice');
  });
});

describe('claim events', () => {
  it('lists every event type once', () => {
    expect([...CLAIM_EVENT_TYPES].sort()).toEqual(
      [
        'AssessmentWithdrawn',
        'ClaimAssessed',
        'ClaimLinked',
        'ClaimProposed',
        'ClaimReanchored',
        'ClaimRetracted',
        'ClaimRevised',
        'ClaimTagged',
        'ClaimUnlinked',
        'CounterpointRaised',
        'CounterpointReopened',
        'CounterpointResolved',
        'EvidenceAttached',
        'EvidenceWithdrawn',
      ].sort(),
    );
  });

  it('gives the editorial reason of each event for its metadata', () => {
    expect(claimEventReason(retracted())).toBe('Misread the op-ed');
    expect(claimEventReason(assessed())).toBe('True of economics, less of security');
    expect(claimEventReason(counterpointResolved())).toBe(
      'Security ties are now balanced by NATO and Türkiye contacts',
    );
    expect(claimEventReason(proposed({ note: 'Thesis' }))).toBe('Thesis');
    expect(claimEventReason(evidenceAttached())).toBeNull();
    // A link's rationale is why it was made: its editorial reason.
    expect(claimEventReason(linked('SUPPORTS', { rationale: 'Same summit, other reading' }))).toBe(
      'Same summit, other reading',
    );
    expect(claimEventReason(linked())).toBeNull();
  });
});
