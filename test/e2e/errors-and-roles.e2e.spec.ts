import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { startServer, type TestServer } from '../support/server.js';
import { noteSkippedPostgres, STORE_KINDS } from '../support/store-places.js';
import {
  LEAK,
  auditCount,
  cli,
  client,
  createToken,
  mapLimit,
  rawPost,
  tokenIdOf,
  unknownId,
  waitForTokenRefused,
  type Client,
  type RawResponse,
  type Role,
} from './support/e2e.js';

/**
 * Every error code of docs/architecture.md §6 over real HTTP, the role matrix of §4, anonymous read, and the rule that
 * the actor always comes from the token. Every rejected mutation is checked to append nothing, and every
 * response body this file receives is checked for stack frames and file paths.
 */

const OP_ED = readFileSync('test/fixtures/op-ed.txt', 'utf8');

const PAYLOAD: Record<string, string> = {
  registerSource: '{ source { id } }',
};
const mutationOf = (name: string) =>
  `mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) ${PAYLOAD[name] ?? '{ claim { id version } events { type } }'} }`;

const bodies: string[] = [];

noteSkippedPostgres('errors and roles over HTTP');

/** On each event store: the embedded SQLite file, and PostgreSQL when a test server is set. */
describe.each(STORE_KINDS)('errors and roles over HTTP (%s event store)', (store) => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  let admin: Client;
  let sourceId: string;
  let aliceClaim: string;
  let bobClaim: string;

  /** One request as the given token (or none), its body kept for the leak check. */
  const send = async (
    token: string | undefined,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<RawResponse> => {
    const response = await rawPost(
      server,
      { query, variables },
      token ? { authorization: `Bearer ${token}` } : {},
    );
    bodies.push(response.text);
    return response;
  };
  const mutate = (token: string | undefined, name: string, input: Record<string, unknown>) =>
    send(token, mutationOf(name), { input });
  const ok = async <T = Record<string, { claim: { id: string; version: number } }>>(
    token: string,
    name: string,
    input: Record<string, unknown>,
  ) => {
    const response = await mutate(token, name, input);
    if (response.body.errors?.length) throw new Error(`${name} failed: ${response.text}`);
    return response.body.data as T;
  };
  const propose = async (token: string, statement: string) =>
    (await ok(token, 'proposeClaim', { statement })).proposeClaim!.claim.id;

  /** The mutation fails with `code` (and `field`), leaks nothing, and appends nothing. */
  const rejected = async (
    token: string | undefined,
    name: string,
    input: Record<string, unknown>,
    code: string,
    field?: string,
  ) => {
    const before = await auditCount(admin);
    const response = await mutate(token, name, input);
    expect(response.body.errors?.[0]?.extensions?.['code']).toBe(code);
    if (field !== undefined) expect(response.body.errors![0]!.extensions!['field']).toBe(field);
    expect(response.body.data ?? null).toBeNull();
    expect(response.text).not.toMatch(LEAK);
    expect(await auditCount(admin)).toBe(before);
    return response;
  };

  beforeAll(async () => {
    server = await startServer({}, { store });
    tokens['admin'] = server.adminToken;
    admin = client(server, server.adminToken);
    const grants: Array<[string, Role]> = [
      ['vera', 'VIEWER'],
      ['alice', 'ANALYST'],
      ['bob', 'ANALYST'],
      ['carol', 'ANALYST'],
      ['erin', 'EDITOR'],
    ];
    await Promise.all(
      grants.map(async ([actor, role]) => (tokens[actor] = await createToken(server, actor, role))),
    );
    sourceId = (
      await ok<{ registerSource: { source: { id: string } } }>(tokens['alice']!, 'registerSource', {
        title: 'The op-ed',
        text: OP_ED,
      })
    ).registerSource.source.id;
    aliceClaim = await propose(tokens['alice']!, 'Moscow seeks to reassert its influence in Eurasia');
    bobClaim = await propose(tokens['bob']!, 'Central Asian states pursue multivector policies');
  }, 60_000);
  afterAll(() => server?.stop());

  describe('BAD_USER_INPUT names the field', () => {
    const cases: Array<[string, string, string, () => Record<string, unknown>, string]> = [
      ['a statement too short', 'alice', 'proposeClaim', () => ({ statement: 'ab' }), 'statement'],
      ['a blank statement', 'alice', 'proposeClaim', () => ({ statement: '     ' }), 'statement'],
      [
        'a statement over 2000 characters',
        'alice',
        'proposeClaim',
        () => ({ statement: 'x'.repeat(2001) }),
        'statement',
      ],
      [
        'a control character in the statement',
        'alice',
        'proposeClaim',
        () => ({ statement: 'bell \u0007 rings' }),
        'statement',
      ],
      [
        'a tag that is not lower-case kebab',
        'alice',
        'proposeClaim',
        () => ({ statement: 'A valid statement', tags: ['Central Asia'] }),
        'tags',
      ],
      [
        '21 tags',
        'alice',
        'proposeClaim',
        () => ({ statement: 'A valid statement', tags: Array.from({ length: 21 }, (_, i) => `tag-${i}`) }),
        'tags',
      ],
      [
        'a quote without a source',
        'alice',
        'proposeClaim',
        () => ({ statement: 'A valid statement', quote: { exact: 'geopolitical object' } }),
        'sourceId',
      ],
      [
        'a quote not in the source text',
        'alice',
        'proposeClaim',
        () => ({ statement: 'A valid statement', sourceId, quote: { exact: 'words the column never used' } }),
        'quote',
      ],
      [
        'an ambiguous quote',
        'alice',
        'proposeClaim',
        () => ({ statement: 'A valid statement', sourceId, quote: { exact: 'Central Asia' } }),
        'quote',
      ],
      [
        'a malformed claim id',
        'alice',
        'attachEvidence',
        () => ({ claimId: 'clm_123', stance: 'SUPPORTS', summary: 'Some summary', citation: { title: 'T' } }),
        'claimId',
      ],
      [
        'confidence 1.5',
        'erin',
        'assessClaim',
        () => ({ claimId: aliceClaim, verdict: 'ACCURATE', confidence: 1.5, rationale: 'because' }),
        'confidence',
      ],
      [
        'confidence -0.1',
        'erin',
        'assessClaim',
        () => ({ claimId: aliceClaim, verdict: 'ACCURATE', confidence: -0.1, rationale: 'because' }),
        'confidence',
      ],
      [
        'reliability 2',
        'alice',
        'attachEvidence',
        () => ({
          claimId: aliceClaim,
          stance: 'SUPPORTS',
          summary: 'Some summary',
          citation: { title: 'T' },
          reliability: 2,
        }),
        'reliability',
      ],
      [
        'a citation with neither url nor title',
        'alice',
        'attachEvidence',
        () => ({
          claimId: aliceClaim,
          stance: 'SUPPORTS',
          summary: 'Some summary',
          citation: { publisher: 'Somebody' },
        }),
        'citation',
      ],
      [
        'an empty citation',
        'alice',
        'attachEvidence',
        () => ({ claimId: aliceClaim, stance: 'UNDERMINES', summary: 'Some summary', citation: {} }),
        'citation',
      ],
      [
        'a citation url that is not http(s)',
        'alice',
        'attachEvidence',
        () => ({
          claimId: aliceClaim,
          stance: 'SUPPORTS',
          summary: 'Some summary',
          citation: { url: 'ftp://example.org/file' },
        }),
        'citation.url',
      ],
      [
        'an evidence summary too short',
        'alice',
        'attachEvidence',
        () => ({ claimId: aliceClaim, stance: 'SUPPORTS', summary: 'ab', citation: { title: 'T' } }),
        'summary',
      ],
      [
        'a negative expectedVersion',
        'alice',
        'attachEvidence',
        () => ({
          claimId: aliceClaim,
          stance: 'SUPPORTS',
          summary: 'Some summary',
          citation: { title: 'T' },
          expectedVersion: -1,
        }),
        'expectedVersion',
      ],
      [
        'a blank retraction reason',
        'alice',
        'retractClaim',
        () => ({ claimId: aliceClaim, reason: '   ' }),
        'reason',
      ],
      [
        'a revision reason too short',
        'alice',
        'reviseClaim',
        () => ({ claimId: aliceClaim, statement: 'A different statement', reason: 'ab' }),
        'reason',
      ],
      [
        'a counterpoint text too short',
        'alice',
        'raiseCounterpoint',
        () => ({ claimId: aliceClaim, text: 'no' }),
        'text',
      ],
      ['an empty source title', 'alice', 'registerSource', () => ({ title: '' }), 'title'],
      [
        'a source url that is not a url',
        'alice',
        'registerSource',
        () => ({ title: 'A title', url: 'not a url' }),
        'url',
      ],
      [
        'a malformed language tag',
        'alice',
        'registerSource',
        () => ({ title: 'A title', language: 'english!' }),
        'language',
      ],
      [
        'an empty idempotency key',
        'alice',
        'proposeClaim',
        () => ({ statement: 'A valid statement', idempotencyKey: '' }),
        'idempotencyKey',
      ],
    ];
    it.each(cases)('%s', async (_name, actor, mutation, input, field) => {
      const response = await rejected(tokens[actor], mutation, input(), 'BAD_USER_INPUT', field);
      expect(response.body.errors).toHaveLength(1);
      expect(response.body.errors![0]!.message.length).toBeGreaterThan(0);
    });

    it('an unknown enum value, in variables or in the document', async () => {
      await rejected(
        tokens['alice'],
        'attachEvidence',
        { claimId: aliceClaim, stance: 'NEUTRAL', summary: 'Some summary', citation: { title: 'T' } },
        'BAD_USER_INPUT',
      );
      const inline = await send(
        tokens['alice'],
        `mutation { attachEvidence(input: { claimId: "${aliceClaim}", stance: NEUTRAL, summary: "Some summary", citation: { title: "T" } }) { claim { id } } }`,
      );
      expect(inline.body.errors![0]!.extensions!['code']).toBe('BAD_USER_INPUT');
      expect(inline.body.errors![0]!.message).toMatch(/NEUTRAL/);
      const verdict = await send(tokens['erin'], '{ claims(filter: { verdict: [TRUE] }) { totalCount } }');
      expect(verdict.body.errors![0]!.extensions!['code']).toBe('BAD_USER_INPUT');
    });

    it('a value of the wrong type, a missing required field, a DateTime without a zone', async () => {
      await rejected(
        tokens['erin'],
        'assessClaim',
        { claimId: aliceClaim, verdict: 'ACCURATE', confidence: 'high', rationale: 'because' },
        'BAD_USER_INPUT',
      );
      await rejected(
        tokens['alice'],
        'reviseClaim',
        { claimId: aliceClaim, statement: 'A different statement' },
        'BAD_USER_INPUT',
      );
      await rejected(
        tokens['alice'],
        'registerSource',
        { title: 'A title', publishedAt: '2025-10-28T00:05:00' },
        'BAD_USER_INPUT',
      );
      await rejected(
        tokens['alice'],
        'registerSource',
        { title: 'A title', publishedAt: 'yesterday' },
        'BAD_USER_INPUT',
      );
    });

    it('a document that does not parse or asks for unknown fields', async () => {
      const syntax = await send(tokens['alice'], '{ claims { totalCount ');
      expect(syntax.body.errors![0]!.extensions!['code']).toBe('BAD_USER_INPUT');
      const unknownField = await send(tokens['alice'], '{ claims { totalCount secretField } }');
      expect(unknownField.body.errors![0]!.extensions!['code']).toBe('BAD_USER_INPUT');
      expect(unknownField.body.errors![0]!.message).toContain('secretField');
      const notJson = await rawPost(server, '{"query": "{ claims { totalCount } }"', {
        authorization: `Bearer ${tokens['alice']}`,
      });
      bodies.push(notJson.text);
      expect(notJson.status).toBeGreaterThanOrEqual(400);
      expect(notJson.status).toBeLessThan(500);
      expect(notJson.text).not.toMatch(LEAK);
    });
  });

  describe('NOT_FOUND', () => {
    it('attachEvidence on an unknown but well-formed claim id', async () => {
      const id = unknownId('clm');
      expect(id).toMatch(/^clm_[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
      const response = await rejected(
        tokens['alice'],
        'attachEvidence',
        { claimId: id, stance: 'SUPPORTS', summary: 'Some summary', citation: { title: 'T' } },
        'NOT_FOUND',
      );
      expect(response.body.errors![0]!.message).toContain(id);
    });

    it('unknown evidence, counterpoints, links, link targets, sources and claims', async () => {
      await rejected(
        tokens['alice'],
        'withdrawEvidence',
        { claimId: aliceClaim, evidenceId: unknownId('evd'), reason: 'it never existed' },
        'NOT_FOUND',
      );
      await rejected(
        tokens['alice'],
        'respondToCounterpoint',
        {
          claimId: aliceClaim,
          counterpointId: unknownId('cpt'),
          resolution: 'ANSWERED',
          response: 'nothing to answer',
        },
        'NOT_FOUND',
      );
      await rejected(
        tokens['alice'],
        'unlinkClaims',
        { fromClaimId: aliceClaim, toClaimId: bobClaim, kind: 'ATTACKS', reason: 'there is no such link' },
        'NOT_FOUND',
      );
      await rejected(
        tokens['alice'],
        'linkClaims',
        { fromClaimId: aliceClaim, toClaimId: unknownId('clm'), kind: 'SUPPORTS' },
        'NOT_FOUND',
      );
      await rejected(
        tokens['alice'],
        'proposeClaim',
        { statement: 'A valid statement', sourceId: unknownId('src'), quote: { exact: 'anything' } },
        'NOT_FOUND',
      );
      await rejected(
        tokens['alice'],
        'reviseClaim',
        { claimId: unknownId('clm'), statement: 'A different statement', reason: 'no such claim' },
        'NOT_FOUND',
      );
      await rejected(
        tokens['erin'],
        'assessClaim',
        { claimId: unknownId('clm'), verdict: 'OPINION', confidence: 0.5, rationale: 'no such claim' },
        'NOT_FOUND',
      );
      await rejected(
        tokens['erin'],
        'retractClaim',
        { claimId: unknownId('clm'), reason: 'no such claim' },
        'NOT_FOUND',
      );
    });
  });

  describe('CONFLICT', () => {
    it('a stale expectedVersion reports the current version and appends nothing', async () => {
      const claimId = await propose(tokens['alice']!, 'A claim to race on');
      await ok(tokens['bob']!, 'attachEvidence', {
        claimId,
        stance: 'SUPPORTS',
        summary: 'Some summary',
        citation: { title: 'T' },
      });
      const response = await rejected(
        tokens['alice'],
        'reviseClaim',
        { claimId, statement: 'A claim raced on', reason: 'tidy the wording', expectedVersion: 1 },
        'CONFLICT',
      );
      expect(response.body.errors![0]!.extensions).toEqual({ code: 'CONFLICT', currentVersion: 2 });
      await rejected(
        tokens['alice'],
        'reviseClaim',
        { claimId, statement: 'A claim raced on', reason: 'tidy the wording', expectedVersion: 5 },
        'CONFLICT',
      );
      const fresh = await ok(tokens['alice']!, 'reviseClaim', {
        claimId,
        statement: 'A claim raced on',
        reason: 'tidy the wording',
        expectedVersion: 2,
      });
      expect(fresh.reviseClaim!.claim.version).toBe(3);
    });
  });

  describe('ILLEGAL_STATE', () => {
    it('responding to a counterpoint that is already answered', async () => {
      const claimId = await propose(tokens['alice']!, 'A claim with a counterpoint');
      await ok(tokens['bob']!, 'raiseCounterpoint', { claimId, text: 'This is contestable' });
      const counterpoint = (
        await admin.ok<{ claim: { counterpoints: Array<{ id: string }> } }>(
          'query($id: ID!) { claim(id: $id) { counterpoints { id } } }',
          { id: claimId },
        )
      ).claim.counterpoints[0]!.id;
      await ok(tokens['alice']!, 'respondToCounterpoint', {
        claimId,
        counterpointId: counterpoint,
        resolution: 'ANSWERED',
        response: 'Answered in full',
      });
      const again = await rejected(
        tokens['alice'],
        'respondToCounterpoint',
        { claimId, counterpointId: counterpoint, resolution: 'CONCEDED', response: 'On second thought' },
        'ILLEGAL_STATE',
      );
      expect(again.body.errors![0]!.message).toContain('ANSWERED');
    });

    it('a duplicate link, and a link of a claim to itself', async () => {
      const from = await propose(tokens['alice']!, 'A linking claim');
      const to = await propose(tokens['alice']!, 'A linked claim');
      await ok(tokens['alice']!, 'linkClaims', { fromClaimId: from, toClaimId: to, kind: 'SUPPORTS' });
      await rejected(
        tokens['alice'],
        'linkClaims',
        { fromClaimId: from, toClaimId: to, kind: 'SUPPORTS' },
        'ILLEGAL_STATE',
      );
      // Another kind between the same claims is another link.
      await ok(tokens['alice']!, 'linkClaims', { fromClaimId: from, toClaimId: to, kind: 'REFINES' });
      // To itself: a rule of the domain; the API reports it as an input error on toClaimId or as ILLEGAL_STATE.
      const before = await auditCount(admin);
      const self = await mutate(tokens['alice'], 'linkClaims', {
        fromClaimId: from,
        toClaimId: from,
        kind: 'ATTACKS',
      });
      expect(['ILLEGAL_STATE', 'BAD_USER_INPUT']).toContain(self.body.errors![0]!.extensions!['code']);
      if (self.body.errors![0]!.extensions!['code'] === 'BAD_USER_INPUT')
        expect(self.body.errors![0]!.extensions!['field']).toBe('toClaimId');
      expect(await auditCount(admin)).toBe(before);
    });

    it('no-op revisions and tags, double withdrawals and retractions, and anything on a retracted claim', async () => {
      const claimId = await propose(tokens['alice']!, 'A claim to be retracted');
      const target = await propose(tokens['alice']!, 'A claim to link to');
      await rejected(
        tokens['alice'],
        'reviseClaim',
        { claimId, statement: 'A claim to be retracted', reason: 'no change at all' },
        'ILLEGAL_STATE',
      );
      await ok(tokens['alice']!, 'tagClaim', { claimId, add: ['one'] });
      await rejected(tokens['alice'], 'tagClaim', { claimId, add: ['one'] }, 'ILLEGAL_STATE');
      await rejected(tokens['alice'], 'tagClaim', { claimId, remove: ['never-there'] }, 'ILLEGAL_STATE');
      await ok(tokens['alice']!, 'attachEvidence', {
        claimId,
        stance: 'SUPPORTS',
        summary: 'Some summary',
        citation: { title: 'T' },
      });
      const evidenceId = (
        await admin.ok<{ claim: { evidence: Array<{ id: string }> } }>(
          'query($id: ID!) { claim(id: $id) { evidence { id } } }',
          { id: claimId },
        )
      ).claim.evidence[0]!.id;
      await ok(tokens['alice']!, 'withdrawEvidence', { claimId, evidenceId, reason: 'wrong study' });
      await rejected(
        tokens['alice'],
        'withdrawEvidence',
        { claimId, evidenceId, reason: 'wrong study again' },
        'ILLEGAL_STATE',
      );

      await ok(tokens['alice']!, 'retractClaim', { claimId, reason: 'no longer held' });
      await rejected(
        tokens['alice'],
        'retractClaim',
        { claimId, reason: 'no longer held at all' },
        'ILLEGAL_STATE',
      );
      await rejected(
        tokens['alice'],
        'attachEvidence',
        { claimId, stance: 'SUPPORTS', summary: 'Some summary', citation: { title: 'T' } },
        'ILLEGAL_STATE',
      );
      await rejected(
        tokens['alice'],
        'raiseCounterpoint',
        { claimId, text: 'Too late to object' },
        'ILLEGAL_STATE',
      );
      await rejected(
        tokens['alice'],
        'reviseClaim',
        { claimId, statement: 'A resurrected claim', reason: 'bring it back' },
        'ILLEGAL_STATE',
      );
      await rejected(tokens['alice'], 'tagClaim', { claimId, add: ['two'] }, 'ILLEGAL_STATE');
      await rejected(
        tokens['erin'],
        'assessClaim',
        { claimId, verdict: 'OPINION', confidence: 0.5, rationale: 'too late' },
        'ILLEGAL_STATE',
      );
      await rejected(
        tokens['alice'],
        'linkClaims',
        { fromClaimId: claimId, toClaimId: target, kind: 'SUPPORTS' },
        'ILLEGAL_STATE',
      );
      await rejected(
        tokens['alice'],
        'linkClaims',
        { fromClaimId: target, toClaimId: claimId, kind: 'ATTACKS' },
        'ILLEGAL_STATE',
      );
    });
  });

  describe('UNAUTHENTICATED', () => {
    const READ = '{ claims(first: 1) { totalCount } }';

    it('no token: neither queries nor mutations', async () => {
      const read = await send(undefined, READ);
      expect(read.body.errors![0]!.extensions!['code']).toBe('UNAUTHENTICATED');
      expect(read.body.data ?? null).toBeNull();
      await rejected(undefined, 'proposeClaim', { statement: 'An anonymous claim' }, 'UNAUTHENTICATED');
      await rejected(undefined, 'registerSource', { title: 'An anonymous source' }, 'UNAUTHENTICATED');
    });

    it.each([
      ['another scheme', 'Basic YWxpY2U6c2VjcmV0'],
      ['a scheme without a token', 'Bearer'],
      ['a token that is not a Claimtrail token', 'Bearer not-a-token'],
      [
        'two tokens',
        'Bearer ct_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA ct_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB',
      ],
      ['an unknown well-formed token', 'Bearer ct_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ])('a malformed or unknown Authorization header: %s', async (_name, header) => {
      const before = await auditCount(admin);
      const read = await rawPost(server, { query: READ }, { authorization: header });
      bodies.push(read.text);
      expect(read.body.errors![0]!.extensions!['code']).toBe('UNAUTHENTICATED');
      expect(read.body.data ?? null).toBeNull();
      const write = await rawPost(
        server,
        {
          query: mutationOf('proposeClaim'),
          variables: { input: { statement: 'A claim with a bad token' } },
        },
        { authorization: header },
      );
      bodies.push(write.text);
      expect(write.body.errors![0]!.extensions!['code']).toBe('UNAUTHENTICATED');
      expect(await auditCount(admin)).toBe(before);
      // The presented token never comes back in the error.
      const presented = header.split(' ')[1];
      if (presented) expect(read.text).not.toContain(presented);
    });

    it('the Bearer scheme is case-insensitive', async () => {
      const response = await rawPost(
        server,
        { query: '{ viewer { id role } }' },
        { authorization: `bearer ${tokens['alice']}` },
      );
      expect(response.body.data).toEqual({ viewer: { id: 'alice', role: 'ANALYST' } });
    });

    it('a revoked token is refused, for reads and writes, while other tokens keep working', async () => {
      const token = await createToken(server, 'rex', 'ANALYST');
      expect(
        (await client(server, token).ok<{ viewer: { id: string } }>('{ viewer { id } }')).viewer.id,
      ).toBe('rex');
      const tokenId = await tokenIdOf(server, 'rex');
      const revoked = await cli(server, 'token', 'revoke', tokenId, '--reason', 'left the team');
      expect(revoked.code).toBe(0);
      const refused = await waitForTokenRefused(server, token);
      expect(refused.errors![0]!.extensions!['code']).toBe('UNAUTHENTICATED');
      expect(refused.errors![0]!.message).not.toContain(token);
      const read = await send(token, READ);
      expect(read.body.errors![0]!.extensions!['code']).toBe('UNAUTHENTICATED');
      await rejected(token, 'proposeClaim', { statement: 'A claim by a revoked token' }, 'UNAUTHENTICATED');
      expect(
        (await client(server, tokens['alice']).ok<{ viewer: { id: string } }>('{ viewer { id } }')).viewer.id,
      ).toBe('alice');
    });
  });

  describe('FORBIDDEN', () => {
    it('a VIEWER proposing', async () => {
      const response = await rejected(
        tokens['vera'],
        'proposeClaim',
        { statement: 'A viewer has opinions too' },
        'FORBIDDEN',
      );
      expect(response.body.errors![0]!.message).toMatch(/ANALYST/);
    });
    it('an ANALYST assessing', async () => {
      await rejected(
        tokens['alice'],
        'assessClaim',
        { claimId: bobClaim, verdict: 'ACCURATE', confidence: 0.9, rationale: 'I think so' },
        'FORBIDDEN',
      );
      await rejected(
        tokens['alice'],
        'assessClaim',
        { claimId: aliceClaim, verdict: 'ACCURATE', confidence: 0.9, rationale: 'my own, even' },
        'FORBIDDEN',
      );
    });
    it("an ANALYST retracting or revising someone else's claim, but allowed on their own", async () => {
      await rejected(
        tokens['alice'],
        'retractClaim',
        { claimId: bobClaim, reason: 'I disagree with it' },
        'FORBIDDEN',
      );
      await rejected(
        tokens['alice'],
        'reviseClaim',
        {
          claimId: bobClaim,
          statement: 'Central Asian states pursue Russia-first policies',
          reason: 'I disagree with it',
        },
        'FORBIDDEN',
      );
      const revised = await ok(tokens['bob']!, 'reviseClaim', {
        claimId: bobClaim,
        statement: 'Central Asian states pursue multivector foreign policies',
        reason: 'more precise',
      });
      expect(revised.reviseClaim!.claim.version).toBe(2);
      const own = await propose(tokens['alice']!, 'A claim alice will retract');
      const retracted = await ok(tokens['alice']!, 'retractClaim', {
        claimId: own,
        reason: 'changed my mind',
      });
      expect(retracted.retractClaim!.claim.version).toBe(2);
    });
  });

  describe('the role matrix of docs/architecture.md §4', () => {
    type Setup = {
      own?: string;
      other: string;
      other2: string;
      counterpoint: string;
      answered: string;
      evidence: string;
    };
    const actorOf: Record<Role, string> = {
      VIEWER: 'vera',
      ANALYST: 'alice',
      EDITOR: 'erin',
      ADMIN: 'admin',
    };
    /** What each action does, given fresh claims made by carol (and one by the actor when it may propose). */
    const actions: Record<string, { minimum: Role; run: (token: string, s: Setup) => Promise<RawResponse> }> =
      {
        'query claims': {
          minimum: 'VIEWER',
          run: (token) => send(token, '{ claims(first: 5) { totalCount edges { node { id } } } }'),
        },
        'query auditTrail': {
          minimum: 'VIEWER',
          run: (token) => send(token, '{ auditTrail(first: 5) { totalCount } }'),
        },
        'query a claim': {
          minimum: 'VIEWER',
          run: (token, s) =>
            send(token, 'query($id: ID!) { claim(id: $id) { id history { totalCount } } }', { id: s.other }),
        },
        registerSource: {
          minimum: 'ANALYST',
          run: (token) => mutate(token, 'registerSource', { title: 'Another source' }),
        },
        proposeClaim: {
          minimum: 'ANALYST',
          run: (token) => mutate(token, 'proposeClaim', { statement: 'A claim of the matrix' }),
        },
        'reviseClaim (own)': {
          minimum: 'ANALYST',
          run: (token, s) =>
            mutate(token, 'reviseClaim', {
              claimId: s.own,
              statement: 'A revised own claim',
              reason: 'better wording',
            }),
        },
        'reviseClaim (another’s)': {
          minimum: 'EDITOR',
          run: (token, s) =>
            mutate(token, 'reviseClaim', {
              claimId: s.other,
              statement: 'A revised claim of carol',
              reason: 'better wording',
            }),
        },
        tagClaim: {
          minimum: 'ANALYST',
          run: (token, s) => mutate(token, 'tagClaim', { claimId: s.other, add: ['matrix'] }),
        },
        attachEvidence: {
          minimum: 'ANALYST',
          run: (token, s) =>
            mutate(token, 'attachEvidence', {
              claimId: s.other,
              stance: 'UNDERMINES',
              summary: 'Some summary',
              citation: { url: 'https://example.org' },
            }),
        },
        // Only the analyst who added it, or an editor (carol added it).
        'withdrawEvidence (another’s)': {
          minimum: 'EDITOR',
          run: (token, s) =>
            mutate(token, 'withdrawEvidence', {
              claimId: s.other,
              evidenceId: s.evidence,
              reason: 'superseded',
            }),
        },
        raiseCounterpoint: {
          minimum: 'ANALYST',
          run: (token, s) => mutate(token, 'raiseCounterpoint', { claimId: s.other, text: 'An objection' }),
        },
        // An answer is an argument anyone may make; a dismissal is editorial.
        'respondToCounterpoint (answer)': {
          minimum: 'ANALYST',
          run: (token, s) =>
            mutate(token, 'respondToCounterpoint', {
              claimId: s.other,
              counterpointId: s.counterpoint,
              resolution: 'ANSWERED',
              response: 'The summit says otherwise',
            }),
        },
        'respondToCounterpoint (dismiss)': {
          minimum: 'EDITOR',
          run: (token, s) =>
            mutate(token, 'respondToCounterpoint', {
              claimId: s.other,
              counterpointId: s.counterpoint,
              resolution: 'DISMISSED',
              response: 'Off topic',
            }),
        },
        // Carol raised and answered it: only she or an editor may rebut the answer.
        'reopenCounterpoint (another’s)': {
          minimum: 'EDITOR',
          run: (token, s) =>
            mutate(token, 'reopenCounterpoint', {
              claimId: s.other,
              counterpointId: s.answered,
              text: 'The answer misses the point',
              reason: 'Not settled',
            }),
        },
        linkClaims: {
          minimum: 'ANALYST',
          run: (token, s) =>
            mutate(token, 'linkClaims', { fromClaimId: s.other, toClaimId: s.other2, kind: 'DUPLICATES' }),
        },
        // Carol made the link.
        'unlinkClaims (another’s)': {
          minimum: 'EDITOR',
          run: (token, s) =>
            mutate(token, 'unlinkClaims', {
              fromClaimId: s.other2,
              toClaimId: s.other,
              kind: 'SUPPORTS',
              reason: 'not related after all',
            }),
        },
        assessClaim: {
          minimum: 'EDITOR',
          run: (token, s) =>
            mutate(token, 'assessClaim', {
              claimId: s.other,
              verdict: 'MIXED',
              confidence: 0.4,
              rationale: 'partly true',
            }),
        },
        'retractClaim (own)': {
          minimum: 'ANALYST',
          run: (token, s) => mutate(token, 'retractClaim', { claimId: s.own, reason: 'no longer held' }),
        },
        'retractClaim (another’s)': {
          minimum: 'EDITOR',
          run: (token, s) =>
            mutate(token, 'retractClaim', { claimId: s.other, reason: 'editorial decision' }),
        },
      };
    const rank: Record<Role, number> = { VIEWER: 0, ANALYST: 1, EDITOR: 2, ADMIN: 3 };
    const cases = (['VIEWER', 'ANALYST', 'EDITOR', 'ADMIN'] as const).flatMap((role) =>
      Object.entries(actions)
        .filter(([name]) => !(role === 'VIEWER' && name.includes('(own)'))) // a VIEWER has no claims of its own
        .map(
          ([name, action]) =>
            [role, name, rank[role] >= rank[action.minimum] ? 'allowed' : 'FORBIDDEN'] as const,
        ),
    );

    /** Fresh claims for every case, made by carol (and by the actor, for "own"), 10 cases at a time. */
    const setups = new Map<string, Setup>();
    beforeAll(async () => {
      const carol = tokens['carol']!;
      await mapLimit(cases, 10, async ([role, name]) => {
        const other = await propose(carol, 'A claim of carol');
        const other2 = await propose(carol, 'Another claim of carol');
        await ok(carol, 'linkClaims', { fromClaimId: other2, toClaimId: other, kind: 'SUPPORTS' });
        await ok(carol, 'attachEvidence', {
          claimId: other,
          stance: 'SUPPORTS',
          summary: 'Carol found this',
          citation: { title: 'Carol’s source' },
        });
        await ok(carol, 'raiseCounterpoint', { claimId: other, text: 'Carol doubts it herself' });
        await ok(carol, 'raiseCounterpoint', { claimId: other, text: 'Carol doubts it once more' });
        const parts = (
          await admin.ok<{
            claim: { evidence: Array<{ id: string }>; counterpoints: Array<{ id: string }> };
          }>('query($id: ID!) { claim(id: $id) { evidence { id } counterpoints { id } } }', { id: other })
        ).claim;
        const setup: Setup = {
          other,
          other2,
          evidence: parts.evidence[0]!.id,
          counterpoint: parts.counterpoints[0]!.id,
          answered: parts.counterpoints[1]!.id,
        };
        await ok(carol, 'respondToCounterpoint', {
          claimId: other,
          counterpointId: setup.answered,
          resolution: 'ANSWERED',
          response: 'Carol settles it herself',
        });
        if (name.includes('(own)')) setup.own = await propose(tokens[actorOf[role]]!, 'A claim of my own');
        setups.set(`${role} ${name}`, setup);
      });
    }, 60_000);

    it.each(cases)('%s: %s → %s', async (role, name, expected) => {
      const token = tokens[actorOf[role]]!;
      const setup = setups.get(`${role} ${name}`)!;

      const before = await auditCount(admin);
      const response = await actions[name]!.run(token, setup);
      expect(response.text).not.toMatch(LEAK);
      if (expected === 'allowed') {
        expect(response.body.errors).toBeUndefined();
        expect(response.body.data).toBeTruthy();
        const isMutation = !name.startsWith('query');
        expect(await auditCount(admin)).toBe(before + (isMutation ? 1 : 0));
        if (isMutation) {
          // The event is attributed to the token's actor and role.
          const latest = await admin.ok<{
            auditTrail: { edges: Array<{ node: { actor: { id: string; role: string } } }> };
          }>('{ auditTrail(first: 1) { edges { node { actor { id role } } } } }');
          expect(latest.auditTrail.edges[0]!.node.actor).toEqual({ id: actorOf[role], role });
        }
      } else {
        expect(response.body.errors![0]!.extensions!['code']).toBe('FORBIDDEN');
        expect(response.body.data ?? null).toBeNull();
        expect(await auditCount(admin)).toBe(before);
      }
    });
  });

  describe('the actor comes from the token', () => {
    it('createdBy, the audit actor and the event data name the token’s actor', async () => {
      const response = await ok<{ proposeClaim: { claim: { id: string } } }>(tokens['bob']!, 'proposeClaim', {
        statement: 'Bob said this',
      });
      const id = response.proposeClaim.claim.id;
      const seen = await admin.ok<{
        claim: {
          createdBy: { id: string; role: string };
          history: { edges: Array<{ node: { actor: { id: string }; data: { by: { id: string } } } }> };
        };
      }>(
        'query($id: ID!) { claim(id: $id) { createdBy { id role } history { edges { node { actor { id } data } } } } }',
        { id },
      );
      expect(seen.claim.createdBy).toEqual({ id: 'bob', role: 'ANALYST' });
      expect(seen.claim.history.edges[0]!.node.actor.id).toBe('bob');
      expect(seen.claim.history.edges[0]!.node.data.by.id).toBe('bob');
      // Evidence on alice's claim is bob's, not alice's.
      await ok(tokens['bob']!, 'attachEvidence', {
        claimId: aliceClaim,
        stance: 'UNDERMINES',
        summary: 'Bob disagrees',
        citation: { title: 'Bob’s notes' },
      });
      const evidence = await admin.ok<{
        claim: { evidence: Array<{ summary: string; addedBy: { id: string; role: string } }> };
      }>('query($id: ID!) { claim(id: $id) { evidence { summary addedBy { id role } } } }', {
        id: aliceClaim,
      });
      expect(evidence.claim.evidence.find((item) => item.summary === 'Bob disagrees')!.addedBy).toEqual({
        id: 'bob',
        role: 'ANALYST',
      });
    });

    it('an input cannot name an actor: there is no such field', async () => {
      for (const field of ['actorId', 'createdBy', 'actor']) {
        const response = await rejected(
          tokens['vera'],
          'proposeClaim',
          { statement: 'Impersonation attempt', [field]: 'admin' },
          'BAD_USER_INPUT',
        );
        expect(response.body.errors![0]!.message).toContain(field);
      }
      const inline = await send(
        tokens['alice'],
        'mutation { proposeClaim(input: { statement: "Impersonation attempt", createdBy: "admin" }) { claim { id } } }',
      );
      expect(inline.body.errors![0]!.extensions!['code']).toBe('BAD_USER_INPUT');
    });
  });

  describe('with CLAIMTRAIL_ANONYMOUS_READ=true', () => {
    let open: TestServer;
    let claimId: string;
    const anonymous = (
      query: string,
      variables: Record<string, unknown> = {},
      headers: Record<string, string> = {},
    ) =>
      rawPost(open, { query, variables }, headers).then((response) => {
        bodies.push(response.text);
        return response;
      });

    beforeAll(async () => {
      open = await startServer({ CLAIMTRAIL_ANONYMOUS_READ: 'true' }, { store });
      const made = await client(open, open.adminToken).ok<{ proposeClaim: { claim: { id: string } } }>(
        mutationOf('proposeClaim'),
        { input: { statement: 'Readable by anyone' } },
      );
      claimId = made.proposeClaim.claim.id;
    }, 60_000);
    afterAll(() => open?.stop());

    it('queries without a token work', async () => {
      const claims = await anonymous(
        '{ claims { totalCount edges { node { id statement createdBy { id } } } } }',
      );
      expect(claims.body.errors).toBeUndefined();
      expect(claims.body.data).toEqual({
        claims: {
          totalCount: 1,
          edges: [{ node: { id: claimId, statement: 'Readable by anyone', createdBy: { id: 'admin' } } }],
        },
      });
      const one = await anonymous(
        'query($id: ID!) { claim(id: $id) { statement history { totalCount } } node(id: $id) { id } }',
        { id: claimId },
      );
      expect(one.body.data).toEqual({
        claim: { statement: 'Readable by anyone', history: { totalCount: 1 } },
        node: { id: claimId },
      });
      const trail = await anonymous('{ auditTrail { totalCount } sources { totalCount } }');
      expect(trail.body.data).toEqual({ auditTrail: { totalCount: 1 }, sources: { totalCount: 0 } });
    });

    it('mutations without a token are UNAUTHENTICATED and append nothing', async () => {
      const openAdmin = client(open, open.adminToken);
      const before = await auditCount(openAdmin);
      for (const [name, input] of [
        ['proposeClaim', { statement: 'An anonymous claim' }],
        [
          'attachEvidence',
          { claimId, stance: 'SUPPORTS', summary: 'Anonymous evidence', citation: { title: 'T' } },
        ],
        ['registerSource', { title: 'An anonymous source' }],
      ] as const) {
        const response = await anonymous(mutationOf(name), { input });
        expect(response.body.errors![0]!.extensions!['code']).toBe('UNAUTHENTICATED');
        expect(response.body.data ?? null).toBeNull();
      }
      expect(await auditCount(openAdmin)).toBe(before);
    });

    it('a bad token is still refused, even for a query', async () => {
      const response = await anonymous(
        '{ claims { totalCount } }',
        {},
        { authorization: 'Bearer ct_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
      );
      expect(response.body.errors![0]!.extensions!['code']).toBe('UNAUTHENTICATED');
      expect(response.body.data ?? null).toBeNull();
    });
  });

  it('no response body in this file carried a stack frame, a source path or node_modules', () => {
    expect(bodies.length).toBeGreaterThan(150);
    const leaking = bodies.filter((body) => LEAK.test(body));
    expect(leaking).toEqual([]);
    // And no error was an INTERNAL one.
    expect(bodies.filter((body) => body.includes('"INTERNAL"'))).toEqual([]);
  });
});
