import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { startServer, type TestServer } from '../support/server.js';
import { client, codeOf, createToken, mapLimit, sleep, type Client } from './support/e2e.js';

/**
 * 1,000 claims made over HTTP by three actors, then paged, ordered and filtered. Every expectation is
 * computed from what the test itself created, so each filter must return exactly the expected set.
 */

const N = 1000;
const OP_ED = readFileSync('test/fixtures/op-ed.txt', 'utf8');

interface Made {
  readonly index: number;
  readonly id: string;
  /** The log position of its ClaimProposed event: the read model's tie-breaker. */
  readonly seq: bigint;
  readonly actor: string;
  readonly tags: readonly string[];
  readonly statement: string;
}

interface Row {
  id: string;
  statement: string;
  createdAt: string;
  updatedAt: string;
}

interface Page {
  totalCount: number;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  edges: Array<{ cursor: string; node: Row }>;
}

const CLAIMS = `query($first: Int, $after: String, $filter: ClaimFilter, $orderBy: ClaimOrder) {
  claims(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id statement createdAt updatedAt } }
  }
}`;

const tagsFor = (index: number): string[] => [
  'batch',
  ...(index % 2 === 0 ? ['even'] : []),
  ...(index % 5 === 0 ? ['five'] : []),
  ...(index % 7 === 0 ? ['seven'] : []),
];

// A permutation of the indexes, so statement order differs from creation order; 'aardvark' in every 25th.
const statementFor = (index: number): string =>
  `S${String((index * 7919) % N).padStart(4, '0')} ${index % 25 === 0 ? 'aardvark' : 'plain'} claim number ${index}`;

const ids = (rows: readonly { id: string }[]) => rows.map((row) => row.id);
const sorted = (values: Iterable<string>) => [...values].sort();

