import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startServer, type TestServer } from '../support/server.js';
import { noteSkippedPostgres, STORE_KINDS } from '../support/store-places.js';
import { client, createToken, mapLimit, sleep, type Client } from './support/e2e.js';

/**
 * Live audit entries over graphql-ws on /graphql, with the real `graphql-ws` client: filtered subscribers
 * get every matching event exactly once and in log order through a burst of 500 mutations, a subscriber
 * reads its own writes, and clients without a valid token get nothing.
 */

interface Entry {
  position: string;
  type: string;
  subjectId: string;
  version: number;
  data: Record<string, unknown>;
}

const SUBSCRIPTION = `subscription($subjectId: ID, $types: [String!]) {
  auditEvents(subjectId: $subjectId, types: $types) { position type subjectId version data }
}`;

interface Subscriber {
  readonly entries: Entry[];
  readonly errors: unknown[];
  readonly done: () => boolean;
  readonly dispose: () => void;
}

const subscribe = (
  ws: WsClient,
  variables: Record<string, unknown>,
  onEntry?: (entry: Entry) => void,
): Subscriber => {
  const entries: Entry[] = [];
  const errors: unknown[] = [];
  let done = false;
  const dispose = ws.subscribe<{ auditEvents: Entry }>(
    { query: SUBSCRIPTION, variables },
    {
      next: (value) => {
        if (value.errors?.length) errors.push(value.errors);
        if (value.data?.auditEvents) {
          entries.push(value.data.auditEvents);
          onEntry?.(value.data.auditEvents);
        }
      },
      error: (error) => {
        errors.push(error);
        done = true;
      },
      complete: () => {
        done = true;
      },
    },
  );
  return { entries, errors, done: () => done, dispose };
};

const waitUntil = async (condition: () => boolean, timeoutMs: number, what: string) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
};

/** Repeats `act` until `condition` holds (≤ 5 s): how a test learns that a subscription is live. */
const until = async (condition: () => boolean, act: () => Promise<unknown>) => {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('the subscription never delivered an event');
    await act();
    await sleep(50);
  }
};

const positions = (entries: readonly { position: string }[]) =>
  entries.map((entry) => BigInt(entry.position));
const strictlyIncreasing = (values: readonly bigint[]) =>
  values.every((value, index) => index === 0 || value > values[index - 1]!);

noteSkippedPostgres('auditEvents over graphql-ws');

