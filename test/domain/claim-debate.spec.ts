import { describe, it } from '@jest/globals';
import { claimDecider } from '../../src/claims/domain/claim.decider.js';
import type { EvidenceWithdrawn } from '../../src/claims/domain/claim.events.js';
import type { Stance } from '../../src/claims/domain/claim.values.js';
import { IllegalStateError, NotFoundError, ValidationError } from '../../src/event-sourcing/errors.js';
import { attachEvidence, NOW, raiseCounterpoint, withdrawEvidence } from './claim-commands.js';
import {
  alice,
  at,
  bob,
  citation,
  CLAIM,
  COUNTERPOINT,
  counterpointRaised,
  EVIDENCE,
  evidenceAttached,
  OPEN_CLAIM,
  OTHER_COUNTERPOINT,
  OTHER_EVIDENCE,
} from './claim-fixtures.js';
import { spec } from './decider-spec.js';

const given = spec(claimDecider).given;
const WITH_EVIDENCE = [...OPEN_CLAIM, evidenceAttached()];

describe('claim decider, the debate around an open claim', () => {
  describe('AttachEvidence', () => {
    it('attaches evidence under the id from the metadata, its citation trimmed and blanks as null', () => {
      given(OPEN_CLAIM)
        .when(
          attachEvidence({
            stance: 'SUPPORTS',
            summary: ' The column lists the Middle Corridor among the alternatives ',
            citation: {
              url: ' https://example.org/mc ',
              title: 'Middle Corridor',
              publisher: ' ',
              publishedAt: '2025-03-01T00:00:00Z',
            },
            reliability: 0.7,
          }),
        )
        .then([
          {
            type: 'EvidenceAttached',
            data: {
              claimId: CLAIM,
              evidenceId: OTHER_EVIDENCE,
              stance: 'SUPPORTS',
              summary: 'The column lists the Middle Corridor among the alternatives',
              citation: citation({
                url: 'https://example.org/mc',
                title: 'Middle Corridor',
                publishedAt: '2025-03-01T00:00:00Z',
              }),
              reliability: 0.7,
              at: at(NOW),
              by: alice,
            },
          },
        ]);
    });

    it('accepts a citation with a title only, and no reliability', () => {
      given(OPEN_CLAIM)
        .when(attachEvidence({ citation: { title: 'Interview with a Kazakh diplomat' } }))
        .then([
          evidenceAttached({
            evidenceId: OTHER_EVIDENCE,
            stance: 'UNDERMINES',
            summary: 'Security cooperation still runs through Moscow, an analyst argues',
            citation: citation({ url: null, title: 'Interview with a Kazakh diplomat' }),
            reliability: null,
            at: at(NOW),
            by: alice,
          }),
        ]);
    });

    it.each([
      ['an unknown stance', { stance: 'NEUTRAL' as string as Stance }, 'stance'],
      ['a summary under 3 characters', { summary: ' ok ' }, 'summary'],
      ['a summary over 2000 characters', { summary: 's'.repeat(2001) }, 'summary'],
      [
        'a citation without url or title',
        { citation: { publisher: 'Reuters', author: 'A. Writer' } },
        'citation',
      ],
      ['a citation url that is not http(s)', { citation: { url: 'javascript:alert(1)' } }, 'citation.url'],
      [
        'a citation date that is no date',
        { citation: { title: 'T', accessedAt: 'yesterday' } },
        'citation.accessedAt',
      ],
      [
        'a citation quote over 2000 characters',
        { citation: { title: 'T', quote: 'q'.repeat(2001) } },
        'citation.quote',
      ],
      ['a reliability below 0', { reliability: -0.5 }, 'reliability'],
      ['a reliability above 1', { reliability: 2 }, 'reliability'],
      ['a reliability that is infinite', { reliability: Number.POSITIVE_INFINITY }, 'reliability'],
    ] as const)('rejects %s', (_case, data, field) => {
      given(OPEN_CLAIM).when(attachEvidence(data)).thenThrows(ValidationError, { field });
    });

    it('needs a fresh evidence id in the metadata', () => {
      given(OPEN_CLAIM)
        .when(attachEvidence({}, alice, null))
        .thenThrows(ValidationError, 'needs a new evidence id');
      given(OPEN_CLAIM)
        .when(attachEvidence({}, alice, COUNTERPOINT))
        .thenThrows(ValidationError, 'needs a new evidence id');
      given(WITH_EVIDENCE)
        .when(attachEvidence({}, alice, EVIDENCE))
        .thenThrows(IllegalStateError, `with id ${EVIDENCE}`);
    });
  });

  describe('WithdrawEvidence', () => {
    const withdrawn: EvidenceWithdrawn = {
      type: 'EvidenceWithdrawn',
      data: {
        claimId: CLAIM,
        evidenceId: EVIDENCE,
        reason: 'The deals were only memoranda',
        at: at(NOW),
        by: bob,
      },
    };

    it('withdraws attached evidence with a reason, by the analyst who attached it', () => {
      given(WITH_EVIDENCE).when(withdrawEvidence({}, bob)).then([withdrawn]);
    });

    it('refuses evidence the claim does not have, or has already withdrawn', () => {
      given(WITH_EVIDENCE)
        .when(withdrawEvidence({ evidenceId: OTHER_EVIDENCE }, bob))
        .thenThrows(NotFoundError, `evidence ${OTHER_EVIDENCE} not found on claim ${CLAIM}`);
      given([...WITH_EVIDENCE, withdrawn])
        .when(withdrawEvidence({}, bob))
        .thenThrows(IllegalStateError, 'already withdrawn');
    });

    it('requires a reason', () => {
      given(WITH_EVIDENCE)
        .when(withdrawEvidence({ reason: '  ' }, bob))
        .thenThrows(ValidationError, { field: 'reason' });
    });
  });

  describe('RaiseCounterpoint', () => {
    it('raises a counterpoint under the id from the metadata, with or without a citation', () => {
      given(OPEN_CLAIM)
        .when(raiseCounterpoint({ text: ' Trade with Russia still matters, the column says ' }))
        .then([
          counterpointRaised({
            counterpointId: OTHER_COUNTERPOINT,
            text: 'Trade with Russia still matters, the column says',
            at: at(NOW),
            by: alice,
          }),
        ]);
      given(OPEN_CLAIM)
        .when(raiseCounterpoint({ citation: { url: 'https://example.org/trade', quote: ' up 8% ' } }, bob))
        .then([
          counterpointRaised({
            counterpointId: OTHER_COUNTERPOINT,
            text: 'Trade with Russia still matters, the column says',
            citation: citation({ url: 'https://example.org/trade', quote: 'up 8%' }),
            at: at(NOW),
            by: bob,
          }),
        ]);
    });

    it.each([
      ['a text under 3 characters', { text: 'no' }, 'text'],
      ['a text over 2000 characters', { text: 't'.repeat(2001) }, 'text'],
      ['a citation without url or title', { citation: { author: 'Someone' } }, 'citation'],
    ] as const)('rejects %s', (_case, data, field) => {
      given(OPEN_CLAIM).when(raiseCounterpoint(data)).thenThrows(ValidationError, { field });
    });

    it('needs a fresh counterpoint id in the metadata', () => {
      given(OPEN_CLAIM)
        .when(raiseCounterpoint({}, alice, null))
        .thenThrows(ValidationError, 'needs a new counterpoint id');
      given([...OPEN_CLAIM, counterpointRaised()])
        .when(raiseCounterpoint({}, alice, COUNTERPOINT))
        .thenThrows(IllegalStateError, `with id ${COUNTERPOINT}`);
    });
  });
});
