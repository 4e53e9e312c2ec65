import { describe, it } from '@jest/globals';
import { claimDecider } from '../../src/claims/domain/claim.decider.js';
import type { ClaimRevised } from '../../src/claims/domain/claim.events.js';
import type { Verdict } from '../../src/claims/domain/claim.values.js';
import { ForbiddenError, IllegalStateError, ValidationError } from '../../src/event-sourcing/errors.js';
import { assess, NOW, retract, revise, tag } from './claim-commands.js';
import { adam, alice, at, bob, CLAIM, erin, OPEN_CLAIM, proposed, STATEMENT } from './claim-fixtures.js';
import { spec } from './decider-spec.js';

const given = spec(claimDecider).given;
const REVISED = 'Central Asia became a geopolitical subject';

describe('claim decider, given an open claim', () => {
  describe('ReviseClaim', () => {
    it('revises the statement, keeping the previous one in the event', () => {
      given(OPEN_CLAIM)
        .when(revise({ statement: `  ${REVISED} `, reason: ' Closer to the op-ed ' }))
        .then([
          {
            type: 'ClaimRevised',
            data: {
              claimId: CLAIM,
              statement: REVISED,
              previousStatement: STATEMENT,
              reason: 'Closer to the op-ed',
              at: at(NOW),
              by: alice,
            },
          },
        ]);
    });

    it('takes the previous statement from the latest revision', () => {
      const revised: ClaimRevised = {
        type: 'ClaimRevised',
        data: {
          claimId: CLAIM,
          statement: REVISED,
          previousStatement: STATEMENT,
          reason: 'r',
          at: at(1),
          by: alice,
        },
      };
      given([...OPEN_CLAIM, revised])
        .when(revise({ statement: STATEMENT }))
        .then([
          {
            type: 'ClaimRevised',
            data: {
              ...revised.data,
              statement: STATEMENT,
              previousStatement: REVISED,
              reason: 'Closer to the wording of the op-ed',
              at: at(NOW),
            },
          },
        ]);
    });

    it('lets an EDITOR revise a claim someone else proposed', () => {
      given(OPEN_CLAIM)
        .when(revise({}, erin))
        .then([
          {
            type: 'ClaimRevised',
            data: {
              claimId: CLAIM,
              statement: REVISED,
              previousStatement: STATEMENT,
              reason: 'Closer to the wording of the op-ed',
              at: at(NOW),
              by: erin,
            },
          },
        ]);
    });

    it('forbids another ANALYST to revise it', () => {
      given(OPEN_CLAIM).when(revise({}, bob)).thenThrows(ForbiddenError, 'only its proposer or an EDITOR');
    });

    it('refuses a revision that changes nothing once trimmed', () => {
      given(OPEN_CLAIM)
        .when(revise({ statement: ` ${STATEMENT}  ` }))
        .thenThrows(IllegalStateError, 'same as the current one');
    });

    it.each([
      ['a blank reason', { reason: ' \n' }, 'reason'],
      ['a reason over 2000 characters', { reason: 'r'.repeat(2001) }, 'reason'],
      ['a statement under 3 characters', { statement: 'no' }, 'statement'],
      ['a statement over 2000 characters', { statement: 's'.repeat(2001) }, 'statement'],
    ] as const)('rejects %s', (_case, data, field) => {
      given(OPEN_CLAIM).when(revise(data)).thenThrows(ValidationError, { field });
    });
  });

  describe('TagClaim', () => {
    it('records the tags actually added and removed', () => {
      given(OPEN_CLAIM)
        .when(
          tag({
            add: ['russia', 'eurasia', 'russia', 'central-asia'],
            remove: ['central-asia-x', 'not-there'],
          }),
        )
        .then([
          {
            type: 'ClaimTagged',
            data: { claimId: CLAIM, added: ['russia', 'eurasia'], removed: [], at: at(NOW), by: alice },
          },
        ]);
      given(OPEN_CLAIM)
        .when(tag({ remove: ['central-asia'] }))
        .then([
          {
            type: 'ClaimTagged',
            data: { claimId: CLAIM, added: [], removed: ['central-asia'], at: at(NOW), by: alice },
          },
        ]);
    });

    it.each([
      ['adds only tags it has', { add: ['central-asia'] }],
      ['removes only tags it lacks', { remove: ['russia'] }],
      ['names no tags at all', {}],
      ['gives empty lists', { add: [], remove: [] }],
    ] as const)('refuses a change that %s', (_case, data) => {
      given(OPEN_CLAIM).when(tag(data)).thenThrows(IllegalStateError, 'leave the tags');
    });

    it.each([
      ['a tag both added and removed', { add: ['russia'], remove: ['russia'] }, 'remove'],
      ['a malformed tag to add', { add: ['Russia'] }, 'add'],
      ['a malformed tag to remove', { remove: ['central asia'] }, 'remove'],
      ['a tag over 50 characters', { add: ['t'.repeat(51)] }, 'add'],
    ] as const)('rejects %s', (_case, data, field) => {
      given(OPEN_CLAIM).when(tag(data)).thenThrows(ValidationError, { field });
    });

    it('keeps a claim at 20 tags at most, counting what is removed in the same change', () => {
      const twenty = Array.from({ length: 20 }, (_, index) => `tag-${index}`);
      const full = [proposed({ tags: twenty })];
      given(full)
        .when(tag({ add: ['russia'] }))
        .thenThrows(ValidationError, { field: 'add', message: 'at most 20 tags' });
      given(full)
        .when(tag({ add: ['russia'], remove: ['tag-0'] }))
        .then([
          {
            type: 'ClaimTagged',
            data: { claimId: CLAIM, added: ['russia'], removed: ['tag-0'], at: at(NOW), by: alice },
          },
        ]);
    });
  });

  describe('AssessClaim', () => {
    it('records an EDITOR’s verdict, confidence and rationale', () => {
      given(OPEN_CLAIM)
        .when(
          assess({ verdict: 'MOSTLY_ACCURATE', confidence: 0.75, rationale: ' Backed by trade data ' }, erin),
        )
        .then([
          {
            type: 'ClaimAssessed',
            data: {
              claimId: CLAIM,
              verdict: 'MOSTLY_ACCURATE',
              confidence: 0.75,
              rationale: 'Backed by trade data',
              // The claim as it stands with this event: its version and statement.
              assessedVersion: 2,
              statement: STATEMENT,
              at: at(NOW),
              by: erin,
            },
          },
        ]);
    });

    it('accepts confidence 0 and 1, and an ADMIN as assessor', () => {
      given(OPEN_CLAIM)
        .when(assess({ confidence: 0 }, adam))
        .then([
          {
            type: 'ClaimAssessed',
            data: {
              claimId: CLAIM,
              verdict: 'OPINION',
              confidence: 0,
              rationale: 'An interpretation, not a fact',
              assessedVersion: 2,
              statement: STATEMENT,
              at: at(NOW),
              by: adam,
            },
          },
        ]);
      given(OPEN_CLAIM)
        .when(assess({ confidence: 1 }, erin))
        .then([
          {
            type: 'ClaimAssessed',
            data: {
              claimId: CLAIM,
              verdict: 'OPINION',
              confidence: 1,
              rationale: 'An interpretation, not a fact',
              assessedVersion: 2,
              statement: STATEMENT,
              at: at(NOW),
              by: erin,
            },
          },
        ]);
    });

    it('forbids an ANALYST, even the proposer, to assess', () => {
      given(OPEN_CLAIM)
        .when(assess({}, alice))
        .thenThrows(ForbiddenError, 'assessing a claim needs the EDITOR role');
    });

    it.each([
      ['an unknown verdict', { verdict: 'TRUE' as string as Verdict }, 'verdict'],
      ['a confidence below 0', { confidence: -0.01 }, 'confidence'],
      ['a confidence above 1', { confidence: 1.01 }, 'confidence'],
      ['a confidence that is not a number', { confidence: Number.NaN }, 'confidence'],
      ['a blank rationale', { rationale: '  ' }, 'rationale'],
    ] as const)('rejects %s', (_case, data, field) => {
      given(OPEN_CLAIM).when(assess(data, erin)).thenThrows(ValidationError, { field });
    });
  });

  describe('RetractClaim', () => {
    it('lets the proposer retract the claim', () => {
      given(OPEN_CLAIM)
        .when(retract({ reason: ' Duplicate ' }))
        .then([
          { type: 'ClaimRetracted', data: { claimId: CLAIM, reason: 'Duplicate', at: at(NOW), by: alice } },
        ]);
    });

    it('lets an EDITOR retract a claim someone else proposed', () => {
      given(OPEN_CLAIM)
        .when(retract({}, erin))
        .then([
          {
            type: 'ClaimRetracted',
            data: { claimId: CLAIM, reason: 'Duplicate of another claim', at: at(NOW), by: erin },
          },
        ]);
    });

    it('forbids another ANALYST to retract it', () => {
      given(OPEN_CLAIM).when(retract({}, bob)).thenThrows(ForbiddenError, 'only its proposer or an EDITOR');
    });

    it('requires a reason', () => {
      given(OPEN_CLAIM)
        .when(retract({ reason: '' }))
        .thenThrows(ValidationError, { field: 'reason', message: 'reason is required' });
    });
  });
});
