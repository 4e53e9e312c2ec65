import { describe, expect, it } from '@jest/globals';
import type { AssessmentWithdrawn } from '../../src/claims/domain/claim.events.js';
import { claimDecider } from '../../src/claims/domain/claim.decider.js';
import { fold } from '../../src/event-sourcing/decider.js';
import {
  ForbiddenError,
  IllegalStateError,
  NotFoundError,
  ValidationError,
} from '../../src/event-sourcing/errors.js';
import { NOW, withdrawAssessment } from './claim-commands.js';
import {
  adam,
  ASSESSED_CLAIM,
  assessed,
  at,
  bob,
  CLAIM,
  counterpointRaised,
  erin,
  OPEN_CLAIM,
  proposed,
  RETRACTED_CLAIM,
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
