import { requireOneOf, requireRole, requireUnitInterval, stamp } from '../../event-sourcing/guards.js';
import type { Command } from '../../event-sourcing/metadata.js';
import type { ClaimAssessed } from './claim.events.js';
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
      data: { claimId: claim.claimId, verdict, confidence, rationale, ...stamp(metadata) },
    },
  ];
};

export const assessmentDecisions = decisionTable({
  AssessClaim: assessClaim,
});
