import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { eventsFile, headPosition, readLog, readModelFile } from './support/event-log.js';
import { LEAK, createToken, gql, ok, post, tokenIdOf, waitFor } from './support/http.js';
import { record } from './support/prng.js';
import { cli, launchServer, sleep, tempDataDir, type ServerProcess } from './support/server-process.js';

/**
 * docs/architecture.md §4 as a matrix over real HTTP: every mutation × every identity (no token, VIEWER, ANALYST,
 * EDITOR, ADMIN, a revoked token, a malformed header) is allowed or refused with UNAUTHENTICATED /
 * FORBIDDEN exactly as the roles say (an ANALYST revises, re-anchors, retracts and concedes only on their own
 * claims, withdraws, unlinks, reopens and revises only what they added; dismissing is editorial); an allowed
 * mutation appends one event attributed to the token's actor and role whatever the request claims, and a
 * refused one appends nothing. Subscriptions (auditEvents over graphql-ws) and the HTTP exports obey the
 * same rules. Tokens are stored only as SHA-256 hashes, looked up by hash, and never echoed.
 */

type Identity = 'none' | 'VIEWER' | 'ANALYST' | 'EDITOR' | 'ADMIN' | 'revoked' | 'malformed';
const IDENTITIES: readonly Identity[] = [
  'none',
  'VIEWER',
  'ANALYST',
  'EDITOR',
  'ADMIN',
  'revoked',
  'malformed',
];
const RANK: Partial<Record<Identity, number>> = { VIEWER: 0, ANALYST: 1, EDITOR: 2, ADMIN: 3 };
const ACTOR_OF: Partial<Record<Identity, string>> = {
  VIEWER: 'vera',
  ANALYST: 'alice',
  EDITOR: 'erin',
  ADMIN: 'admin',
};

/**
 * Carol's claims and what she added to them; the `own…` parts belong to the identity under test when it is
 * allowed an "(own)" action (carol's otherwise).
 */
interface Fixture {
  own: string;
  other: string;
  other2: string;
  evidence: string;
  counterpoint: string;
  /** Carol's counterpoint on her claim, answered by her. */
  answered: string;
  /** The owner's evidence on carol's claim. */
  ownEvidence: string;
  /** The owner's counterpoint on carol's claim, answered by carol. */
  ownAnswered: string;
  /** Carol's open counterpoint on the owner's claim. */
  onOwn: string;
  /** Carol's source, and the owner's, each with a text (a sentence of the op-ed). */
  source: string;
  ownSource: string;
}

/** A sentence of the op-ed (test/fixtures/op-ed.txt), for sources whose quotes the matrix anchors. */
const SOURCE_TEXT =
  'In the economic sphere, Central Asian states are seeking to deepen their integration with the international financial system while maintaining their trade ties with Russia.';

interface Action {
  readonly mutation: string;
  readonly inputType: string;
  /**
   * The least role (docs/architecture.md §4): an "(own)" action acts on what the identity itself added, which
   * an ANALYST may; its "(another’s)" twin acts on carol's, which needs an EDITOR.
   */
  readonly minimum: number;
  readonly input: (fixture: Fixture) => Record<string, unknown>;
}