/** On each event store: the embedded SQLite file, and PostgreSQL when a test server is set. */
describe.each(STORE_KINDS)('auditEvents over graphql-ws (%s event store)', (store) => {
  let server: TestServer;
  let alice: Client;
  let vera: Client;
  let veraToken: string;
  let wsUrl: string;
  const clients: WsClient[] = [];

  const wsClient = (
    connectionParams?: Record<string, unknown>,
    options: { webSocketImpl?: unknown } = {},
  ): WsClient => {
    const created = createClient({
      url: wsUrl,
      webSocketImpl: options.webSocketImpl ?? WebSocket,
      connectionParams,
      retryAttempts: 0,
      lazy: true,
    });
    clients.push(created);
    return created;
  };

  const propose = async (statement: string) =>
    (
      await alice.ok<{ proposeClaim: { claim: { id: string } } }>(
        'mutation($input: ProposeClaimInput!) { proposeClaim(input: $input) { claim { id } } }',
        { input: { statement } },
      )
    ).proposeClaim.claim.id;
  const attach = (claimId: string, summary: string) =>
    alice.ok('mutation($input: AttachEvidenceInput!) { attachEvidence(input: $input) { claim { id } } }', {
      input: { claimId, stance: 'SUPPORTS', summary, citation: { title: 'Burst source' } },
    });
  const counter = (claimId: string, text: string) =>
    alice.ok(
      'mutation($input: RaiseCounterpointInput!) { raiseCounterpoint(input: $input) { claim { id } } }',
      { input: { claimId, text } },
    );

  /** The audit trail, oldest first, of entries after `after` matching the filter. */
  const trail = async (filter: Record<string, unknown>, after: bigint): Promise<Entry[]> => {
    const all: Entry[] = [];
    let cursor: string | null = null;
    for (;;) {
      const page: { edges: Array<{ node: Entry }>; pageInfo: { hasNextPage: boolean; endCursor: string } } = (
        await vera.ok<{
          auditTrail: {
            edges: Array<{ node: Entry }>;
            pageInfo: { hasNextPage: boolean; endCursor: string };
          };
        }>(
          'query($filter: AuditFilter, $after: String) { auditTrail(filter: $filter, first: 200, after: $after) { edges { node { position type subjectId version } } pageInfo { hasNextPage endCursor } } }',
          { filter, after: cursor },
        )
      ).auditTrail;
      all.push(...page.edges.map((edge) => edge.node));
      if (!page.pageInfo.hasNextPage) break;
      cursor = page.pageInfo.endCursor;
    }
    return all.filter((entry) => BigInt(entry.position) > after).reverse();
  };

  beforeAll(async () => {
    server = await startServer({}, { store });
    wsUrl = server.graphqlUrl.replace(/^http/, 'ws');
    const [aliceToken, token] = await Promise.all([
      createToken(server, 'alice', 'ANALYST'),
      createToken(server, 'vera', 'VIEWER'),
    ]);
    veraToken = token;
    alice = client(server, aliceToken);
    vera = client(server, veraToken);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(clients.map((created) => created.dispose()));
    await server?.stop();
  });

  it('two filtered subscribers get every matching event of a 500-mutation burst exactly once, in log order', async () => {
    const claimA = await propose('Claim A of the burst');
    const claimB = await propose('Claim B of the burst');
    const ofA = subscribe(wsClient({ authorization: `Bearer ${veraToken}` }), { subjectId: claimA });
    const evidenceOnly = subscribe(wsClient({ authorization: `Bearer ${veraToken}` }), {
      types: ['EvidenceAttached'],
    });

    // Subscriptions have no acknowledgement: a first matching event proves each one is live.
    await until(
      () => ofA.entries.length > 0 && evidenceOnly.entries.length > 0,
      () => attach(claimA, 'Warm-up evidence'),
    );
    // From here on both are live: every later event must reach them.
    const base = [ofA.entries[0]!, evidenceOnly.entries[0]!]
      .map((entry) => BigInt(entry.position))
      .reduce((a, b) => (a > b ? a : b));

    const burst = Array.from({ length: 500 }, (_, index) => index);
    await mapLimit(burst, 20, async (index) => {
      const claimId = index % 2 === 0 ? claimA : claimB;
      if (index % 3 === 0) await counter(claimId, `Burst counterpoint ${index}`);
      else await attach(claimId, `Burst evidence ${index}`);
    });

    const expectedA = await trail({ subjectId: claimA }, base);
    const expectedEvidence = await trail({ types: ['EvidenceAttached'] }, base);
    const received = (subscriber: Subscriber) =>
      subscriber.entries.filter((entry) => BigInt(entry.position) > base);
    expect(expectedA.length).toBeGreaterThanOrEqual(250);
    expect(expectedEvidence.length).toBeGreaterThanOrEqual(333);
    await waitUntil(
      () =>
        received(ofA).length >= expectedA.length && received(evidenceOnly).length >= expectedEvidence.length,
      15_000,
      'all events',
    );
    await sleep(300); // nothing more may arrive

    expect(ofA.errors).toEqual([]);
    expect(evidenceOnly.errors).toEqual([]);
    expect(strictlyIncreasing(positions(ofA.entries))).toBe(true);
    expect(strictlyIncreasing(positions(evidenceOnly.entries))).toBe(true);
    expect(received(ofA).map((entry) => [entry.position, entry.type, entry.version])).toEqual(
      expectedA.map((entry) => [entry.position, entry.type, entry.version]),
    );
    expect(received(evidenceOnly).map((entry) => [entry.position, entry.subjectId])).toEqual(
      expectedEvidence.map((entry) => [entry.position, entry.subjectId]),
    );
    expect(ofA.entries.every((entry) => entry.subjectId === claimA)).toBe(true);
    expect(evidenceOnly.entries.every((entry) => entry.type === 'EvidenceAttached')).toBe(true);
    // Both claims' evidence reached the type subscriber; versions of A's stream have no gaps.
    expect(new Set(evidenceOnly.entries.map((entry) => entry.subjectId))).toEqual(new Set([claimA, claimB]));
    const versions = ofA.entries.map((entry) => entry.version);
    expect(versions).toEqual(Array.from({ length: versions.length }, (_, index) => versions[0]! + index));
    ofA.dispose();
    evidenceOnly.dispose();
  }, 60_000);

  it('a subscriber that queries on receipt sees the change (read-your-writes)', async () => {
    const claimId = await propose('A claim watched live');
    const checks: Array<Promise<boolean>> = [];
    const watcher = subscribe(
      wsClient({ authorization: `Bearer ${veraToken}` }),
      { subjectId: claimId, types: ['CounterpointRaised', 'EvidenceAttached'] },
      (entry) => {
        checks.push(
          vera
            .ok<{
              claim: {
                version: number;
                evidence: Array<{ id: string }>;
                counterpoints: Array<{ id: string }>;
              };
            }>('query($id: ID!) { claim(id: $id) { version evidence { id } counterpoints { id } } }', {
              id: claimId,
            })
            .then(({ claim }) => {
              const id = (entry.data['counterpointId'] ?? entry.data['evidenceId']) as string;
              return (
                claim.version >= entry.version &&
                [...claim.evidence, ...claim.counterpoints].some((item) => item.id === id)
              );
            }),
        );
      },
    );
    // Prove the subscription is live, then make changes while it listens.
    await until(
      () => watcher.entries.length > 0,
      () => counter(claimId, 'An early objection'),
    );
    const early = watcher.entries.length;
    await mapLimit(
      Array.from({ length: 40 }, (_, index) => index),
      8,
      (index) =>
        index % 2 === 0 ? counter(claimId, `Objection ${index}`) : attach(claimId, `Evidence ${index}`),
    );
    await waitUntil(() => watcher.entries.length >= early + 40, 10_000, '40 more events');
    await sleep(100);
    expect(watcher.errors).toEqual([]);
    const results = await Promise.all(checks);
    expect(results.length).toBe(watcher.entries.length);
    expect(results.every(Boolean)).toBe(true);
    expect(
      watcher.entries.every((entry) => ['CounterpointRaised', 'EvidenceAttached'].includes(entry.type)),
    ).toBe(true);
    watcher.dispose();
  }, 30_000);

  it('authenticates from the upgrade request’s Authorization header too', async () => {
    const token = veraToken;
    class HeaderSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers: { authorization: `Bearer ${token}` } });
      }
    }
    const claimId = await propose('A claim watched through a header');
    const watcher = subscribe(wsClient(undefined, { webSocketImpl: HeaderSocket }), { subjectId: claimId });
    await until(
      () => watcher.entries.length > 0 || watcher.done(),
      () => attach(claimId, 'Evidence seen through a header'),
    );
    expect(watcher.errors).toEqual([]);
    expect(watcher.entries.length).toBeGreaterThan(0);
    expect(watcher.entries[0]).toMatchObject({ subjectId: claimId, type: 'EvidenceAttached' });
    watcher.dispose();
  }, 15_000);

  it('a client with a bad token is refused and receives nothing', async () => {
    const claimId = await propose('A claim nobody unauthorised may watch');
    for (const authorization of [
      'Bearer ct_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      'Basic YWxpY2U6c2VjcmV0',
      'Bearer not-a-token',
    ]) {
      let closed = false;
      const refused = createClient({
        url: wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: { authorization },
        retryAttempts: 0,
        on: { closed: () => (closed = true) },
      });
      clients.push(refused);
      const watcher = subscribe(refused, { subjectId: claimId });
      await waitUntil(() => watcher.done(), 5000, 'the refusal');
      await attach(claimId, 'Evidence nobody unauthorised may see');
      await sleep(200);
      expect(watcher.errors.length).toBeGreaterThan(0);
      expect(closed).toBe(true);
      expect(watcher.entries).toEqual([]);
    }
  }, 30_000);

  it('a client with no token gets UNAUTHENTICATED for the subscription and no events', async () => {
    const claimId = await propose('A claim anonymous clients may not watch');
    const watcher = subscribe(wsClient(undefined), { subjectId: claimId });
    await waitUntil(() => watcher.done(), 5000, 'the subscription error');
    await attach(claimId, 'Evidence anonymous clients may not see');
    await sleep(200);
    expect(watcher.entries).toEqual([]);
    expect(watcher.errors).toHaveLength(1);
    const errors = watcher.errors[0] as Array<{ message: string; extensions?: { code?: string } }>;
    expect(Array.isArray(errors)).toBe(true);
    expect(errors[0]!.message).toMatch(/token/);
    expect(JSON.stringify(errors)).not.toMatch(/\.ts:\d+|\.js:\d+|node_modules/);
    // docs/architecture.md §6: errors carry extensions.code.
    expect(errors[0]!.extensions?.code).toBe('UNAUTHENTICATED');
  }, 15_000);
});
