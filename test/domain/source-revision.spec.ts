import { describe, expect, it } from '@jest/globals';
import { fold } from '../../src/event-sourcing/decider.js';
import {
  ForbiddenError,
  IllegalStateError,
  NotFoundError,
  ValidationError,
} from '../../src/event-sourcing/errors.js';
import type { Actor } from '../../src/event-sourcing/metadata.js';
import type { ReviseSource } from '../../src/sources/domain/source.commands.js';
import { sourceDecider } from '../../src/sources/domain/source.decider.js';
import type { SourceRegistered, SourceRevised } from '../../src/sources/domain/source.events.js';
import { OP_ED } from './claim-commands.js';
import { adam, alice, at, bob, erin, meta, SOURCE, vera } from './claim-fixtures.js';
import { spec } from './decider-spec.js';

const given = spec(sourceDecider).given;
const TITLE = "Central Asia-Russia Summit: Moscow's quest for repositioning";

const registered: SourceRegistered = {
  type: 'SourceRegistered',
  data: {
    sourceId: SOURCE,
    title: TITLE,
    url: null,
    author: 'Zeynep Gizem Özpınar',
    publisher: 'Dailly Sabah',
    publishedAt: null,
    language: 'en',
    text: OP_ED,
    textHash: 'a'.repeat(64),
    at: at(10),
    by: alice,
  },
};

const revise = (data: Partial<ReviseSource['data']> = {}, actor: Actor = alice): ReviseSource => ({
  type: 'ReviseSource',
  data: { sourceId: SOURCE, publisher: 'Daily Sabah', reason: 'The publisher was misspelt', ...data },
  metadata: meta(actor, 20),
});

const revised = (fields: Partial<SourceRevised['data']> = {}): SourceRevised => ({
  type: 'SourceRevised',
  data: {
    sourceId: SOURCE,
    changed: { publisher: 'Daily Sabah' },
    previous: { publisher: 'Dailly Sabah' },
    reason: 'The publisher was misspelt',
    at: at(20),
    by: alice,
    ...fields,
  },
});

describe('source decider, revising a source', () => {
  it('records only the fields that change, with the values they had, and the reason', () => {
    given([registered])
      .when(
        revise({
          publisher: ' Daily Sabah ',
          author: 'Zeynep Gizem Özpınar',
          reason: ' The publisher was misspelt ',
        }),
      )
      .then([revised()]);
  });

  it('keeps a field left out, clears an optional field given as null or blank, and replaces the title', () => {
    given([registered])
      .when(
        revise({
          publisher: undefined,
          author: null,
          language: ' ',
          title: 'Moscow’s quest for repositioning',
        }),
      )
      .then([
        revised({
          changed: { title: 'Moscow’s quest for repositioning', author: null, language: null },
          previous: { title: TITLE, author: 'Zeynep Gizem Özpınar', language: 'en' },
        }),
      ]);
  });

  it('folds the revision into the source: new metadata, the same text, version 2', () => {
    const state = fold(sourceDecider, [registered, revised()]);
    expect(state).toMatchObject({
      status: 'registered',
      publisher: 'Daily Sabah',
      author: 'Zeynep Gizem Özpınar',
      text: OP_ED,
      registeredBy: alice,
      version: 2,
    });
  });

  it('never touches the text: a text in the request is no field of a revision', () => {
    const withText = { ...revise(), data: { ...revise().data, text: 'Another text' } } as ReviseSource;
    given([registered]).when(withText).then([revised()]);
  });

  it('is for the analyst who registered it, an editor or an admin, and says so to anyone else', () => {
    for (const actor of [erin, adam])
      given([registered])
        .when(revise({}, actor))
        .then([revised({ by: actor })]);
    given([registered])
      .when(revise({}, bob))
      .thenThrows(
        ForbiddenError,
        `only the analyst who registered it or an EDITOR may revise source ${SOURCE}; bob is ANALYST`,
      );
    given([registered]).when(revise({}, vera)).thenThrows(ForbiddenError, 'needs the ANALYST role');
  });

  it('refuses a source that does not exist', () => {
    given([]).when(revise()).thenThrows(NotFoundError, `source ${SOURCE} not found`);
  });

  it('refuses a revision that changes nothing', () => {
    given([registered])
      .when(revise({ publisher: 'Dailly Sabah', language: 'en' }))
      .thenThrows(IllegalStateError, `the revision would leave the metadata of source ${SOURCE} as it is`);
    given([registered, revised()]).when(revise()).thenThrows(IllegalStateError, 'as it is');
  });

  it.each([
    ['a title cleared', { title: null }, 'title', 'title is required'],
    ['a title over 500 characters', { title: 'x'.repeat(501) }, 'title', '1–500'],
    ['a url that is not http(s)', { url: 'ftp://example.org/op-ed' }, 'url', 'http(s) URL'],
    ['a publishedAt without a time zone', { publishedAt: '2025-10-28T00:05:00' }, 'publishedAt', 'ISO-8601'],
    ['a language that is no language tag', { language: 'English (UK)' }, 'language', 'BCP 47'],
    ['a blank reason', { reason: ' ' }, 'reason', 'reason'],
  ] as const)('refuses %s, by the registration’s rules', (_case, data, field, message) => {
    given([registered]).when(revise(data)).thenThrows(ValidationError, { field, message });
  });
});