describe('claims: pagination, ordering and every filter over 1,000 claims', () => {
  let server: TestServer;
  let admin: Client;
  let made: Made[];
  const byIndex = (predicate: (index: number) => boolean) =>
    made.filter((claim) => predicate(claim.index)).map((claim) => claim.id);
  let sourceId: string;
  /** Between the creation of all claims and the later mutations. */
  let midpoint: string;
  const updatedLater = new Set<string>();

  const page = async (variables: Record<string, unknown>): Promise<Page> =>
    (await admin.ok<{ claims: Page }>(CLAIMS, variables)).claims;

  /** Every row of a listing, paged at 500, checking the connection's invariants along the way. */
  const all = async (variables: Record<string, unknown> = {}, first = 500): Promise<Row[]> => {
    const rows: Row[] = [];
    let after: string | null = null;
    for (let pages = 0; ; pages++) {
      const current: Page = await page({ ...variables, first, after });
      rows.push(...current.edges.map((edge) => edge.node));
      expect(current.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!current.pageInfo.hasNextPage) {
        expect(rows).toHaveLength(current.totalCount);
        return rows;
      }
      expect(current.edges).toHaveLength(first);
      after = current.pageInfo.endCursor;
      if (pages > N) throw new Error('pagination does not end');
    }
  };
  const allIds = async (filter: Record<string, unknown>) => sorted(ids(await all({ filter })));

  beforeAll(async () => {
    server = await startServer();
    admin = client(server, server.adminToken);
    const [aliceToken, bobToken] = await Promise.all([
      createToken(server, 'alice', 'ANALYST'),
      createToken(server, 'bob', 'ANALYST'),
    ]);
    const actors: Array<[string, Client]> = [
      ['admin', admin],
      ['alice', client(server, aliceToken)],
      ['bob', client(server, bobToken)],
    ];

    sourceId = (
      await admin.ok<{ registerSource: { source: { id: string } } }>(
        'mutation($input: RegisterSourceInput!) { registerSource(input: $input) { source { id } } }',
        { input: { title: 'The op-ed', text: OP_ED } },
      )
    ).registerSource.source.id;

    // 1,000 proposals, 50 in flight at a time.
    made = await mapLimit(
      Array.from({ length: N }, (_, index) => index),
      50,
      async (index) => {
        const [actor, api] = actors[index % 3]!;
        const input: Record<string, unknown> = { statement: statementFor(index), tags: tagsFor(index) };
        if (index % 40 === 0) Object.assign(input, { sourceId, quote: { exact: 'geopolitical object' } });
        const data = await api.ok<{
          proposeClaim: {
            claim: { id: string; createdBy: { id: string } };
            events: Array<{ position: string }>;
          };
        }>(
          'mutation($input: ProposeClaimInput!) { proposeClaim(input: $input) { claim { id createdBy { id } } events { position } } }',
          { input },
        );
        expect(data.proposeClaim.claim.createdBy.id).toBe(actor);
        return {
          index,
          id: data.proposeClaim.claim.id,
          seq: BigInt(data.proposeClaim.events[0]!.position),
          actor,
          tags: tagsFor(index),
          statement: statementFor(index),
        };
      },
    );

    await sleep(30);
    midpoint = new Date().toISOString();
    await sleep(30);

    // Later changes on some claims, 20 in flight at a time.
    const at = (remainder: number) => made.filter((claim) => claim.index % 100 === remainder);
    const run = (name: string, input: Record<string, unknown>) =>
      admin.ok(
        `mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { claim { id } } }`,
        { input },
      );
    const later: Array<() => Promise<unknown>> = [];
    for (const claim of at(1))
      later.push(() =>
        run('raiseCounterpoint', { claimId: claim.id, text: `A quokka objection to claim ${claim.index}` }),
      );
    for (const claim of at(2)) {
      later.push(() =>
        run('assessClaim', {
          claimId: claim.id,
          verdict: claim.index % 200 === 2 ? 'ACCURATE' : 'MISLEADING',
          confidence: 0.5,
          rationale: 'checked against the record',
        }),
      );
    }
    for (const claim of at(3))
      later.push(() => run('retractClaim', { claimId: claim.id, reason: 'withdrawn by the desk' }));
    for (const attacker of at(4)) {
      const target = made[attacker.index + 1]!;
      later.push(() =>
        run('linkClaims', { fromClaimId: attacker.id, toClaimId: target.id, kind: 'ATTACKS' }),
      );
    }
    for (const one of at(6)) {
      const other = made[one.index + 1]!;
      later.push(() => run('linkClaims', { fromClaimId: one.id, toClaimId: other.id, kind: 'ATTACKS' }));
      later.push(() => run('linkClaims', { fromClaimId: other.id, toClaimId: one.id, kind: 'ATTACKS' }));
    }
    for (const claim of at(10)) {
      later.push(() =>
        run('attachEvidence', {
          claimId: claim.id,
          stance: 'SUPPORTS',
          summary: `A zebrafish study backs claim ${claim.index}`,
          citation: { title: 'Study' },
        }),
      );
    }
    for (const claim of at(20)) later.push(() => run('tagClaim', { claimId: claim.id, add: ['late'] }));
    await mapLimit(later, 20, (task) => task());
    for (const remainder of [1, 2, 3, 4, 6, 7, 10, 20])
      for (const claim of at(remainder)) updatedLater.add(claim.id);

    // Withdrawn evidence leaves the search index: claim 10 must no longer match 'zebrafish'.
    const ten = made[10]!;
    const evidence = await admin.ok<{ claim: { evidence: Array<{ id: string }> } }>(
      'query($id: ID!) { claim(id: $id) { evidence { id } } }',
      { id: ten.id },
    );
    await run('withdrawEvidence', {
      claimId: ten.id,
      evidenceId: evidence.claim.evidence[0]!.id,
      reason: 'the study was retracted',
    });
  }, 120_000);
  afterAll(() => server?.stop());

  it('pages through all 1,000 claims 137 at a time: no gaps, no repeats, stable order, hasNextPage false at the end', async () => {
    const walk = async () => {
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const current: Page = await page({ first: 137, after });
        pages++;
        expect(current.totalCount).toBe(N);
        expect(current.pageInfo.hasPreviousPage).toBe(after !== null);
        expect(current.pageInfo.startCursor).toBe(current.edges[0]?.cursor ?? null);
        expect(current.pageInfo.endCursor).toBe(current.edges.at(-1)?.cursor ?? null);
        seen.push(...ids(current.edges.map((edge) => edge.node)));
        if (!current.pageInfo.hasNextPage) {
          expect(current.edges).toHaveLength(N - 137 * 7);
          break;
        }
        expect(current.edges).toHaveLength(137);
        after = current.pageInfo.endCursor;
      }
      expect(pages).toBe(8);
      return seen;
    };
    const first = await walk();
    expect(new Set(first).size).toBe(N);
    expect(sorted(first)).toEqual(sorted(ids(made)));
    expect(await walk()).toEqual(first);
    // Default order: newest first, ties broken by log position.
    const expected = [...made].sort((a, b) => (a.seq < b.seq ? 1 : -1));
    const rows = await all();
    const createdAt = new Map(rows.map((row) => [row.id, row.createdAt]));
    expected.sort(
      (a, b) => createdAt.get(b.id)!.localeCompare(createdAt.get(a.id)!) || (a.seq < b.seq ? 1 : -1),
    );
    expect(first).toEqual(ids(expected));
  });

  it.each([
    ['CREATED_AT', 'ASC'],
    ['CREATED_AT', 'DESC'],
    ['UPDATED_AT', 'ASC'],
    ['UPDATED_AT', 'DESC'],
    ['STATEMENT', 'ASC'],
    ['STATEMENT', 'DESC'],
  ] as const)(
    'orders by %s %s, across pages, with the log position as tie-breaker',
    async (field, direction) => {
      const rows = await all({ orderBy: { field, direction } }, 300);
      expect(rows).toHaveLength(N);
      const seq = new Map(made.map((claim) => [claim.id, claim.seq]));
      const key = (row: Row) =>
        field === 'CREATED_AT' ? row.createdAt : field === 'UPDATED_AT' ? row.updatedAt : row.statement;
      const sign = direction === 'ASC' ? 1 : -1;
      const compare = (a: Row, b: Row) => {
        const ka = field === 'STATEMENT' ? key(a) : Date.parse(key(a));
        const kb = field === 'STATEMENT' ? key(b) : Date.parse(key(b));
        if (ka !== kb) return (ka < kb ? -1 : 1) * sign;
        return (seq.get(a.id)! < seq.get(b.id)! ? -1 : 1) * sign;
      };
      expect(ids(rows)).toEqual(ids([...rows].sort(compare)));
      if (field === 'STATEMENT') {
        const statements = made.map((claim) => claim.statement).sort();
        expect(rows.map((row) => row.statement)).toEqual(
          direction === 'ASC' ? statements : statements.reverse(),
        );
      }
      if (field === 'UPDATED_AT') {
        const edge = direction === 'DESC' ? rows.slice(0, updatedLater.size) : rows.slice(-updatedLater.size);
        expect(sorted(ids(edge))).toEqual(sorted(updatedLater));
      }
    },
  );

  it('orderBy without a direction is DESC', async () => {
    const implicit = await page({ first: 50, orderBy: { field: 'STATEMENT' } });
    const explicit = await page({ first: 50, orderBy: { field: 'STATEMENT', direction: 'DESC' } });
    expect(ids(implicit.edges.map((edge) => edge.node))).toEqual(
      ids(explicit.edges.map((edge) => edge.node)),
    );
    expect(implicit.edges[0]!.node.statement > implicit.edges[1]!.node.statement).toBe(true);
  });

  it('caps first at 500 and rejects a negative first or a malformed cursor', async () => {
    const big = await page({ first: 600 });
    expect(big.edges).toHaveLength(500);
    expect(big.pageInfo.hasNextPage).toBe(true);
    expect(big.totalCount).toBe(N);

    const none = await page({ first: 0 });
    expect(none.edges).toEqual([]);
    expect(none.totalCount).toBe(N);

    const negative = await admin(CLAIMS, { first: -1 });
    expect(codeOf(negative)).toBe('BAD_USER_INPUT');
    expect(negative.errors![0]!.extensions!['field']).toBe('first');
    expect(negative.data ?? null).toBeNull();

    const auditCursor = (
      await admin.ok<{ auditTrail: { pageInfo: { endCursor: string } } }>(
        '{ auditTrail(first: 1) { pageInfo { endCursor } } }',
      )
    ).auditTrail.pageInfo.endCursor;
    for (const after of [
      'not a cursor',
      '!!!',
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from('[1,2,3]').toString('base64url'),
      auditCursor,
      '',
    ]) {
      const malformed = await admin(CLAIMS, { first: 5, after });
      if (after === '') {
        // An empty cursor is no cursor issued by the API either.
        expect(codeOf(malformed)).toBe('BAD_USER_INPUT');
        continue;
      }
      expect(codeOf(malformed)).toBe('BAD_USER_INPUT');
      expect(malformed.errors![0]!.extensions!['field']).toBe('after');
    }
  });

  it('filters by status', async () => {
    expect(await allIds({ status: ['CONTESTED'] })).toEqual(sorted(byIndex((i) => i % 100 === 1)));
    expect(await allIds({ status: ['ASSESSED'] })).toEqual(sorted(byIndex((i) => i % 100 === 2)));
    expect(await allIds({ status: ['RETRACTED'] })).toEqual(sorted(byIndex((i) => i % 100 === 3)));
    expect(await allIds({ status: ['CONTESTED', 'RETRACTED'] })).toEqual(
      sorted(byIndex((i) => i % 100 === 1 || i % 100 === 3)),
    );
    expect(await allIds({ status: ['OPEN'] })).toEqual(sorted(byIndex((i) => ![1, 2, 3].includes(i % 100))));
  });

  it('filters by tags, requiring all of them', async () => {
    expect(await allIds({ tags: ['five'] })).toEqual(sorted(byIndex((i) => i % 5 === 0)));
    expect(await allIds({ tags: ['even', 'five'] })).toEqual(sorted(byIndex((i) => i % 10 === 0)));
    expect(await allIds({ tags: ['even', 'five', 'seven'] })).toEqual(sorted(byIndex((i) => i % 70 === 0)));
    expect(await allIds({ tags: ['late'] })).toEqual(sorted(byIndex((i) => i % 100 === 20)));
    expect(await allIds({ tags: ['batch'] })).toHaveLength(N);
    expect(await allIds({ tags: ['no-such-tag'] })).toEqual([]);
    expect(await allIds({ tags: [] })).toHaveLength(N);
  });

  it('filters by source and createdBy', async () => {
    expect(await allIds({ sourceId })).toEqual(sorted(byIndex((i) => i % 40 === 0)));
    expect(await allIds({ createdBy: 'alice' })).toEqual(
      sorted(made.filter((claim) => claim.actor === 'alice').map((claim) => claim.id)),
    );
    expect(await allIds({ createdBy: 'alice' })).toHaveLength(333);
    expect(await allIds({ createdBy: 'nobody' })).toEqual([]);
    expect(await allIds({ createdBy: 'bob', tags: ['seven'] })).toEqual(
      sorted(byIndex((i) => i % 3 === 2 && i % 7 === 0)),
    );
  });

  it('filters by acceptability under grounded semantics', async () => {
    const live = ['OPEN', 'CONTESTED', 'ASSESSED'];
    // Defeated by an open counterpoint (…01) or by an IN attacker (…05).
    expect(await allIds({ acceptability: ['OUT'], status: live })).toEqual(
      sorted(byIndex((i) => i % 100 === 1 || i % 100 === 5)),
    );
    // Mutual attacks (…06 ⇄ …07) leave both undecided.
    expect(await allIds({ acceptability: ['UNDECIDED'] })).toEqual(
      sorted(byIndex((i) => i % 100 === 6 || i % 100 === 7)),
    );
    expect(await allIds({ acceptability: ['IN'], status: live })).toEqual(
      sorted(byIndex((i) => ![1, 3, 5, 6, 7].includes(i % 100))),
    );
    expect(await allIds({ acceptability: ['OUT', 'UNDECIDED'], status: live })).toEqual(
      sorted(byIndex((i) => [1, 5, 6, 7].includes(i % 100))),
    );
  });

  it('filters by verdict', async () => {
    expect(await allIds({ verdict: ['ACCURATE'] })).toEqual(sorted(byIndex((i) => i % 200 === 2)));
    expect(await allIds({ verdict: ['MISLEADING'] })).toEqual(sorted(byIndex((i) => i % 200 === 102)));
    expect(await allIds({ verdict: ['ACCURATE', 'MISLEADING'] })).toEqual(
      sorted(byIndex((i) => i % 100 === 2)),
    );
    expect(await allIds({ verdict: ['OPINION'] })).toEqual([]);
  });

  it('filters by updatedAfter and updatedBefore', async () => {
    expect(await allIds({ updatedAfter: midpoint })).toEqual(sorted(updatedLater));
    expect(await allIds({ updatedBefore: midpoint })).toEqual(
      sorted(made.filter((claim) => !updatedLater.has(claim.id)).map((claim) => claim.id)),
    );
    // The same instant written with a +03:00 offset.
    const plusThree = `${new Date(Date.parse(midpoint) + 3 * 3600_000).toISOString().slice(0, 23)}+03:00`;
    expect(Date.parse(plusThree)).toBe(Date.parse(midpoint));
    expect(await allIds({ updatedAfter: plusThree })).toEqual(sorted(updatedLater));
    expect(await allIds({ updatedAfter: midpoint, updatedBefore: midpoint })).toEqual([]);
    expect(await allIds({ updatedAfter: midpoint, status: ['RETRACTED'] })).toEqual(
      sorted(byIndex((i) => i % 100 === 3)),
    );
  });

  it('searches statements, evidence summaries and counterpoint texts by their words', async () => {
    expect(await allIds({ search: 'aardvark' })).toEqual(sorted(byIndex((i) => i % 25 === 0)));
    expect(await allIds({ search: 'quokka' })).toEqual(sorted(byIndex((i) => i % 100 === 1)));
    // Withdrawn evidence (claim 10's) is no longer searchable.
    expect(await allIds({ search: 'zebrafish' })).toEqual(sorted(byIndex((i) => i % 100 === 10 && i !== 10)));
    // Every word must match, in one text; quotes and AND are only punctuation and a word here.
    expect(await allIds({ search: '"claim number 7"' })).toEqual(sorted(byIndex((i) => i === 7)));
    expect(await allIds({ search: 'Zebrafish study, claim 110.' })).toEqual(
      sorted(byIndex((i) => i === 110)),
    );
    expect(await allIds({ search: 'aardvark quokka' })).toEqual([]);
    // An unfinished last word is also the start of longer words; a finished one (space after) is not.
    expect(await allIds({ search: 'zebraf' })).toEqual(sorted(byIndex((i) => i % 100 === 10 && i !== 10)));
    expect(await allIds({ search: 'zebraf ' })).toEqual([]);
    expect(await allIds({ search: 'aardvark', tags: ['even'] })).toEqual(
      sorted(byIndex((i) => i % 50 === 0)),
    );
    expect(await allIds({ search: 'nothingmatchesthis' })).toEqual([]);
  });

  it('ranks a search best match first and pages it without losing or repeating a claim', async () => {
    const PAGE = `query($after: String) {
      claims(first: 7, after: $after, filter: { search: "aardvark" }) {
        pageInfo { hasNextPage endCursor }
        edges { node { id } match { field itemId score snippet highlights { text matched } } }
      }
    }`;
    interface Edge {
      node: { id: string };
      match: {
        field: string;
        itemId: string;
        score: number;
        snippet: string;
        highlights: Array<{ text: string; matched: boolean }>;
      };
    }
    const edges: Edge[] = [];
    let after: string | null = null;
    interface Answer {
      claims: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Edge[] };
    }
    for (;;) {
      const { claims }: Answer = await admin.ok<Answer>(PAGE, { after });
      edges.push(...claims.edges);
      if (!claims.pageInfo.hasNextPage) break;
      after = claims.pageInfo.endCursor;
    }
    expect(sorted(edges.map((edge) => edge.node.id))).toEqual(sorted(byIndex((i) => i % 25 === 0)));
    const scores = edges.map((edge) => edge.match.score);
    expect(scores.every((score) => score > 0)).toBe(true);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const statements = new Map(made.map((claim) => [claim.id, claim.statement]));
    for (const edge of edges) {
      expect(edge.match.field).toBe('STATEMENT');
      expect(edge.match.itemId).toBe(edge.node.id);
      expect(edge.match.highlights.filter((part) => part.matched).map((part) => part.text)).toEqual([
        'aardvark',
      ]);
      expect(edge.match.snippet).toBe(statements.get(edge.node.id));
    }
  });

  it('answers a search matching more texts than it ranks newest match first, every claim once', async () => {
    // "claim" is in all 1,000 statements, the quokka counterpoints and the zebrafish evidence.
    const rows = await all({ filter: { search: 'claim' } }, 97);
    expect(sorted(ids(rows))).toEqual(sorted(byIndex(() => true)));
    const first = await admin.ok<{ claims: { edges: Array<{ match: { score: number | null } }> } }>(
      '{ claims(first: 2, filter: { search: "claim" }) { edges { match { score } } } }',
    );
    expect(first.claims.edges.map((edge) => edge.match.score)).toEqual([null, null]);
  });

  it('keeps FTS5 syntax for searchMode ADVANCED', async () => {
    const advanced = (search: string, extra: Record<string, unknown> = {}) =>
      allIds({ search, searchMode: 'ADVANCED', ...extra });
    expect(await advanced('aardvark OR quokka')).toEqual(
      sorted(byIndex((i) => i % 25 === 0 || i % 100 === 1)),
    );
    expect(await advanced('aardvark AND number')).toEqual(sorted(byIndex((i) => i % 25 === 0)));
    expect(await advanced('"claim number 7"')).toEqual(sorted(byIndex((i) => i === 7)));
    expect(await advanced('zebra*')).toEqual(sorted(byIndex((i) => i % 100 === 10 && i !== 10)));
    expect(await advanced('counterpoint: quokka')).toEqual(sorted(byIndex((i) => i % 100 === 1)));
    expect(await advanced('statement: quokka')).toEqual([]);
    // An explicit order sorts the matches by its column instead of ranking them.
    const byStatement = await all(
      { filter: { search: 'aardvark' }, orderBy: { field: 'STATEMENT', direction: 'ASC' } },
      7,
    );
    expect(byStatement.map((row) => row.statement)).toEqual(
      made
        .filter((claim) => claim.index % 25 === 0)
        .map((claim) => claim.statement)
        .sort(),
    );
  });

  it.each([
    ['"unbalanced', 'ADVANCED'],
    ['AND OR', 'ADVANCED'],
    ['(aardvark', 'ADVANCED'],
    ['nosuchcolumn:aardvark', 'ADVANCED'],
    ['*', 'ADVANCED'],
    ['aardvark NEAR(', 'ADVANCED'],
    ['   ', 'ADVANCED'],
    ['   ', 'WORDS'],
    ['*', 'WORDS'],
    ['— %', 'WORDS'],
  ])(
    'a malformed search %j (%s) is BAD_USER_INPUT on filter.search, not INTERNAL',
    async (search, searchMode) => {
      const response = await admin(CLAIMS, { first: 5, filter: { search, searchMode } });
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(response.errors![0]!.extensions!['field']).toBe('filter.search');
      expect(response.data ?? null).toBeNull();
      expect(JSON.stringify(response)).not.toMatch(/\.ts:\d+|\.js:\d+|node_modules/);
    },
  );

  it.each([
    're-establish',
    "Moscow's",
    'U.S.',
    'e.g.',
    '49%',
    'cities, lanes',
    '-a',
    'NOT',
    '"unbalanced',
    'AND OR',
    '(aardvark',
    'nosuchcolumn:aardvark',
    'aardvark NEAR(',
  ])('what a person types, %j, searches without an error', async (search) => {
    const response = await admin(CLAIMS, { first: 5, filter: { search } });
    expect(response.errors).toBeUndefined();
  });

  it('RELEVANCE without a search is BAD_USER_INPUT on orderBy.field', async () => {
    const response = await admin(CLAIMS, { first: 5, orderBy: { field: 'RELEVANCE' } });
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.extensions!['field']).toBe('orderBy.field');
  });

  it('pages sources oldest first, and lists a source’s claims', async () => {
    const titles = Array.from({ length: 6 }, (_, index) => `Extra source ${index}`);
    for (const title of titles) {
      await admin.ok(
        'mutation($input: RegisterSourceInput!) { registerSource(input: $input) { source { id } } }',
        { input: { title } },
      );
    }
    const query = `query($first: Int, $after: String) { sources(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id title } } } }`;
    type Sources = {
      sources: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string };
        edges: Array<{ node: { id: string; title: string } }>;
      };
    };
    const seen: string[] = [];
    let after: string | null = null;
    const sizes: number[] = [];
    for (;;) {
      const current: Sources['sources'] = (await admin.ok<Sources>(query, { first: 3, after })).sources;
      expect(current.totalCount).toBe(7);
      expect(current.pageInfo.hasPreviousPage).toBe(after !== null);
      sizes.push(current.edges.length);
      seen.push(...current.edges.map((edge) => edge.node.title));
      if (!current.pageInfo.hasNextPage) break;
      after = current.pageInfo.endCursor;
    }
    expect(sizes).toEqual([3, 3, 1]);
    expect(seen).toEqual(['The op-ed', ...titles]);
    expect(codeOf(await admin(query, { first: 2, after: 'garbage' }))).toBe('BAD_USER_INPUT');

    const claimsOf = `query($id: ID!, $first: Int, $after: String) { source(id: $id) { claims(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id anchor { quote { exact } source { id } } } } } } }`;
    type SourceClaims = {
      source: {
        claims: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string };
          edges: Array<{
            node: { id: string; anchor: { quote: { exact: string }; source: { id: string } } };
          }>;
        };
      };
    };
    const firstPage = (await admin.ok<SourceClaims>(claimsOf, { id: sourceId, first: 10 })).source.claims;
    expect(firstPage.totalCount).toBe(25);
    expect(firstPage.pageInfo.hasNextPage).toBe(true);
    const rest = (
      await admin.ok<SourceClaims>(claimsOf, {
        id: sourceId,
        first: 100,
        after: firstPage.pageInfo.endCursor,
      })
    ).source.claims;
    const listed = [...firstPage.edges, ...rest.edges].map((edge) => edge.node);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    // Oldest first, ties broken by log position.
    const createdAt = new Map((await all()).map((row) => [row.id, Date.parse(row.createdAt)]));
    const expected = made
      .filter((claim) => claim.index % 40 === 0)
      .sort((a, b) => createdAt.get(a.id)! - createdAt.get(b.id)! || (a.seq < b.seq ? -1 : 1));
    expect(ids(listed)).toEqual(ids(expected));
    expect(
      listed.every(
        (node) => node.anchor.quote.exact === 'geopolitical object' && node.anchor.source.id === sourceId,
      ),
    ).toBe(true);
  });
});