const ACTIONS: Record<string, Action> = {
  registerSource: {
    mutation: 'registerSource',
    inputType: 'RegisterSourceInput',
    minimum: 1,
    input: () => ({ title: 'A source of the matrix' }),
  },
  proposeClaim: {
    mutation: 'proposeClaim',
    inputType: 'ProposeClaimInput',
    minimum: 1,
    input: () => ({ statement: 'A claim of the matrix' }),
  },
  'reviseClaim (own)': {
    mutation: 'reviseClaim',
    inputType: 'ReviseClaimInput',
    minimum: 1,
    input: (f) => ({ claimId: f.own, statement: 'An own claim, revised', reason: 'clearer' }),
  },
  'reviseClaim (another’s)': {
    mutation: 'reviseClaim',
    inputType: 'ReviseClaimInput',
    minimum: 2,
    input: (f) => ({ claimId: f.other, statement: 'Carol’s claim, revised', reason: 'clearer' }),
  },
  tagClaim: {
    mutation: 'tagClaim',
    inputType: 'TagClaimInput',
    minimum: 1,
    input: (f) => ({ claimId: f.other, add: ['matrix'] }),
  },
  attachEvidence: {
    mutation: 'attachEvidence',
    inputType: 'AttachEvidenceInput',
    minimum: 1,
    input: (f) => ({
      claimId: f.other,
      stance: 'SUPPORTS',
      summary: 'Found in the matrix',
      citation: { title: 'T' },
    }),
  },
  'withdrawEvidence (own)': {
    mutation: 'withdrawEvidence',
    inputType: 'WithdrawEvidenceInput',
    minimum: 1,
    input: (f) => ({ claimId: f.other, evidenceId: f.ownEvidence, reason: 'superseded' }),
  },
  'withdrawEvidence (another’s)': {
    mutation: 'withdrawEvidence',
    inputType: 'WithdrawEvidenceInput',
    minimum: 2,
    input: (f) => ({ claimId: f.other, evidenceId: f.evidence, reason: 'superseded' }),
  },
  raiseCounterpoint: {
    mutation: 'raiseCounterpoint',
    inputType: 'RaiseCounterpointInput',
    minimum: 1,
    input: (f) => ({ claimId: f.other, text: 'An objection from the matrix' }),
  },
  'respondToCounterpoint ANSWERED': {
    mutation: 'respondToCounterpoint',
    inputType: 'RespondToCounterpointInput',
    minimum: 1,
    input: (f) => ({
      claimId: f.other,
      counterpointId: f.counterpoint,
      resolution: 'ANSWERED',
      response: 'Answered',
    }),
  },
  'respondToCounterpoint CONCEDED (own claim)': {
    mutation: 'respondToCounterpoint',
    inputType: 'RespondToCounterpointInput',
    minimum: 1,
    input: (f) => ({ claimId: f.own, counterpointId: f.onOwn, resolution: 'CONCEDED', response: 'Granted' }),
  },
  'respondToCounterpoint CONCEDED (another’s claim)': {
    mutation: 'respondToCounterpoint',
    inputType: 'RespondToCounterpointInput',
    minimum: 2,
    input: (f) => ({
      claimId: f.other,
      counterpointId: f.counterpoint,
      resolution: 'CONCEDED',
      response: 'Granted',
    }),
  },
  'respondToCounterpoint DISMISSED': {
    mutation: 'respondToCounterpoint',
    inputType: 'RespondToCounterpointInput',
    minimum: 2,
    input: (f) => ({
      claimId: f.other,
      counterpointId: f.counterpoint,
      resolution: 'DISMISSED',
      response: 'Off topic',
    }),
  },
  'reopenCounterpoint (own)': {
    mutation: 'reopenCounterpoint',
    inputType: 'ReopenCounterpointInput',
    minimum: 1,
    input: (f) => ({
      claimId: f.other,
      counterpointId: f.ownAnswered,
      text: 'Not answered',
      reason: 'misses it',
    }),
  },
  'reopenCounterpoint (another’s)': {
    mutation: 'reopenCounterpoint',
    inputType: 'ReopenCounterpointInput',
    minimum: 2,
    input: (f) => ({
      claimId: f.other,
      counterpointId: f.answered,
      text: 'Not answered',
      reason: 'misses it',
    }),
  },
  linkClaims: {
    mutation: 'linkClaims',
    inputType: 'LinkClaimsInput',
    minimum: 1,
    input: (f) => ({ fromClaimId: f.other, toClaimId: f.other2, kind: 'ATTACKS' }),
  },
  'unlinkClaims (own)': {
    mutation: 'unlinkClaims',
    inputType: 'UnlinkClaimsInput',
    minimum: 1,
    input: (f) => ({ fromClaimId: f.other, toClaimId: f.other2, kind: 'REFINES', reason: 'unrelated' }),
  },
  'unlinkClaims (another’s)': {
    mutation: 'unlinkClaims',
    inputType: 'UnlinkClaimsInput',
    minimum: 2,
    input: (f) => ({ fromClaimId: f.other2, toClaimId: f.other, kind: 'SUPPORTS', reason: 'unrelated' }),
  },
  'reanchorClaim (own)': {
    mutation: 'reanchorClaim',
    inputType: 'ReanchorClaimInput',
    minimum: 1,
    input: (f) => ({
      claimId: f.own,
      sourceId: f.source,
      quote: { exact: 'Central Asian states' },
      reason: 'its words',
    }),
  },
  'reanchorClaim (another’s)': {
    mutation: 'reanchorClaim',
    inputType: 'ReanchorClaimInput',
    minimum: 2,
    input: (f) => ({
      claimId: f.other,
      sourceId: f.source,
      quote: { exact: 'Central Asian states' },
      reason: 'its words',
    }),
  },
  'reviseSource (own)': {
    mutation: 'reviseSource',
    inputType: 'ReviseSourceInput',
    minimum: 1,
    input: (f) => ({ sourceId: f.ownSource, language: 'en', reason: 'was missing' }),
  },
  'reviseSource (another’s)': {
    mutation: 'reviseSource',
    inputType: 'ReviseSourceInput',
    minimum: 2,
    input: (f) => ({ sourceId: f.source, language: 'en', reason: 'was missing' }),
  },
  assessClaim: {
    mutation: 'assessClaim',
    inputType: 'AssessClaimInput',
    minimum: 2,
    input: (f) => ({ claimId: f.other, verdict: 'MIXED', confidence: 0.5, rationale: 'partly' }),
  },
  'retractClaim (own)': {
    mutation: 'retractClaim',
    inputType: 'RetractClaimInput',
    minimum: 1,
    input: (f) => ({ claimId: f.own, reason: 'no longer held' }),
  },
  'retractClaim (another’s)': {
    mutation: 'retractClaim',
    inputType: 'RetractClaimInput',
    minimum: 2,
    input: (f) => ({ claimId: f.other, reason: 'editorial decision' }),
  },
};

