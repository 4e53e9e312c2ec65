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
 * FORBIDDEN exactly as the roles say (an ANALYST revises and retracts only their own claims); an allowed
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

interface Fixture {
  own: string;
  other: string;
  other2: string;
  evidence: string;
  counterpoint: string;
}

interface Action {
  readonly mutation: string;
  readonly inputType: string;
  /** The least role; `ownOnly` adds "or the claim's proposer from ANALYST up" (docs/architecture.md §3). */
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
  withdrawEvidence: {
    mutation: 'withdrawEvidence',
    inputType: 'WithdrawEvidenceInput',
    minimum: 1,
    input: (f) => ({ claimId: f.other, evidenceId: f.evidence, reason: 'superseded' }),
  },
  raiseCounterpoint: {
    mutation: 'raiseCounterpoint',
    inputType: 'RaiseCounterpointInput',
    minimum: 1,
    input: (f) => ({ claimId: f.other, text: 'An objection from the matrix' }),
  },
  respondToCounterpoint: {
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
  linkClaims: {
    mutation: 'linkClaims',
    inputType: 'LinkClaimsInput',
    minimum: 1,
    input: (f) => ({ fromClaimId: f.other, toClaimId: f.other2, kind: 'ATTACKS' }),
  },
  unlinkClaims: {
    mutation: 'unlinkClaims',
    inputType: 'UnlinkClaimsInput',
    minimum: 1,
    input: (f) => ({ fromClaimId: f.other2, toClaimId: f.other, kind: 'SUPPORTS', reason: 'unrelated' }),
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
  `mutation($input: ${action.inputType}!) { ${action.mutation}(input: $input) ${action.mutation === 'registerSource' ? '{ source { id } }' : '{ claim { id version } }'} }`;

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

  /** Claims of carol, with evidence, a counterpoint and a link; `owner` also proposes a claim of their own. */
  const fixture = async (owner: string | undefined): Promise<Fixture> => {
    const carol = tokens['carol']!;
    const propose = async (token: string, statement: string) =>
      (
        await ok<{ proposeClaim: { claim: { id: string } } }>(
          server.graphqlUrl,
          'mutation($input: ProposeClaimInput!) { proposeClaim(input: $input) { claim { id } } }',
          { input: { statement } },
          token,
        )
      ).proposeClaim.claim.id;
    const other = await propose(carol, 'A claim of carol');
    const other2 = await propose(carol, 'Another claim of carol');
    const parts: Fixture = { own: other, other, other2, evidence: '', counterpoint: '' };
    await ok(
      server.graphqlUrl,
      'mutation($input: LinkClaimsInput!) { linkClaims(input: $input) { claim { id } } }',
      { input: { fromClaimId: other2, toClaimId: other, kind: 'SUPPORTS' } },
      carol,
    );
    const attached = await ok<{ attachEvidence: { claim: { evidence: Array<{ id: string }> } } }>(
      server.graphqlUrl,
      'mutation($input: AttachEvidenceInput!) { attachEvidence(input: $input) { claim { evidence { id } } } }',
      {
        input: { claimId: other, stance: 'SUPPORTS', summary: 'Carol found this', citation: { title: 'T' } },
      },
      carol,
    );
    const raised = await ok<{ raiseCounterpoint: { claim: { counterpoints: Array<{ id: string }> } } }>(
      server.graphqlUrl,
      'mutation($input: RaiseCounterpointInput!) { raiseCounterpoint(input: $input) { claim { counterpoints { id } } } }',
      { input: { claimId: other, text: 'Carol doubts it' } },
      carol,
    );
    parts.evidence = attached.attachEvidence.claim.evidence[0]!.id;
    parts.counterpoint = raised.raiseCounterpoint.claim.counterpoints[0]!.id;
    if (owner) parts.own = await propose(tokens[owner]!, 'A claim of my own');
    return parts;
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
    const setup = expected === 'allowed' ? await fixture(name.includes('(own)') ? actor : undefined) : shared;
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
