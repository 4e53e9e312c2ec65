import { describe, it } from '@jest/globals';
import { claimDecider } from '../../src/claims/domain/claim.decider.js';
import { ForbiddenError, IllegalStateError } from '../../src/event-sourcing/errors.js';
import type { Actor } from '../../src/event-sourcing/metadata.js';
import { NOW, unlink, withdrawEvidence } from './claim-commands.js';
import {
  adam,
  alice,
  at,
  bob,
  CLAIM,
  EVIDENCE,
  evidenceAttached,
  erin,
  linked,
  OPEN_CLAIM,
  OTHER_CLAIM,
  vera,
} from './claim-fixtures.js';
import { spec } from './decider-spec.js';

const given = spec(claimDecider).given;

/** Bob attached the evidence to alice's claim; alice linked her claim to another. */
const history = [...OPEN_CLAIM, evidenceAttached({ by: bob }), linked('ATTACKS', { by: alice })];

const withdrawn = (by: Actor) => ({
  type: 'EvidenceWithdrawn' as const,
  data: { claimId: CLAIM, evidenceId: EVIDENCE, reason: withdrawEvidence().data.reason, at: at(NOW), by },
});
const unlinked = (by: Actor) => ({
  type: 'ClaimUnlinked' as const,
  data: {
    claimId: CLAIM,
    toClaimId: OTHER_CLAIM,
    kind: 'ATTACKS' as const,
    reason: unlink().data.reason,
    at: at(NOW),
    by,
  },
});

describe('claim decider, what an analyst added only they or an editor may take back', () => {
  describe('withdrawing evidence', () => {
    it('is for the analyst who attached it, an editor or an admin', () => {
      for (const actor of [bob, erin, adam])
        given(history)
          .when(withdrawEvidence({}, actor))
          .then([withdrawn(actor)]);
    });

    it('is refused to another analyst, the claim’s proposer included, with who may', () => {
      given(history)
        .when(withdrawEvidence({}, alice))
        .thenThrows(
          ForbiddenError,
          `only the analyst who attached it or an EDITOR may withdraw evidence ${EVIDENCE}; alice is ANALYST`,
        );
      given(history).when(withdrawEvidence({}, vera)).thenThrows(ForbiddenError, 'needs the ANALYST role');
    });

    it('judges by id and today’s role: the attacher demoted to VIEWER may not', () => {
      given(history)
        .when(withdrawEvidence({}, { id: bob.id, role: 'VIEWER' }))
        .thenThrows(ForbiddenError, 'needs the ANALYST role');
    });

    it('refuses another analyst before saying the evidence is already withdrawn', () => {
      const already = [...history, withdrawn(bob)];
      given(already).when(withdrawEvidence({}, alice)).thenThrows(ForbiddenError);
      given(already).when(withdrawEvidence({}, bob)).thenThrows(IllegalStateError, 'already withdrawn');
    });
  });

  describe('unlinking', () => {
    it('is for the analyst who linked, an editor or an admin', () => {
      for (const actor of [alice, erin, adam])
        given(history)
          .when(unlink({}, actor))
          .then([unlinked(actor)]);
    });

    it('is refused to another analyst, with who may', () => {
      given(history)
        .when(unlink({}, bob))
        .thenThrows(
          ForbiddenError,
          `only the analyst who linked them or an EDITOR may remove the ATTACKS link from claim ${CLAIM} to claim ${OTHER_CLAIM}; bob is ANALYST`,
        );
      given(history).when(unlink({}, vera)).thenThrows(ForbiddenError, 'needs the ANALYST role');
    });

    it('asks the one who made the link, not the claim’s proposer', () => {
      const bobsLink = [...OPEN_CLAIM, linked('ATTACKS', { by: bob })];
      given(bobsLink)
        .when(unlink({}, bob))
        .then([unlinked(bob)]);
      given(bobsLink).when(unlink({}, alice)).thenThrows(ForbiddenError, 'only the analyst who linked them');
    });
  });
});
