import { readFileSync } from 'node:fs';
import { describe, it } from '@jest/globals';
import { claimDecider } from '../../src/claims/domain/claim.decider.js';
import {
  ForbiddenError,
  IllegalStateError,
  NotFoundError,
  ValidationError,
} from '../../src/event-sourcing/errors.js';
import { everyCommandOnAClaim, NOW, propose } from './claim-commands.js';
import {
  alice,
  at,
  CLAIM,
  erin,
  OPEN_CLAIM,
  proposed,
  SOURCE,
  STATEMENT,
  testId,
  vera,
} from './claim-fixtures.js';
import { spec } from './decider-spec.js';

const opEd = readFileSync(new URL('../fixtures/op-ed.txt', import.meta.url), 'utf8');
const given = spec(claimDecider).given;
const opEdSource = { sourceId: SOURCE, text: opEd };

describe('claim decider, given no claim', () => {
  it('proposes a claim: statement trimmed, tags de-duplicated, blanks as null', () => {
    given([])
      .when(
        propose({
          statement: `  ${STATEMENT}\n`,
          tags: ['central-asia', 'russia', 'central-asia', 'geopolitics-2025'],
          attributedTo: ' Zeynep Gizem Özpınar ',
          note: '   ',
        }),
      )
      .then([
        {
          type: 'ClaimProposed',
          data: {
            claimId: CLAIM,
            statement: STATEMENT,
            tags: ['central-asia', 'russia', 'geopolitics-2025'],
            attributedTo: 'Zeynep Gizem Özpınar',
            anchor: null,
            note: null,
            at: at(NOW),
            by: alice,
          },
        },
      ]);
  });

  it('takes tags as written, as the API does: one with spaces around it is refused, not trimmed', () => {
    given([])
      .when(propose({ statement: STATEMENT, tags: ['central-asia', ' russia '] }))
      .thenThrows(ValidationError, { field: 'tags', message: 'tag " russia " must be lower-case words' });
  });

  it('anchors the claim to the exact words of the op-ed', () => {
    given([])
      .when(
        propose({
          sourceId: SOURCE,
          quote: { exact: 'from a "geopolitical object" to a "geopolitical subject"' },
          source: opEdSource,
          note: 'Thesis of the column',
        }),
      )
      .then([
        proposed({
          tags: [],
          note: 'Thesis of the column',
          at: at(NOW),
          anchor: {
            sourceId: SOURCE,
            quote: {
              exact: 'from a “geopolitical object” to a “geopolitical subject”',
              prefix: "s Central Asia's transformation ",
              suffix: ' for the first time in the post-',
              start: 10297,
              end: 10353,
            },
          },
        }),
      ]);
  });

  it('anchors a quote that occurs twice once its suffix says which', () => {
    const quote = { exact: "Moscow's efforts to reestablish", suffix: 'its influence in the region' };
    given([])
      .when(propose({ sourceId: SOURCE, quote, source: opEdSource }))
      .then([
        proposed({
          tags: [],
          at: at(NOW),
          anchor: {
            sourceId: SOURCE,
            quote: {
              exact: quote.exact,
              prefix: 'Dushanbe Summit has highlighted ',
              suffix: ' its influence in the region, as',
              start: 6978,
              end: 6978 + quote.exact.length,
            },
          },
        }),
      ]);
  });

  describe('rejects, appending nothing', () => {
    it.each([
      ['a statement under 3 characters after trimming', { statement: '  ab  ' }, 'statement'],
      ['a statement over 2000 characters', { statement: 's'.repeat(2001) }, 'statement'],
      ['a tag in capitals', { tags: ['Russia'] }, 'tags'],
      ['a tag with a space', { tags: ['central asia'] }, 'tags'],
      ['a tag with an underscore', { tags: ['central_asia'] }, 'tags'],
      ['a tag with a double hyphen', { tags: ['central--asia'] }, 'tags'],
      ['a tag with a leading hyphen', { tags: ['-asia'] }, 'tags'],
      ['an empty tag', { tags: [''] }, 'tags'],
      ['a tag over 50 characters', { tags: ['a'.repeat(51)] }, 'tags'],
      ['21 tags', { tags: Array.from({ length: 21 }, (_, index) => `tag-${index}`) }, 'tags'],
      ['an attribution over 500 characters', { attributedTo: 'a'.repeat(501) }, 'attributedTo'],
      ['a note over 2000 characters', { note: 'n'.repeat(2001) }, 'note'],
      ['a claim id of another kind', { claimId: testId('evidence', 9) }, 'claimId'],
      ['a quote without a source', { quote: { exact: 'geopolitical object' } }, 'sourceId'],
      ['a source without a quote', { sourceId: SOURCE, source: opEdSource }, 'quote'],
      [
        'a quote from a source registered without a text',
        {
          sourceId: SOURCE,
          quote: { exact: 'geopolitical object' },
          source: { sourceId: SOURCE, text: null },
        },
        'sourceId',
      ],
      [
        'a quote that is not in the source text',
        { sourceId: SOURCE, quote: { exact: 'Central Asia is a Russian backyard' }, source: opEdSource },
        'quote',
      ],
      [
        'a quote that occurs twice without a prefix or suffix',
        { sourceId: SOURCE, quote: { exact: "Moscow's efforts to reestablish" }, source: opEdSource },
        'quote',
      ],
    ] as const)('%s', (_case, data, field) => {
      given([]).when(propose(data)).thenThrows(ValidationError, { field });
    });

    it('names the limits it enforces', () => {
      given([])
        .when(propose({ statement: 'ab' }))
        .thenThrows(ValidationError, 'statement must be 3–2000 characters');
      given([])
        .when(
          propose({
            sourceId: SOURCE,
            quote: { exact: "Moscow's efforts to reestablish" },
            source: opEdSource,
          }),
        )
        .thenThrows(ValidationError, 'occurs 2 times in the source; add a prefix or suffix to say which');
    });

    it('a quote from a source that does not exist, naming the source', () => {
      given([])
        .when(propose({ sourceId: SOURCE, quote: { exact: 'geopolitical object' }, source: null }))
        .thenThrows(NotFoundError, `source ${SOURCE} not found`);
    });

    it('a command whose handler did not look the source up (a bug, not bad input)', () => {
      given([])
        .when(propose({ sourceId: SOURCE, quote: { exact: 'geopolitical object' } }))
        .thenThrows(Error, "without the handler's read of that source");
      given([])
        .when(
          propose({
            sourceId: SOURCE,
            quote: { exact: 'x' },
            source: { sourceId: testId('source', 7), text: 'x' },
          }),
        )
        .thenThrows(Error, "without the handler's read of that source");
    });

    it('a proposal by a VIEWER', () => {
      given([])
        .when(propose({}, vera))
        .thenThrows(ForbiddenError, 'proposing a claim needs the ANALYST role');
    });
  });

  it('accepts the limits themselves: 3 and 2000 characters, 20 tags of 50 characters', () => {
    const tags = Array.from(
      { length: 20 },
      (_, index) => `${String(index).padStart(2, '0')}${'t'.repeat(48)}`,
    );
    given([])
      .when(propose({ statement: ' abc ', tags }))
      .then([proposed({ statement: 'abc', tags, at: at(NOW) })]);
    given([])
      .when(propose({ statement: 's'.repeat(2000) }))
      .then([proposed({ statement: 's'.repeat(2000), tags: [], at: at(NOW) })]);
  });

  it.each(everyCommandOnAClaim(erin))('answers %s with NotFoundError', (_type, command) => {
    given([]).when(command).thenThrows(NotFoundError, `claim ${CLAIM} not found`);
  });
});

describe('claim decider, given an existing claim', () => {
  it('refuses to propose it again', () => {
    given(OPEN_CLAIM).when(propose()).thenThrows(IllegalStateError, `claim ${CLAIM} already exists`);
  });
});
