import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { AuditFilter } from '../../src/audit/graphql/audit.inputs.js';
import {
  AttachEvidenceInput,
  LinkClaimsInput,
  RaiseCounterpointInput,
  RespondToCounterpointInput,
  WithdrawEvidenceInput,
} from '../../src/claims/graphql/claim-debate.inputs.js';
import { ClaimFilter, ClaimOrder } from '../../src/claims/graphql/claim-query.inputs.js';
import {
  AssessClaimInput,
  ProposeClaimInput,
  RetractClaimInput,
  ReviseClaimInput,
  TagClaimInput,
} from '../../src/claims/graphql/claim.inputs.js';
import { newId } from '../../src/event-sourcing/ids.js';
import { ConnectionArgs } from '../../src/graphql/connection.args.js';
import { RegisterSourceInput } from '../../src/sources/graphql/source.inputs.js';

type InputClass = new () => object;

const paths = (errors: readonly ValidationError[], parent = ''): string[] =>
  errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    return error.children?.length ? paths(error.children, path) : [path];
  });

/** The property paths class-validator rejects, e.g. ['citation.url']; [] when the input is valid. */
const invalidFields = async (type: InputClass, plain: object): Promise<string[]> =>
  paths(await validate(plainToInstance(type, plain))).sort();

const claimId = newId('claim');
const sourceId = newId('source');
const evidenceId = newId('evidence');
const counterpointId = newId('counterpoint');
const text = (length: number, char = 'a'): string => char.repeat(length);

const proposal = { statement: 'The summit produced a binding agreement.' };
const evidence = {
  claimId,
  stance: 'SUPPORTS',
  summary: 'The communiqué lists the signatories.',
  citation: { url: 'https://example.org/communique' },
};

