import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { fold } from '../../src/event-sourcing/decider.js';
import { ForbiddenError, IllegalStateError, ValidationError } from '../../src/event-sourcing/errors.js';
import type { Actor } from '../../src/event-sourcing/metadata.js';
import type { RegisterSource } from '../../src/sources/domain/source.commands.js';
import { sourceDecider } from '../../src/sources/domain/source.decider.js';
import type { SourceRegistered } from '../../src/sources/domain/source.events.js';
import { alice, at, meta, SOURCE, testId, vera } from './claim-fixtures.js';
import { spec } from './decider-spec.js';

const opEd = readFileSync(new URL('../fixtures/op-ed.txt', import.meta.url), 'utf8');
const given = spec(sourceDecider).given;

const register = (data: Partial<RegisterSource['data']> = {}, actor: Actor = alice): RegisterSource => ({
  type: 'RegisterSource',
  data: { sourceId: SOURCE, title: "Central Asia-Russia Summit: Moscow's quest for repositioning", ...data },
  metadata: meta(actor, 10),
});

const registered = (data: Partial<SourceRegistered['data']> = {}): SourceRegistered => ({
  type: 'SourceRegistered',
  data: {
    sourceId: SOURCE,
    title: "Central Asia-Russia Summit: Moscow's quest for repositioning",
    url: null,
    author: null,
    publisher: null,
    publishedAt: null,
    language: null,
    text: null,
    textHash: null,
    at: at(10),
    by: alice,
    ...data,
  },
});

describe('source decider', () => {
  describe('given no source', () => {
    it('registers the op-ed with its text kept verbatim and its SHA-256', () => {
      given([])
        .when(
          register({
            title: "  Central Asia-Russia Summit: Moscow's quest for repositioning \n",
            url: 'https://example.org/op-ed',
            author: ' Zeynep Gizem Özpınar ',
            publisher: 'Daily Sabah',
            publishedAt: '2025-10-28T00:05:00+03:00',
            language: 'en',
            text: opEd,
          }),
        )
        .then([
          registered({
            url: 'https://example.org/op-ed',
            author: 'Zeynep Gizem Özpınar',
            publisher: 'Daily Sabah',
            publishedAt: '2025-10-28T00:05:00+03:00',
            language: 'en',
            text: opEd,
            textHash: createHash('sha256')
              .update(readFileSync(new URL('../fixtures/op-ed.txt', import.meta.url)))
              .digest('hex'),
          }),
        ]);
    });

    it('registers a source with a title only, and counts blank optional fields as absent', () => {
      given([])
        .when(register({ url: ' ', author: '', text: '  \n' }))
        .then([registered()]);
    });

    it('keeps surrounding whitespace of the text, since anchors index into it', () => {
      const text = '\n  Indented first line\n';
      given([])
        .when(register({ text }))
        .then([registered({ text, textHash: createHash('sha256').update(text).digest('hex') })]);
    });

    it.each([
      ['an empty title', { title: '   ' }, 'title', 'title is required'],
      ['a title over 500 characters', { title: 'x'.repeat(501) }, 'title', '1–500'],
      ['a url that is not http(s)', { url: 'ftp://example.org/op-ed' }, 'url', 'http(s) URL'],
      ['a url that is no url', { url: 'dailysabah dot com' }, 'url', 'http(s) URL'],
      ['a publishedAt that is no date', { publishedAt: 'last Tuesday' }, 'publishedAt', 'ISO-8601'],
      [
        'a publishedAt without a time zone',
        { publishedAt: '2025-10-28T00:05:00' },
        'publishedAt',
        'ISO-8601',
      ],
      ['a language that is no language tag', { language: 'English (UK)' }, 'language', 'BCP 47'],
      ['an author over 500 characters', { author: 'a'.repeat(501) }, 'author', 'at most 500'],
      ['a source id of another kind', { sourceId: testId('claim', 1) }, 'sourceId', 'src_ id'],
    ] as const)('rejects %s', (_case, data, field, message) => {
      given([]).when(register(data)).thenThrows(ValidationError, { field, message });
    });

    it('accepts a title of exactly 500 characters (counted as characters, not UTF-16 units)', () => {
      const title = '𝔄'.repeat(500); // 1,000 UTF-16 units
      given([])
        .when(register({ title, publishedAt: '2025-10-28T00:05:00+03:00' }))
        .then([registered({ title, publishedAt: '2025-10-28T00:05:00+03:00' })]);
    });

    it('refuses a date without a time and zone, as the API does', () => {
      given([])
        .when(register({ publishedAt: '2025-10-28' }))
        .thenThrows(ValidationError, {
          field: 'publishedAt',
          message: 'ISO-8601 date-time with a time zone',
        });
    });

    it('forbids a VIEWER to register a source', () => {
      given([]).when(register({}, vera)).thenThrows(ForbiddenError, 'needs the ANALYST role');
    });
  });

  describe('given a registered source', () => {
    it('refuses to register it again', () => {
      given([registered()])
        .when(register())
        .thenThrows(IllegalStateError, `source ${SOURCE} is already registered`);
    });
  });

  it('folds the registration into a registered source, with who registered it and when', () => {
    expect(sourceDecider.initialState()).toEqual({ status: 'none' });
    const {
      at: registeredAt,
      by: registeredBy,
      ...source
    } = registered({ text: 'Body', textHash: 'hash' }).data;
    expect(fold(sourceDecider, [registered({ text: 'Body', textHash: 'hash' })])).toEqual({
      status: 'registered',
      ...source,
      registeredBy,
      registeredAt,
      version: 1,
    });
  });
});
