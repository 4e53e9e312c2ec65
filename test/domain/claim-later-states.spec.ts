import { describe, it } from '@jest/globals';
import { claimDecider } from '../../src/claims/domain/claim.decider.js';
import type { CounterpointResolution } from '../../src/claims/domain/claim.values.js';
import {
  ForbiddenError,
  IllegalStateError,
  NotFoundError,
  ValidationError,
} from '../../src/event-sourcing/errors.js';
import {
  assess,
  attachEvidence,
  link,
  NOW,
  raiseCounterpoint,
  respond,
  retract,
  revise,
  tag,
  unlink,
  withdrawEvidence,
} from './claim-commands.js';
import {
  alice,
  ASSESSED_CLAIM,
  assessed,
  at,
  bob,
  CLAIM,
  CONTESTED_CLAIM,
  COUNTERPOINT,
  counterpointRaised,
  counterpointResolved,
  erin,
  EVIDENCE,
  OTHER_CLAIM,
  OTHER_COUNTERPOINT,
  RETRACTED_CLAIM,
} from './claim-fixtures.js';
import { spec } from './decider-spec.js';

const given = spec(claimDecider).given;

describe('claim decider, given a contested claim', () => {
  // Each by the least actor the rule allows: any analyst answers, the proposer concedes, an editor dismisses.
  it.each([
    ['ANSWERED', bob],
    ['CONCEDED', alice],
    ['DISMISSED', erin],
  ] as const)('resolves the counterpoint as %s with a response (by %j)', (resolution, actor) => {
    given(CONTESTED_CLAIM)
      .when(respond({ resolution, response: ' See the column’s own wording ' }, actor))
      .then([
        {
          type: 'CounterpointResolved',
          data: {
            claimId: CLAIM,
            counterpointId: COUNTERPOINT,
            resolution,
            response: 'See the column’s own wording',
            at: at(NOW),
            by: actor,
          },
        },
      ]);
  });

  it('refuses to resolve a counterpoint twice', () => {
    given([...CONTESTED_CLAIM, counterpointResolved('CONCEDED')])
      .when(respond({ resolution: 'DISMISSED' }, erin))
      .thenThrows(IllegalStateError, `counterpoint ${COUNTERPOINT} is already CONCEDED`);
  });

  it('refuses a counterpoint the claim does not have, an unknown resolution and a blank response', () => {
    given(CONTESTED_CLAIM)
      .when(respond({ counterpointId: OTHER_COUNTERPOINT }))
      .thenThrows(NotFoundError, `counterpoint ${OTHER_COUNTERPOINT} not found on claim ${CLAIM}`);
    given(CONTESTED_CLAIM)
      .when(respond({ resolution: 'REJECTED' as string as CounterpointResolution }))
      .thenThrows(ValidationError, { field: 'resolution' });
    given(CONTESTED_CLAIM)
      .when(respond({ response: ' ' }))
      .thenThrows(ValidationError, { field: 'response' });
  });

  it('still takes further counterpoints and an assessment', () => {
    given(CONTESTED_CLAIM)
      .when(raiseCounterpoint())
      .then([
        counterpointRaised({
          counterpointId: OTHER_COUNTERPOINT,
          text: 'Trade with Russia still matters, the column says',
          at: at(NOW),
          by: alice,
        }),
      ]);
    given(CONTESTED_CLAIM)
      .when(assess({}, erin))
      .then([
        assessed({
          verdict: 'OPINION',
          confidence: 0.9,
          rationale: 'An interpretation, not a fact',
          assessedVersion: 3, // proposed, counterpoint raised, this assessment
          at: at(NOW),
        }),
      ]);
  });
});

describe('claim decider, given an assessed claim', () => {
  it('takes a new assessment that replaces the old', () => {
    given(ASSESSED_CLAIM)
      .when(assess({ verdict: 'MISLEADING', confidence: 0.4, rationale: 'New data' }, erin))
      .then([
        assessed({
          verdict: 'MISLEADING',
          confidence: 0.4,
          rationale: 'New data',
          assessedVersion: 3,
          at: at(NOW),
        }),
      ]);
  });

  it('can still be contested and revised', () => {
    given(ASSESSED_CLAIM)
      .when(raiseCounterpoint({}, bob))
      .then([
        counterpointRaised({
          counterpointId: OTHER_COUNTERPOINT,
          text: 'Trade with Russia still matters, the column says',
          at: at(NOW),
          by: bob,
        }),
      ]);
    given(ASSESSED_CLAIM)
      .when(revise({ statement: 'Central Asia acts as a subject' }))
      .then([
        {
          type: 'ClaimRevised',
          data: {
            claimId: CLAIM,
            statement: 'Central Asia acts as a subject',
            previousStatement: 'Central Asia moved from geopolitical object to subject',
            reason: 'Closer to the wording of the op-ed',
            at: at(NOW),
            by: alice,
          },
        },
      ]);
  });
});

describe('claim decider, given a retracted claim', () => {
  it.each([
    ['ReviseClaim', revise()],
    ['TagClaim', tag({ add: ['russia'] })],
    ['AttachEvidence', attachEvidence()],
    ['RaiseCounterpoint', raiseCounterpoint()],
    ['LinkClaims', link({ kind: 'REFINES' })],
    ['AssessClaim', assess({}, erin)],
  ] as const)('refuses %s', (_type, command) => {
    given(RETRACTED_CLAIM).when(command).thenThrows(IllegalStateError, `claim ${CLAIM} is retracted`);
  });

  it('refuses to retract it again, but checks the role first', () => {
    given(RETRACTED_CLAIM)
      .when(retract({}, erin))
      .thenThrows(IllegalStateError, `claim ${CLAIM} is already retracted`);
    given(RETRACTED_CLAIM).when(retract({}, bob)).thenThrows(ForbiddenError);
  });

  it('still lets the debate be tidied up: withdraw evidence, resolve counterpoints, remove links', () => {
    given(RETRACTED_CLAIM)
      .when(withdrawEvidence({}, bob))
      .then([
        {
          type: 'EvidenceWithdrawn',
          data: {
            claimId: CLAIM,
            evidenceId: EVIDENCE,
            reason: 'The deals were only memoranda',
            at: at(NOW),
            by: bob,
          },
        },
      ]);
    given(RETRACTED_CLAIM)
      .when(respond({ resolution: 'CONCEDED', response: 'Hence the retraction' }))
      .then([counterpointResolved('CONCEDED', { response: 'Hence the retraction', at: at(NOW) })]);
    given(RETRACTED_CLAIM)
      .when(unlink())
      .then([
        {
          type: 'ClaimUnlinked',
          data: {
            claimId: CLAIM,
            toClaimId: OTHER_CLAIM,
            kind: 'ATTACKS',
            reason: 'Linked the wrong claim',
            at: at(NOW),
            by: alice,
          },
        },
      ]);
  });
});