describe('input validation', () => {
  it('accepts valid inputs, minimal and complete', async () => {
    const cases: [InputClass, object][] = [
      [ProposeClaimInput, proposal],
      [
        ProposeClaimInput,
        {
          ...proposal,
          tags: ['central-asia', 'summit-2025'],
          attributedTo: 'The op-ed author',
          sourceId,
          quote: { exact: 'a binding agreement', prefix: 'produced ', suffix: '.' },
          note: 'Line one\nline two\twith a tab\r\nand an emoji 🙂',
          idempotencyKey: 'propose-1',
        },
      ],
      [
        ReviseClaimInput,
        { claimId, statement: 'A revised statement.', reason: 'More precise', expectedVersion: 0 },
      ],
      [TagClaimInput, { claimId, add: ['a', 'b-2'], remove: ['old-tag'], expectedVersion: 3 }],
      [
        AttachEvidenceInput,
        {
          ...evidence,
          reliability: 0,
          citation: { title: 'A report', publishedAt: '2025-10-28T00:05:00+03:00' },
        },
      ],
      [AttachEvidenceInput, { ...evidence, reliability: 1, citation: { url: 'http://localhost:8080/doc' } }],
      [WithdrawEvidenceInput, { claimId, evidenceId, reason: 'Retracted by the publisher' }],
      [
        RespondToCounterpointInput,
        { claimId, counterpointId, resolution: 'CONCEDED', response: 'Fair point.' },
      ],
      [LinkClaimsInput, { fromClaimId: claimId, toClaimId: newId('claim'), kind: 'ATTACKS' }],
      [
        AssessClaimInput,
        { claimId, verdict: 'MOSTLY_ACCURATE', confidence: 0.75, rationale: 'Two sources agree.' },
      ],
      [RetractClaimInput, { claimId, reason: 'Duplicate' }],
      [
        RegisterSourceInput,
        { title: 'A', url: 'https://example.org', language: 'en-GB', text: text(1_000_000) },
      ],
      [
        ClaimFilter,
        {
          status: ['OPEN'],
          tags: ['a'],
          sourceId,
          acceptability: ['IN'],
          verdict: ['MIXED'],
          updatedAfter: '2025-01-01T00:00:00Z',
        },
      ],
      [AuditFilter, { subjectId: sourceId, types: ['EvidenceAttached'], from: '2025-01-01T00:00Z' }],
    ];
    for (const [type, plain] of cases)
      expect([type.name, await invalidFields(type, plain)]).toEqual([type.name, []]);
  });

  it.each([
    ['too short', 'ab'],
    ['too short after trimming', '  ab  '],
    ['whitespace only', ' \n\t  '],
    ['too long', text(2001)],
    ['not a string', 42],
  ])('rejects a statement that is %s', async (_case, statement) => {
    expect(await invalidFields(ProposeClaimInput, { statement })).toEqual(['statement']);
  });

  it('takes statements of 3 and of 2000 characters', async () => {
    expect(await invalidFields(ProposeClaimInput, { statement: '  abc  ' })).toEqual([]);
    expect(await invalidFields(ProposeClaimInput, { statement: text(2000) })).toEqual([]);
  });

  it.each(['reason', 'rationale', 'response', 'summary', 'text'])(
    'applies the 3–2000 rule to %s',
    async (field) => {
      const bases: Record<string, [InputClass, object]> = {
        reason: [RetractClaimInput, { claimId, reason: 'ok!' }],
        rationale: [AssessClaimInput, { claimId, verdict: 'MIXED', confidence: 0.5, rationale: 'ok!' }],
        response: [
          RespondToCounterpointInput,
          { claimId, counterpointId, resolution: 'ANSWERED', response: 'ok!' },
        ],
        summary: [AttachEvidenceInput, evidence],
        text: [RaiseCounterpointInput, { claimId, text: 'ok!' }],
      };
      const [type, base] = bases[field]!;
      expect(await invalidFields(type, base)).toEqual([]);
      for (const bad of ['no', '   ', text(2001)]) {
        expect(await invalidFields(type, { ...base, [field]: bad })).toEqual([field]);
      }
    },
  );

  it.each([['Central-Asia'], ['central_asia'], ['a--b'], ['-a'], ['a-'], [''], [text(51)]])(
    'rejects the tag %j',
    async (tag) => {
      expect(await invalidFields(ProposeClaimInput, { ...proposal, tags: ['ok', tag] })).toEqual(['tags']);
      expect(await invalidFields(TagClaimInput, { claimId, add: [tag] })).toEqual(['add']);
      expect(await invalidFields(ClaimFilter, { tags: [tag] })).toEqual(['tags']);
    },
  );

  it('takes 20 tags of up to 50 characters, not 21', async () => {
    const tags = (count: number) => Array.from({ length: count }, (_, index) => `tag-${index}`);
    expect(await invalidFields(ProposeClaimInput, { ...proposal, tags: [...tags(19), text(50)] })).toEqual(
      [],
    );
    expect(await invalidFields(ProposeClaimInput, { ...proposal, tags: tags(21) })).toEqual(['tags']);
    expect(await invalidFields(TagClaimInput, { claimId, remove: tags(21) })).toEqual(['remove']);
  });

  it.each([-0.01, 1.01, Number.NaN, Number.POSITIVE_INFINITY, '0.5'])(
    'rejects %p as confidence or reliability',
    async (value) => {
      expect(
        await invalidFields(AssessClaimInput, {
          claimId,
          verdict: 'MIXED',
          confidence: value,
          rationale: 'Because.',
        }),
      ).toEqual(['confidence']);
      expect(await invalidFields(AttachEvidenceInput, { ...evidence, reliability: value })).toEqual([
        'reliability',
      ]);
    },
  );

  it.each([
    ['an ftp URL', 'ftp://example.org/file'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a URL without a scheme', 'example.org/page'],
    ['a URL without a host', 'https://'],
    ['prose', 'not a url'],
    ['a URL over 2048 characters', `https://example.org/${text(2048)}`],
  ])('rejects %s as a url', async (_case, url) => {
    expect(await invalidFields(AttachEvidenceInput, { ...evidence, citation: { url } })).toEqual([
      'citation.url',
    ]);
    expect(await invalidFields(RegisterSourceInput, { title: 'Source', url })).toEqual(['url']);
  });

  it('requires a citation on evidence and validates it as a nested input', async () => {
    expect(await invalidFields(AttachEvidenceInput, { ...evidence, citation: undefined })).toEqual([
      'citation',
    ]);
    expect(
      await invalidFields(AttachEvidenceInput, {
        ...evidence,
        citation: { title: text(2001), accessedAt: '2025-10-28' },
      }),
    ).toEqual(['citation.accessedAt', 'citation.title']);
  });

  it('checks the anchor quote and its context lengths', async () => {
    const propose = (quote: object) => invalidFields(ProposeClaimInput, { ...proposal, sourceId, quote });
    expect(await propose({ exact: '' })).toEqual(['quote.exact']);
    expect(await propose({ exact: text(2001) })).toEqual(['quote.exact']);
    expect(await propose({ exact: 'x', prefix: text(201), suffix: text(200) })).toEqual(['quote.prefix']);
  });

  it('bounds attributedTo, note, title, language and the source text', async () => {
    expect(
      await invalidFields(ProposeClaimInput, { ...proposal, attributedTo: text(301), note: text(2001) }),
    ).toEqual(['attributedTo', 'note']);
    for (const title of ['', '   ', text(501)])
      expect(await invalidFields(RegisterSourceInput, { title })).toEqual(['title']);
    for (const language of ['english!', 'e', `en-${text(33)}`]) {
      expect(await invalidFields(RegisterSourceInput, { title: 'T', language })).toEqual(['language']);
    }
    expect(await invalidFields(RegisterSourceInput, { title: 'T', text: text(1_000_001) })).toEqual(['text']);
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['over 200 characters', text(201)],
  ])('rejects an idempotency key that is %s', async (_case, idempotencyKey) => {
    expect(await invalidFields(ProposeClaimInput, { ...proposal, idempotencyKey })).toEqual([
      'idempotencyKey',
    ]);
    expect(await invalidFields(RetractClaimInput, { claimId, reason: 'Dup', idempotencyKey })).toEqual([
      'idempotencyKey',
    ]);
    expect(await invalidFields(RegisterSourceInput, { title: 'T', idempotencyKey })).toEqual([
      'idempotencyKey',
    ]);
  });

  it('takes an expectedVersion that is a whole number from 0 up', async () => {
    for (const expectedVersion of [-1, 1.5, '2']) {
      expect(await invalidFields(RetractClaimInput, { claimId, reason: 'Dup', expectedVersion })).toEqual([
        'expectedVersion',
      ]);
    }
    expect(
      await invalidFields(RetractClaimInput, {
        claimId,
        reason: 'Dup',
        expectedVersion: 0,
        idempotencyKey: text(200),
      }),
    ).toEqual([]);
  });

  it('rejects ids with the wrong prefix or shape', async () => {
    const wrong = [sourceId, 'clm_123', `clm_${text(26, 'I')}`, claimId.toLowerCase(), ` ${claimId}`];
    for (const id of wrong)
      expect(await invalidFields(RetractClaimInput, { claimId: id, reason: 'Dup' })).toEqual(['claimId']);
    expect(await invalidFields(ProposeClaimInput, { ...proposal, sourceId: claimId })).toEqual(['sourceId']);
    expect(
      await invalidFields(WithdrawEvidenceInput, { claimId, evidenceId: counterpointId, reason: 'Gone' }),
    ).toEqual(['evidenceId']);
    expect(
      await invalidFields(RespondToCounterpointInput, {
        claimId,
        counterpointId: evidenceId,
        resolution: 'ANSWERED',
        response: 'Yes.',
      }),
    ).toEqual(['counterpointId']);
    expect(
      await invalidFields(LinkClaimsInput, { fromClaimId: claimId, toClaimId: sourceId, kind: 'SUPPORTS' }),
    ).toEqual(['toClaimId']);
    expect(await invalidFields(AuditFilter, { subjectId: evidenceId })).toEqual(['subjectId']);
    expect(await invalidFields(ClaimFilter, { sourceId: claimId })).toEqual(['sourceId']);
  });

  it.each([
    ['a NUL', 'bad\u0000text'],
    ['a bell', 'bad\u0007text'],
    ['an escape', 'bad\u001btext'],
    ['DEL', 'bad\u007ftext'],
    ['a C1 control', 'bad\u0085text'],
    ['a lone high surrogate', 'bad\ud83dtext'],
    ['a lone low surrogate', 'bad\ude42text'],
    ['a high surrogate at the end', 'bad text\ud83d'],
  ])('rejects free text containing %s', async (_case, value) => {
    expect(
      await invalidFields(ProposeClaimInput, { statement: value, note: value, attributedTo: value }),
    ).toEqual(['attributedTo', 'note', 'statement']);
    expect(
      await invalidFields(AttachEvidenceInput, { ...evidence, summary: value, citation: { title: value } }),
    ).toEqual(['citation.title', 'summary']);
    expect(
      await invalidFields(RegisterSourceInput, { title: 'T', text: value, idempotencyKey: value }),
    ).toEqual(['idempotencyKey', 'text']);
  });

  it('rejects values outside each enum', async () => {
    expect(await invalidFields(AttachEvidenceInput, { ...evidence, stance: 'NEUTRAL' })).toEqual(['stance']);
    expect(
      await invalidFields(RespondToCounterpointInput, {
        claimId,
        counterpointId,
        resolution: 'OPEN',
        response: 'Yes.',
      }),
    ).toEqual(['resolution']);
    expect(
      await invalidFields(LinkClaimsInput, { fromClaimId: claimId, toClaimId: claimId, kind: 'supports' }),
    ).toEqual(['kind']);
    expect(
      await invalidFields(AssessClaimInput, { claimId, verdict: 'TRUE', confidence: 1, rationale: 'Yes.' }),
    ).toEqual(['verdict']);
    expect(
      await invalidFields(ClaimFilter, {
        status: ['OPEN', 'CLOSED'],
        acceptability: ['MAYBE'],
        verdict: ['FALSE'],
      }),
    ).toEqual(['acceptability', 'status', 'verdict']);
    expect(await invalidFields(ClaimOrder, { field: 'TITLE', direction: 'UP' })).toEqual([
      'direction',
      'field',
    ]);
  });

  it('defaults the order direction to DESC', async () => {
    expect(plainToInstance(ClaimOrder, { field: 'CREATED_AT' }).direction).toBe('DESC');
    expect(await invalidFields(ClaimOrder, { field: 'STATEMENT' })).toEqual([]);
  });

  it('checks filters: dates with a zone, event type names, search size, paging', async () => {
    expect(
      await invalidFields(ClaimFilter, { updatedAfter: '2025-10-28T10:00:00', updatedBefore: 'yesterday' }),
    ).toEqual(['updatedAfter', 'updatedBefore']);
    expect(await invalidFields(ClaimFilter, { search: text(501) })).toEqual(['search']);
    expect(
      await invalidFields(AuditFilter, { types: ['evidence attached'], to: '2025-02-30T00:00:00Z' }),
    ).toEqual(['to', 'types']);
    expect(await invalidFields(ConnectionArgs, { first: -1, after: 'x\u0000' })).toEqual(['after', 'first']);
  });
});
