import { describe, expect, it } from '@jest/globals';
import { claimDecider } from '../../src/claims/domain/claim.decider.js';
import type { ClaimReanchored } from '../../src/claims/domain/claim.events.js';
import type { ClaimAnchor } from '../../src/claims/domain/claim.values.js';
import { fold } from '../../src/event-sourcing/decider.js';
import {
  ForbiddenError,
  IllegalStateError,
  NotFoundError,
  ValidationError,
} from '../../src/event-sourcing/errors.js';
import { NOW, OP_ED, propose, reanchor } from './claim-commands.js';
import {
  adam,
  alice,
  at,
  bob,
  CLAIM,
  erin,
  OPEN_CLAIM,
  proposed,
  retracted,
  SOURCE,
  testId,
  vera,
} from './claim-fixtures.js';
import { spec } from './decider-spec.js';

const given = spec(claimDecider).given;
const opEdSource = { sourceId: SOURCE, text: OP_ED };

/** The anchor a proposal with this quote gets: re-anchoring must give exactly the same. */
const proposalAnchor = (quote: { exact: string; prefix?: string; suffix?: string }): ClaimAnchor => {
  const [event] = claimDecider.decide(
    propose({ sourceId: SOURCE, quote, source: opEdSource }),
    claimDecider.initialState(),
  );
  if (event?.type !== 'ClaimProposed' || event.data.anchor === null) throw new Error('expected an anchor');
  return event.data.anchor;
};

const OLD_QUOTE = { exact: 'geopolitical object' };
const ANCHORED_CLAIM = [proposed({ anchor: proposalAnchor(OLD_QUOTE) })];

const reanchored = (fields: Partial<ClaimReanchored['data']> = {}): ClaimReanchored => ({
  type: 'ClaimReanchored',
  data: {
    claimId: CLAIM,
    anchor: proposalAnchor({ exact: 'Central Asian states' }),
    previousAnchor: proposalAnchor(OLD_QUOTE),
    reason: 'The claim is about these words',
    at: at(NOW),
    by: alice,
    ...fields,
  },
});

describe('claim decider, re-anchoring a claim', () => {
  it('anchors the claim anew exactly as a proposal would, keeping the previous anchor', () => {
    given(ANCHORED_CLAIM).when(reanchor()).then([reanchored()]);
    const anchor = reanchored().data.anchor;
    expect(OP_ED.slice(anchor.quote.start, anchor.quote.end)).toBe('Central Asian states');
  });

  it('anchors a claim proposed without an anchor', () => {
    given(OPEN_CLAIM)
      .when(reanchor({ reason: ' Found the words ' }))
      .then([reanchored({ previousAnchor: null, reason: 'Found the words' })]);
  });

  it('tells a repeated quote apart by its context, as a proposal does', () => {
    const quote = { exact: "Moscow's efforts to reestablish", suffix: 'its influence' };
    given(ANCHORED_CLAIM)
      .when(reanchor({ quote }))
      .then([reanchored({ anchor: proposalAnchor(quote) })]);
  });

  it('replaces the anchor in the state, for time travel', () => {
    const state = fold(claimDecider, [...ANCHORED_CLAIM, reanchored()]);
    expect(state).toMatchObject({ anchor: reanchored().data.anchor, updatedAt: at(NOW) });
  });

  it('is for the proposer, an editor or an admin, and says so to anyone else', () => {
    for (const actor of [erin, adam])
      given(ANCHORED_CLAIM)
        .when(reanchor({}, actor))
        .then([reanchored({ by: actor })]);
    given(ANCHORED_CLAIM)
      .when(reanchor({}, bob))
      .thenThrows(
        ForbiddenError,
        `only its proposer or an EDITOR may re-anchor claim ${CLAIM}; bob is ANALYST`,
      );
    given(ANCHORED_CLAIM).when(reanchor({}, vera)).thenThrows(ForbiddenError, 'needs the ANALYST role');
  });

  it('refuses the anchor it already has', () => {
    given(ANCHORED_CLAIM)
      .when(reanchor({ quote: OLD_QUOTE }))
      .thenThrows(IllegalStateError, `claim ${CLAIM} is already anchored to these words of source ${SOURCE}`);
  });

  it('refuses a claim that does not exist, or is retracted', () => {
    given([]).when(reanchor()).thenThrows(NotFoundError, `claim ${CLAIM} not found`);
    given([...ANCHORED_CLAIM, retracted()])
      .when(reanchor({}, erin))
      .thenThrows(IllegalStateError, 'retracted; re-anchoring it is no longer possible');
  });

  describe('by the rules of a proposal’s anchor', () => {
    it.each([
      [
        'a quote that is not in the source text',
        { quote: { exact: 'Central Asia is a Russian backyard' } },
        'quote',
      ],
      [
        'a quote found twice without context',
        { quote: { exact: "Moscow's efforts to reestablish" } },
        'quote',
      ],
      ['an empty quote', { quote: { exact: ' ' } }, 'quote.exact'],
      [
        'a quote prefix over 200 characters',
        { quote: { exact: 'geopolitical', prefix: 'p'.repeat(201) } },
        'quote.prefix',
      ],
      ['a source registered without a text', { source: { sourceId: SOURCE, text: null } }, 'sourceId'],
      ['a blank reason', { reason: '  ' }, 'reason'],
    ] as const)('refuses %s', (_case, data, field) => {
      given(ANCHORED_CLAIM).when(reanchor(data)).thenThrows(ValidationError, { field });
    });

    it('refuses a source that does not exist, naming it', () => {
      given(ANCHORED_CLAIM)
        .when(reanchor({ source: null }))
        .thenThrows(NotFoundError, `source ${SOURCE} not found`);
    });

    it('refuses a command whose handler read another source (a bug, not bad input)', () => {
      given(ANCHORED_CLAIM)
        .when(reanchor({ source: { sourceId: testId('source', 7), text: OP_ED } }))
        .thenThrows(Error, 'ReanchorClaim for source');
    });
  });
});