const documentOf = (action: Action) =>
  `mutation($input: ${action.inputType}!) { ${action.mutation}(input: $input) ${/Source$/.test(action.mutation) ? '{ source { id } }' : '{ claim { id version } }'} }`;

const expectedFor = (identity: Identity, action: Action): 'allowed' | 'UNAUTHENTICATED' | 'FORBIDDEN' => {
  const rank = RANK[identity];
  if (rank === undefined) return 'UNAUTHENTICATED';
  return rank >= action.minimum ? 'allowed' : 'FORBIDDEN';
};

const EXPORTS = ['claims.ndjson', 'audit.ndjson', 'aif.json', 'argdown', 'claimreview.jsonld', 'bundle.json'];

describe('access matrix (docs/architecture.md §4)', () => {
  const dir = tempDataDir('access');
  let server: ServerProcess;
  const tokens: Record<string, string> = {};
  const headers: Partial<Record<Identity, Record<string, string>>> = {};
  const bodies: string[] = [];
  let shared: Fixture;
  let exportsPresent: string[] = [];

  const call = async (
    authorization: Record<string, string> | undefined,
    query: string,
    variables: Record<string, unknown>,
    extra: Record<string, string> = {},
    body?: string,
  ) => {
    const result = await post<Record<string, unknown>>(
      server.graphqlUrl,
      body ?? JSON.stringify({ query, variables }),
      { 'content-type': 'application/json', ...authorization, ...extra },
    );
    bodies.push(result.text);
    return result;
  };
  const as = (actor: string, action: Action, fixture: Fixture) =>
    ok<Record<string, { claim?: { id: string } }>>(
      server.graphqlUrl,
      documentOf(action),
      { input: action.input(fixture) },
      tokens[actor]!,
    );

  /**
   * Claims of carol, with evidence, counterpoints (one answered), a link and a source; `owner` also proposes
   * a claim, attaches evidence, raises a counterpoint carol answers, links carol's claims and registers a
   * source of their own, and carol objects to the owner's claim.
   */
  const fixture = async (owner: string | undefined): Promise<Fixture> => {
    const carol = tokens['carol']!;
    const mine = owner ? tokens[owner]! : carol;
    const mutate = async <T>(token: string, name: string, input: Record<string, unknown>, fields: string) =>
      (
        await ok<Record<string, T>>(
          server.graphqlUrl,
          `mutation($input: ${name.charAt(0).toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { ${fields} } }`,
          { input },
          token,
        )
      )[name]!;
    const propose = async (token: string, statement: string) =>
      (await mutate<{ claim: { id: string } }>(token, 'proposeClaim', { statement }, 'claim { id }')).claim
        .id;
    const register = async (token: string) =>
      (
        await mutate<{ source: { id: string } }>(
          token,
          'registerSource',
          { title: 'The op-ed, in part', text: SOURCE_TEXT },
          'source { id }',
        )
      ).source.id;
    /** Adds evidence or a counterpoint and returns the id of the newest one. */
    const attach = async (token: string, claimId: string) =>
      (
        await mutate<{ claim: { evidence: Array<{ id: string }> } }>(
          token,
          'attachEvidence',
          { claimId, stance: 'SUPPORTS', summary: 'Found this', citation: { title: 'T' } },
          'claim { evidence { id } }',
        )
      ).claim.evidence.at(-1)!.id;
    const raise = async (token: string, claimId: string, text: string) =>
      (
        await mutate<{ claim: { counterpoints: Array<{ id: string }> } }>(
          token,
          'raiseCounterpoint',
          { claimId, text },
          'claim { counterpoints { id } }',
        )
      ).claim.counterpoints.at(-1)!.id;
    const answer = (claimId: string, counterpointId: string) =>
      mutate(
        carol,
        'respondToCounterpoint',
        { claimId, counterpointId, resolution: 'ANSWERED', response: 'Answered' },
        'claim { id }',
      );
    const link = (token: string, fromClaimId: string, toClaimId: string, kind: string) =>
      mutate(token, 'linkClaims', { fromClaimId, toClaimId, kind }, 'claim { id }');

    const other = await propose(carol, 'A claim of carol');
    const other2 = await propose(carol, 'Another claim of carol');
    const own = owner ? await propose(mine, 'A claim of my own') : other;
    await link(carol, other2, other, 'SUPPORTS');
    await link(mine, other, other2, 'REFINES');
    const evidence = await attach(carol, other);
    const ownEvidence = await attach(mine, other);
    const counterpoint = await raise(carol, other, 'Carol doubts it');
    const answered = await raise(carol, other, 'Carol doubted it');
    await answer(other, answered);
    const ownAnswered = await raise(mine, other, 'I doubted it');
    await answer(other, ownAnswered);
    const onOwn = await raise(carol, own, 'Carol doubts yours');
    const source = await register(carol);
    const ownSource = owner ? await register(mine) : source;
    return {
      own,
      other,
      other2,
      evidence,
      counterpoint,
      answered,
      ownEvidence,
      ownAnswered,
      onOwn,
      source,
      ownSource,
    };
  };

  beforeAll(async () => {
    server = await launchServer({ dataDir: dir.path });
    tokens['admin'] = server.bootstrapToken!;
    const grants: Array<[string, 'VIEWER' | 'ANALYST' | 'EDITOR']> = [
      ['vera', 'VIEWER'],
      ['alice', 'ANALYST'],
      ['erin', 'EDITOR'],
      ['carol', 'ANALYST'],
      ['rex', 'ANALYST'],
    ];
    await Promise.all(
      grants.map(
        async ([actor, role]) =>
          (tokens[actor] = await createToken(dir.path, () => server.graphqlUrl, actor, role)),
      ),
    );
    const revoked = await cli(
      dir.path,
      'token',
      'revoke',
      await tokenIdOf(dir.path, 'rex'),
      '--reason',
      'left the team',
    );
    expect(revoked.code).toBe(0);
    await waitFor(
      'the revocation',
      async () =>
        (await gql(server.graphqlUrl, '{ viewer { id } }', {}, tokens['rex'])).errors?.length
          ? true
          : undefined,
      15_000,
      100,
    );
    for (const identity of IDENTITIES) {
      const actor = ACTOR_OF[identity];
      if (actor) headers[identity] = { authorization: `Bearer ${tokens[actor]}` };
    }
    headers.revoked = { authorization: `Bearer ${tokens['rex']}` };
    // A valid token under the wrong scheme: refused, and the token must not come back in the answer.
    headers.malformed = { authorization: `Token ${tokens['alice']}` };
    shared = await fixture(undefined);
    for (const path of EXPORTS) {
      const response = await fetch(`${server.url}/export/${path}`, {
        headers: { authorization: `Bearer ${tokens['admin']}` },
      });
      await response.arrayBuffer();
      if (response.status !== 404) exportsPresent.push(path);
    }
    exportsPresent = [...new Set(exportsPresent)];
    record(`access matrix: exports present: ${exportsPresent.join(', ') || 'none'}`);
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
    dir.remove();
  });

  const cases = IDENTITIES.flatMap((identity) =>
    Object.entries(ACTIONS).map(([name, action]) => [identity, name, expectedFor(identity, action)] as const),
  );

  it.each(cases)('%s × %s → %s', async (identity, name, expected) => {
    const action = ACTIONS[name]!;
    const actor = ACTOR_OF[identity];
    const setup = expected === 'allowed' ? await fixture(name.includes('(own') ? actor : undefined) : shared;
    const before = headPosition(dir.path);
    // The request also tries to name another actor outside the input: headers and GraphQL extensions.
    const response = await call(
      headers[identity],
      documentOf(action),
      { input: action.input(setup) },
      { 'x-actor-id': 'admin', 'x-forwarded-user': 'admin' },
      JSON.stringify({
        query: documentOf(action),
        variables: { input: action.input(setup) },
        extensions: { actorId: 'admin', actor: { id: 'admin', role: 'ADMIN' } },
      }),
    );
    expect(response.text).not.toMatch(LEAK);
    if (expected === 'allowed') {
      expect(response.errors ?? []).toEqual([]);
      expect(response.data?.[action.mutation]).toBeTruthy();
      const log = readLog(dir.path);
      expect(log).toHaveLength(before + 1);
      const event = log.at(-1)!;
      expect(event.metadata).toMatchObject({ actorId: actor, actorRole: identity });
      expect(event.data['by'] ?? { id: actor, role: identity }).toEqual({ id: actor, role: identity });
    } else {
      expect(response.errors?.[0]?.extensions?.['code']).toBe(expected);
      expect(Object.values(response.data ?? {}).filter(Boolean)).toEqual([]);
      expect(headPosition(dir.path)).toBe(before);
      if (identity === 'revoked' || identity === 'malformed') {
        expect(response.text).not.toContain(tokens[identity === 'revoked' ? 'rex' : 'alice']!);
      }
    }
  });

  it('an actor cannot be named through the input of any mutation', async () => {
    for (const action of Object.values(ACTIONS)) {
      for (const field of ['actorId', 'actor', 'by', 'createdBy']) {
        const before = headPosition(dir.path);
        const response = await call(headers.ANALYST, documentOf(action), {
          input: {
            ...action.input(shared),
            [field]: field === 'actor' || field === 'by' ? { id: 'admin', role: 'ADMIN' } : 'admin',
          },
        });
        expect(response.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
        expect(headPosition(dir.path)).toBe(before);
      }
    }
  });

  describe('subscriptions (auditEvents over graphql-ws)', () => {
    const SUBSCRIPTION =
      'subscription($subjectId: ID) { auditEvents(subjectId: $subjectId) { type subjectId actor { id } } }';
    const clients: WsClient[] = [];
    afterAll(async () => {
      await Promise.all(clients.map((client) => client.dispose()));
    });

    const open = (identity: Identity, subjectId: string) => {
      const entries: Array<{ type: string }> = [];
      const errors: string[] = [];
      let finished = false;
      const client = createClient({
        url: server.graphqlUrl.replace('http', 'ws'),
        webSocketImpl: WebSocket,
        connectionParams: headers[identity] ? { authorization: headers[identity]!['authorization'] } : {},
        retryAttempts: 0,
        lazy: false,
        onNonLazyError: (error) =>
          errors.push(JSON.stringify(error instanceof Error ? error.message : error)),
      });
      clients.push(client);
      client.subscribe<{ auditEvents: { type: string } }>(
        { query: SUBSCRIPTION, variables: { subjectId } },
        {
          next: (value) => {
            if (value.errors?.length) errors.push(JSON.stringify(value.errors));
            if (value.data?.auditEvents) entries.push(value.data.auditEvents);
          },
          error: (error) => {
            errors.push(JSON.stringify(error instanceof Error ? error.message : error));
            finished = true;
          },
          complete: () => (finished = true),
        },
      );
      return { entries, errors, finished: () => finished, client };
    };

    it.each(
      IDENTITIES.map(
        (identity) => [identity, RANK[identity] === undefined ? 'refused' : 'receives events'] as const,
      ),
    )(
      '%s → %s',
      async (identity, expected) => {
        const claimId = (await as('carol', ACTIONS['proposeClaim']!, shared)).proposeClaim!.claim!.id;
        const watcher = open(identity, claimId);
        const attach = () => as('carol', ACTIONS['attachEvidence']!, { ...shared, other: claimId });
        if (expected === 'receives events') {
          // Repeat until the subscription is live, then every later event arrives.
          await waitFor(
            'an event on the subscription',
            async () => {
              await attach();
              return watcher.entries.length > 0 ? true : undefined;
            },
            10_000,
            100,
          );
          expect(watcher.errors).toEqual([]);
          expect(watcher.entries[0]).toMatchObject({ type: 'EvidenceAttached' });
        } else {
          await waitFor(
            'the refusal',
            async () => (watcher.finished() || watcher.errors.length > 0 ? true : undefined),
            5000,
          );
          await attach();
          await sleep(300);
          expect(watcher.entries).toEqual([]);
          expect(watcher.errors.length).toBeGreaterThan(0);
          for (const error of watcher.errors) {
            expect(error).not.toMatch(LEAK);
            expect(error).not.toContain(tokens['alice']!);
            expect(error).not.toContain(tokens['rex']!);
          }
        }
      },
      20_000,
    );

    // Tokens are checked again as events arrive (src/audit/live/audit-feed.ts): a revocation ends the subscription.
    it('a subscription stops receiving events once its token is revoked', async () => {
      const token = await createToken(dir.path, () => server.graphqlUrl, 'sam', 'VIEWER');
      const claimId = (await as('carol', ACTIONS['proposeClaim']!, shared)).proposeClaim!.claim!.id;
      const client = createClient({
        url: server.graphqlUrl.replace('http', 'ws'),
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        retryAttempts: 0,
      });
      clients.push(client);
      const entries: unknown[] = [];
      client.subscribe(
        { query: SUBSCRIPTION, variables: { subjectId: claimId } },
        { next: (value) => entries.push(value), error: () => undefined, complete: () => undefined },
      );
      const attach = () => as('carol', ACTIONS['attachEvidence']!, { ...shared, other: claimId });
      await waitFor(
        'a live subscription',
        async () => {
          await attach();
          return entries.length > 0 ? true : undefined;
        },
        10_000,
        100,
      );
      expect((await cli(dir.path, 'token', 'revoke', await tokenIdOf(dir.path, 'sam'))).code).toBe(0);
      await waitFor(
        'the revocation',
        async () =>
          (await gql(server.graphqlUrl, '{ viewer { id } }', {}, token)).errors?.length ? true : undefined,
        15_000,
        100,
      );
      const seen = entries.length;
      await attach();
      await sleep(500);
      expect(entries.length).toBe(seen);
    }, 40_000);
  });

  describe('HTTP exports', () => {
    it.each(IDENTITIES.map((identity) => [identity, RANK[identity] === undefined ? 401 : 200] as const))(
      '%s → %s on every /export/* present',
      async (identity, status) => {
        expect(exportsPresent).toEqual(expect.arrayContaining(['claims.ndjson', 'audit.ndjson']));
        for (const path of exportsPresent) {
          const response = await fetch(`${server.url}/export/${path}`, { headers: headers[identity] ?? {} });
          const text = await response.text();
          expect({ path, status: response.status }).toEqual({ path, status });
          expect(text).not.toMatch(LEAK);
          if (status === 401) {
            expect(JSON.parse(text)).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
            expect(text).not.toContain(tokens['alice']!);
            expect(text).not.toContain(tokens['rex']!);
          } else {
            expect(text.length).toBeGreaterThan(0);
          }
        }
      },
    );
  });

  describe('tokens at rest and in answers', () => {
    const known = () => Object.values(tokens);

    it('the event log holds no token, only SHA-256 hashes', () => {
      const log = readLog(dir.path);
      const text = JSON.stringify(log);
      for (const token of known()) expect(text).not.toContain(token);
      expect(text).not.toMatch(/ct_[A-Za-z0-9_-]{43}/);
      const grants = log.filter((row) => row.type === 'TokenGranted');
      expect(grants.length).toBeGreaterThanOrEqual(Object.keys(tokens).length);
      const hashes = new Set(grants.map((row) => String(row.data['tokenHash'])));
      for (const token of known()) expect(hashes).toContain(createHash('sha256').update(token).digest('hex'));
      // Nor do the raw bytes of the files, write-ahead logs included (freed pages too).
      for (const file of [eventsFile(dir.path), readModelFile(dir.path)]
        .flatMap((name) => [name, `${name}-wal`])
        .filter((name) => existsSync(name))) {
        const bytes = readFileSync(file);
        for (const token of known()) expect(bytes.includes(Buffer.from(token))).toBe(false);
      }
    });

    it('the read model keeps only hashes, looked up through a unique index on the hash', () => {
      const db = new Database(readModelFile(dir.path), { readonly: true });
      try {
        const tables = db
          .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
          .pluck()
          .all() as string[];
        for (const table of tables) {
          const dump = JSON.stringify(db.prepare(`SELECT * FROM "${table}"`).all());
          for (const token of known()) expect(dump).not.toContain(token);
        }
        const columns = (db.prepare('PRAGMA table_info(tokens)').all() as Array<{ name: string }>).map(
          (column) => column.name,
        );
        expect(columns).toContain('token_hash');
        expect(columns.some((name) => /^(token|secret|value)$/.test(name))).toBe(false);
        const indexes = db.prepare('PRAGMA index_list(tokens)').all() as Array<{
          name: string;
          unique: number;
        }>;
        const hashIndexed = indexes.some(
          (index) =>
            index.unique === 1 &&
            (db.prepare(`PRAGMA index_info("${index.name}")`).all() as Array<{ name: string }>).some(
              (column) => column.name === 'token_hash',
            ),
        );
        expect(hashIndexed).toBe(true);
        const alice = db.prepare('SELECT token_hash FROM tokens WHERE actor_id = ?').pluck().get('alice');
        expect(alice).toBe(createHash('sha256').update(tokens['alice']!).digest('hex'));
      } finally {
        db.close();
      }
    });

    it('no answer of this file and no line the server logged echoed a token (the first-start ADMIN token is printed once, by design)', async () => {
      const listed = await cli(dir.path, 'token', 'list');
      for (const token of known()) expect(listed.stdout + listed.stderr).not.toContain(token);
      const answers = bodies.join('\n');
      for (const token of known()) expect(answers).not.toContain(token);
      const logged = server.output().replace(tokens['admin']!, '<first-start token>');
      for (const token of known()) expect(logged).not.toContain(token);
      record(
        `access matrix: ${cases.length} mutation cases, ${bodies.length} answers checked for echoed tokens`,
      );
    });
  });
});
