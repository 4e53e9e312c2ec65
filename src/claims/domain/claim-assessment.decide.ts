import { requireOneOf, requireRole, requireUnitInterval, stamp } from '../../event-sourcing/guards.js';
import type { Command } from '../../event-sourcing/metadata.js';
import { IllegalStateError } from '../../event-sourcing/errors.js';
import type { AssessmentWithdrawn, ClaimAssessed } from './claim.events.js';
import { requireLiveClaim, requireNotRetracted, requireReason } from './claim.guards.js';
import type { ClaimState } from './claim.state.js';
import { VERDICTS, type Verdict } from './claim.values.js';
import { decisionTable } from './decision-table.js';

/** The editors' verdicts on a claim. Each command is declared beside the one function that decides it. */

export type AssessClaim = Command<
  'AssessClaim',
  {
    readonly claimId: string;
    readonly verdict: Verdict;
    readonly confidence: number;
    readonly rationale: string;
  }
>;

export const assessClaim = (command: AssessClaim, state: ClaimState): ClaimAssessed[] => {
  const { data, metadata } = command;
  requireRole(metadata.actor, 'EDITOR', 'assessing a claim');
  const claim = requireLiveClaim(state, data.claimId);
  requireNotRetracted(claim, 'assessing it');
  const verdict = requireOneOf(data.verdict, VERDICTS, 'verdict');
  const confidence = requireUnitInterval(data.confidence, 'confidence');
  const rationale = requireReason(data.rationale, 'rationale');
  return [
    {
      type: 'ClaimAssessed',
      data: {
        claimId: claim.claimId,
        verdict,
        confidence,
        rationale,
        // The version this event gives the claim: the verdict is about the claim as it now stands.
        assessedVersion: claim.version + 1,
        statement: claim.statement,
        ...stamp(metadata),
      },
    },
  ];
};

export type WithdrawAssessment = Command<
  'WithdrawAssessment',
  { readonly claimId: string; readonly reason: string }
>;

/** An editor takes a verdict back: the claim is no longer ASSESSED; the assessment stays in its history. */
export const withdrawAssessment = (command: WithdrawAssessment, state: ClaimState): AssessmentWithdrawn[] => {
  const { data, metadata } = command;
  requireRole(metadata.actor, 'EDITOR', 'withdrawing an assessment');
  const claim = requireLiveClaim(state, data.claimId);
  requireNotRetracted(claim, 'withdrawing its assessment');
  if (claim.assessment === null) {
    throw new IllegalStateError(`claim ${claim.claimId} has no assessment to withdraw`);
  }
  const reason = requireReason(data.reason);
  return [{ type: 'AssessmentWithdrawn', data: { claimId: claim.claimId, reason, ...stamp(metadata) } }];
};

export const assessmentDecisions = decisionTable({
  AssessClaim: assessClaim,
  WithdrawAssessment: withdrawAssessment,
});
