import { describe, it } from '@jest/globals';
import { claimDecider } from '../../src/claims/domain/claim.decider.js';
import type { ClaimUnlinked } from '../../src/claims/domain/claim.events.js';
import type { RelationKind } from '../../src/claims/domain/claim.values.js';
import { IllegalStateError, NotFoundError, ValidationError } from '../../src/event-sourcing/errors.js';
import { link, NOW, unlink } from './claim-commands.js';
import { alice, at, CLAIM, linked, OPEN_CLAIM, OTHER_CLAIM, testId } from './claim-fixtures.js';
import { spec } from './decider-spec.js';

const given = spec(claimDecider).given;

describe('claim decider, links from an open claim', () => {
  describe('LinkClaims', () => {
    it('links the claim to another on its own stream', () => {
      given(OPEN_CLAIM)
        .when(link({ kind: 'ATTACKS', rationale: ' Contradicts its premise ' }))
        .then([
          {
            type: 'ClaimLinked',
            data: {
              claimId: CLAIM,
              toClaimId: OTHER_CLAIM,
              kind: 'ATTACKS',
              rationale: 'Contradicts its premise',
              at: at(NOW),
              by: alice,
            },
          },
        ]);
    });

    it('allows a second link to the same claim of another kind, and a link again after an unlink', () => {
      const unlinked: ClaimUnlinked = {
        type: 'ClaimUnlinked',
        data: { claimId: CLAIM, toClaimId: OTHER_CLAIM, kind: 'SUPPORTS', reason: 'r', at: at(5), by: alice },
      };
      given([...OPEN_CLAIM, linked('SUPPORTS')])
        .when(link({ kind: 'REFINES' }))
        .then([linked('REFINES', { at: at(NOW) })]);
      given([...OPEN_CLAIM, linked('SUPPORTS'), unlinked])
        .when(link())
        .then([linked('SUPPORTS', { at: at(NOW) })]);
    });

    it('refuses the same (to, kind) link twice', () => {
      given([...OPEN_CLAIM, linked('SUPPORTS')])
        .when(link())
        .thenThrows(IllegalStateError, 'already has a SUPPORTS link');
    });

    it('refuses a link to itself, of an unknown kind, or with an overlong rationale', () => {
      given(OPEN_CLAIM)
        .when(link({ toClaimId: CLAIM }))
        .thenThrows(ValidationError, { field: 'toClaimId', message: 'cannot be linked to itself' });
      given(OPEN_CLAIM)
        .when(link({ kind: 'CONTRADICTS' as string as RelationKind }))
        .thenThrows(ValidationError, { field: 'kind' });
      given(OPEN_CLAIM)
        .when(link({ rationale: 'r'.repeat(2001) }))
        .thenThrows(ValidationError, { field: 'rationale' });
    });

    it('refuses a target claim that does not exist or is retracted, as the handler read it', () => {
      const missing = testId('claim', 99);
      given(OPEN_CLAIM)
        .when(link({ toClaimId: missing, target: { claimId: missing, exists: false, retracted: false } }))
        .thenThrows(NotFoundError, `claim ${missing} not found`);
      given(OPEN_CLAIM)
        .when(link({ target: { claimId: OTHER_CLAIM, exists: true, retracted: true } }))
        .thenThrows(IllegalStateError, `claim ${OTHER_CLAIM} is retracted`);
    });

    it('fails loudly when the handler read another claim than the target (a bug, not bad input)', () => {
      given(OPEN_CLAIM)
        .when(link({ target: { claimId: testId('claim', 3), exists: true, retracted: false } }))
        .thenThrows(Error, "with the handler's read of claim");
    });
  });

  describe('UnlinkClaims', () => {
    const withAttack = [...OPEN_CLAIM, linked('ATTACKS')];

    it('removes a link with a reason', () => {
      given(withAttack)
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

    it('refuses a link that is not there: another kind, another claim, or none at all', () => {
      given(withAttack)
        .when(unlink({ kind: 'UNDERCUTS' }))
        .thenThrows(NotFoundError, 'has no UNDERCUTS link');
      given(withAttack)
        .when(unlink({ toClaimId: testId('claim', 3) }))
        .thenThrows(NotFoundError, 'has no ATTACKS link');
      given(OPEN_CLAIM)
        .when(unlink())
        .thenThrows(NotFoundError, `claim ${CLAIM} has no ATTACKS link to claim ${OTHER_CLAIM}`);
    });

    it('requires a reason', () => {
      given(withAttack)
        .when(unlink({ reason: '' }))
        .thenThrows(ValidationError, { field: 'reason' });
    });
  });
});
