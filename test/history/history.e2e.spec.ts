import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startServer, type TestServer } from '../support/server.js';
import { noteSkippedPostgres, STORE_KINDS } from '../support/store-places.js';
import { client, codeOf, sleep, type Client } from '../e2e/support/e2e.js';

/**
 * Time travel and the audit trail over real HTTP against the real server (dist/main.js): a small debate is
 * argued through GraphQL mutations, with the client noting the time between steps, and then seen as it
 * stood at each version and time.
 */

const CLAIM_FIELDS = `id statement status version acceptability defeatedBy tags updatedAt
  evidence(includeWithdrawn: true) { id withdrawn withdrawnReason }
  counterpoints { id state response }
  relations { kind rationale from { id statement version } to { id statement acceptability } }`;

interface SeenClaim {
  id: string;
  statement: string;
  status: string;
  version: number;
  acceptability: string;
  defeatedBy: string[];
  tags: string[];
  updatedAt: string;
  evidence: Array<{ id: string; withdrawn: boolean; withdrawnReason: string | null }>;
  counterpoints: Array<{ id: string; state: string; response: string | null }>;
  relations: Array<{
    kind: string;
    rationale: string | null;
    from: { id: string; statement: string; version: number };
    to: { id: string; statement: string; acceptability: string };
  }>;
}

interface Entry {
  position: string;
  type: string;
  version: number;
  subjectId: string;
  actor: { id: string };
  occurredAt: string;
}

const ENTRY = 'position type version subjectId actor { id } occurredAt';

noteSkippedPostgres('history as a feature (e2e over HTTP)');

/** On each event store: the embedded SQLite file, and PostgreSQL when a test server is set. */
describe.each(STORE_KINDS)('history as a feature (e2e over HTTP) (%s event store)', (store) => {
  let server: TestServer;
  let admin: Client;
  let target: string;
  let attacker: string;
  let evidenceId: string;
  let counterpointId: string;
  /** Times noted by the client between steps; the server's clock is the same machine's. */
  const times: Record<string, string> = {};

  const note = async (name: string) => {
    await sleep(15);
    times[name] = new Date().toISOString();
    await sleep(15);
  };

  const mutate = async <T>(name: string, input: Record<string, unknown>, select: string): Promise<T> =>
    (
      await admin.ok<Record<string, T>>(
        `mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { ${select} } }`,
        { input },
      )
    )[name]!;

  const claimAt = async (id: string, moment: { asOf?: string; atVersion?: number }) =>
    (
      await admin.ok<{ claim: SeenClaim | null }>(
        `query($id: ID!, $asOf: DateTime, $atVersion: Int) { claim(id: $id, asOf: $asOf, atVersion: $atVersion) { ${CLAIM_FIELDS} } }`,
        { id, ...moment },
      )
    ).claim;

  beforeAll(async () => {
    server = await startServer({}, { store });
    admin = client(server, server.adminToken);
    await note('beforeAll');
    target = (
      await mutate<{ claim: { id: string } }>(
        'proposeClaim',
        { statement: 'Central Asia moved from object to subject', tags: ['summit'] },
        'claim { id }',
      )
    ).claim.id;
    await note('proposed');
    await mutate(
      'reviseClaim',
      {
        claimId: target,
        statement: 'Central Asia became a geopolitical subject',
        reason: 'Closer to the op-ed',
      },
      'claim { id }',
    );
    evidenceId = (
      await mutate<{ claim: { evidence: Array<{ id: string }> } }>(
        'attachEvidence',
        {
          claimId: target,
          stance: 'SUPPORTS',
          summary: 'The column’s reading of the final communique',
          citation: { title: "Central Asia-Russia Summit: Moscow's quest for repositioning" },
        },
        'claim { evidence { id } }',
      )
    ).claim.evidence[0]!.id;
    await note('evidenceAttached');
    await mutate(
      'withdrawEvidence',
      { claimId: target, evidenceId, reason: 'Superseded by a better citation' },
      'claim { id }',
    );
    attacker = (
      await mutate<{ claim: { id: string } }>(
        'proposeClaim',
        { statement: 'Moscow still sets the region’s security agenda' },
        'claim { id }',
      )
    ).claim.id;
    await note('attackerProposed');
    await mutate(
      'linkClaims',
      { fromClaimId: attacker, toClaimId: target, kind: 'ATTACKS', rationale: 'Military dependence' },
      'claim { id }',
    );
    await note('linked');
    await mutate(
      'reviseClaim',
      {
        claimId: attacker,
        statement: 'Moscow still sets the region’s security agenda, for now',
        reason: 'Hedged',
      },
      'claim { id }',
    );
    counterpointId = (
      await mutate<{ claim: { counterpoints: Array<{ id: string }> } }>(
        'raiseCounterpoint',
        { claimId: attacker, text: 'The column calls the security cooperation pragmatic' },
        'claim { counterpoints { id } }',
      )
    ).claim.counterpoints[0]!.id;
    await note('counterpointRaised');
    await mutate(
      'respondToCounterpoint',
      {
        claimId: attacker,
        counterpointId,
        resolution: 'ANSWERED',
        response: 'Pragmatic cooperation can still be led from Moscow',
      },
      'claim { id }',
    );
    await note('answered');
    await mutate('retractClaim', { claimId: attacker, reason: 'Out of scope' }, 'claim { id }');
    await note('retracted');
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('shows each version of a claim: the old statement at v1, the evidence before its withdrawal', async () => {
    const first = await claimAt(target, { atVersion: 1 });
    expect(first).toMatchObject({
      statement: 'Central Asia moved from object to subject',
      version: 1,
      status: 'OPEN',
      evidence: [],
      relations: [],
    });
    const attached = await claimAt(target, { atVersion: 3 });
    expect(attached).toMatchObject({
      statement: 'Central Asia became a geopolitical subject',
      evidence: [{ id: evidenceId, withdrawn: false, withdrawnReason: null }],
    });
    expect(await claimAt(target, { atVersion: 4 })).toMatchObject({
      evidence: [{ id: evidenceId, withdrawn: true, withdrawnReason: 'Superseded by a better citation' }],
    });
    expect(await claimAt(target, { asOf: times['evidenceAttached'] })).toEqual(attached);
  });

  it('answers null before the claim existed', async () => {
    expect(await claimAt(target, { asOf: times['beforeAll'] })).toBeNull();
    expect(await claimAt(attacker, { asOf: times['evidenceAttached'] })).toBeNull();
  });

  it('refuses versions beyond the current one or below 1, and asOf with atVersion, as BAD_USER_INPUT on the field', async () => {
    const query =
      'query($id: ID!, $asOf: DateTime, $atVersion: Int) { claim(id: $id, asOf: $asOf, atVersion: $atVersion) { id } }';
    for (const variables of [
      { atVersion: 5 },
      { atVersion: 0 },
      { atVersion: -1 },
      { atVersion: 1, asOf: times['proposed'] },
    ]) {
      const response = await admin(query, { id: target, ...variables });
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(response.errors![0]!.extensions!['field']).toBe('atVersion');
    }
    const notADate = await admin(query, { id: target, asOf: 'yesterday' });
    expect(codeOf(notADate)).toBe('BAD_USER_INPUT');
  });

  it('shows an incoming attack, and the attacker as it stood then, from the moment it was made', async () => {
    expect(await claimAt(target, { asOf: times['attackerProposed'] })).toMatchObject({
      acceptability: 'IN',
      defeatedBy: [],
      relations: [],
    });
    const attacked = await claimAt(target, { asOf: times['linked'] });
    expect(attacked).toMatchObject({ acceptability: 'OUT', defeatedBy: [attacker], version: 4 });
    expect(attacked!.relations).toEqual([
      {
        kind: 'ATTACKS',
        rationale: 'Military dependence',
        from: { id: attacker, statement: 'Moscow still sets the region’s security agenda', version: 2 },
        to: { id: target, statement: 'Central Asia became a geopolitical subject', acceptability: 'OUT' },
      },
    ]);
    // Now: the attacker was revised and retracted, and the link stays on record.
    const now = (
      await admin.ok<{ claim: SeenClaim }>(`query($id: ID!) { claim(id: $id) { ${CLAIM_FIELDS} } }`, {
        id: target,
      })
    ).claim;
    expect(now).toMatchObject({ acceptability: 'IN', defeatedBy: [] });
    expect(now.relations[0]!.from).toMatchObject({
      statement: 'Moscow still sets the region’s security agenda, for now',
      version: 6,
    });
  });

  it('flips acceptability with a counterpoint and its answer, and brings a retracted claim back before its retraction', async () => {
    expect(await claimAt(attacker, { asOf: times['counterpointRaised'] })).toMatchObject({
      status: 'CONTESTED',
      acceptability: 'OUT',
      defeatedBy: [counterpointId],
      counterpoints: [{ id: counterpointId, state: 'OPEN', response: null }],
    });
    expect(await claimAt(target, { asOf: times['counterpointRaised'] })).toMatchObject({
      acceptability: 'IN',
    });
    expect(await claimAt(attacker, { asOf: times['answered'] })).toMatchObject({
      status: 'OPEN',
      acceptability: 'IN',
      counterpoints: [{ state: 'ANSWERED' }],
    });
    expect(await claimAt(target, { asOf: times['answered'] })).toMatchObject({
      acceptability: 'OUT',
      defeatedBy: [attacker],
    });
    expect(await claimAt(attacker, { asOf: times['retracted'] })).toMatchObject({
      status: 'RETRACTED',
      acceptability: 'OUT',
      version: 6,
    });
  });

  it('lists a claim’s history up to the moment it is seen at, newest first unless asked otherwise', async () => {
    const query = `query($id: ID!, $atVersion: Int, $order: AuditOrder, $first: Int, $after: String) {
      claim(id: $id, atVersion: $atVersion) { history(first: $first, after: $after, order: $order) { totalCount edges { cursor node { ${ENTRY} } } pageInfo { hasNextPage endCursor } } } }`;
    type History = {
      claim: {
        history: {
          totalCount: number;
          edges: Array<{ node: Entry }>;
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      };
    };
    const versions = async (variables: Record<string, unknown>) =>
      (await admin.ok<History>(query, { id: target, ...variables })).claim.history;
    expect((await versions({})).edges.map((edge) => edge.node.version)).toEqual([4, 3, 2, 1]);
    expect((await versions({ order: 'OLDEST_FIRST' })).edges.map((edge) => edge.node.version)).toEqual([
      1, 2, 3, 4,
    ]);
    const atTwo = await versions({ atVersion: 2 });
    expect(atTwo.totalCount).toBe(2);
    expect(atTwo.edges.map((edge) => edge.node.type)).toEqual(['ClaimRevised', 'ClaimProposed']);
    const firstPage = await versions({ order: 'OLDEST_FIRST', first: 3 });
    expect(firstPage.pageInfo.hasNextPage).toBe(true);
    const secondPage = await versions({
      order: 'OLDEST_FIRST',
      first: 3,
      after: firstPage.pageInfo.endCursor,
    });
    expect(secondPage.edges.map((edge) => edge.node.version)).toEqual([4]);
    expect(secondPage.pageInfo.hasNextPage).toBe(false);
  });

  it('orders, filters and pages the audit trail', async () => {
    const query = `query($filter: AuditFilter, $order: AuditOrder, $first: Int, $after: String) {
      auditTrail(filter: $filter, order: $order, first: $first, after: $after) { totalCount edges { node { ${ENTRY} } } pageInfo { hasNextPage endCursor } } }`;
    type Trail = {
      auditTrail: {
        totalCount: number;
        edges: Array<{ node: Entry }>;
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const trail = async (variables: Record<string, unknown>) =>
      (await admin.ok<Trail>(query, variables)).auditTrail;
    const positions = (page: Trail['auditTrail']) => page.edges.map((edge) => BigInt(edge.node.position));

    const newest = await trail({ first: 100 });
    const oldest = await trail({ first: 100, order: 'OLDEST_FIRST' });
    // 4 events of the target, 6 of the attacker, and the grant of the first ADMIN token (an ADMIN reads).
    expect(newest.totalCount).toBe(11);
    expect(positions(oldest)).toEqual([...positions(newest)].reverse());
    expect(positions(oldest)).toEqual([...positions(oldest)].sort((a, b) => (a < b ? -1 : 1)));

    const ofAttacker = await trail({
      filter: { subjectId: attacker, types: ['ClaimRevised', 'ClaimRetracted'] },
      order: 'OLDEST_FIRST',
    });
    expect(ofAttacker.edges.map((edge) => [edge.node.type, edge.node.version])).toEqual([
      ['ClaimRevised', 3],
      ['ClaimRetracted', 6],
    ]);
    const window = await trail({
      filter: { from: times['attackerProposed'], to: times['counterpointRaised'] },
      order: 'OLDEST_FIRST',
    });
    expect(window.edges.map((edge) => edge.node.type)).toEqual([
      'ClaimLinked',
      'ClaimRevised',
      'CounterpointRaised',
    ]);
    expect((await trail({ filter: { actorId: 'nobody' } })).totalCount).toBe(0);
    const { viewer } = await admin.ok<{ viewer: { id: string } }>('{ viewer { id } }');
    expect((await trail({ filter: { actorId: viewer.id } })).totalCount).toBe(10);

    // Walking pages of 5 in either order visits every entry once.
    for (const order of ['NEWEST_FIRST', 'OLDEST_FIRST']) {
      const seen: bigint[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await trail({ first: 5, after, order });
        seen.push(...positions(page));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual(order === 'NEWEST_FIRST' ? positions(newest) : positions(oldest));
    }
    expect(codeOf(await admin(query, { order: 'SIDEWAYS' }))).toBe('BAD_USER_INPUT');
  });

  it('walks the argument graph now and as of a time', async () => {
    const query = `query($rootId: ID, $depth: Int, $asOf: DateTime) { argumentGraph(rootId: $rootId, depth: $depth, asOf: $asOf) {
      asOf nodes { id statement acceptability defeatedBy } edges { kind from { id statement } to { id } } } }`;
    type Graph = {
      argumentGraph: {
        asOf: string | null;
        nodes: Array<{ id: string; statement: string; acceptability: string; defeatedBy: string[] }>;
        edges: Array<{ kind: string; from: { id: string; statement: string }; to: { id: string } }>;
      };
    };
    const graph = async (variables: Record<string, unknown>) =>
      (await admin.ok<Graph>(query, variables)).argumentGraph;

    const now = await graph({ rootId: target, depth: 2 });
    expect(now).toEqual({
      asOf: null,
      nodes: [expect.objectContaining({ id: target, acceptability: 'IN' })],
      edges: [],
    }); // the attacker is retracted

    const then = await graph({ rootId: target, depth: 1, asOf: times['answered'] });
    expect(then.asOf).toBe(times['answered']);
    expect(Object.fromEntries(then.nodes.map((node) => [node.id, node.acceptability]))).toEqual({
      [target]: 'OUT',
      [attacker]: 'IN',
    });
    expect(then.edges).toEqual([
      {
        kind: 'ATTACKS',
        from: { id: attacker, statement: 'Moscow still sets the region’s security agenda, for now' },
        to: { id: target },
      },
    ]);
    expect(
      (await graph({ rootId: target, depth: 0, asOf: times['answered'] })).nodes.map((node) => node.id),
    ).toEqual([target]);
    expect((await graph({ asOf: times['attackerProposed'] })).nodes.map((node) => node.id).sort()).toEqual(
      [target, attacker].sort(),
    );
    expect((await graph({ asOf: times['beforeAll'] })).nodes).toEqual([]);
    expect(codeOf(await admin(query, { depth: 11 }))).toBe('BAD_USER_INPUT');
  });

  it('keeps a version’s label, defeaters and relations as the read model showed them then, however the debate went on', async () => {
    const propose = async (statement: string) =>
      (await mutate<{ claim: { id: string } }>('proposeClaim', { statement }, 'claim { id }')).claim.id;
    const link = (fromClaimId: string, toClaimId: string, kind: string) =>
      mutate('linkClaims', { fromClaimId, toClaimId, kind }, 'claim { id }');
    const current = async (id: string) =>
      (await admin.ok<{ claim: SeenClaim }>(`query($id: ID!) { claim(id: $id) { ${CLAIM_FIELDS} } }`, { id }))
        .claim;
    const disputed = await propose('The summit declaration was drafted in Astana');
    const critic = await propose('Moscow edited the declaration');
    const ally = await propose('The drafts were circulated from Astana');
    await link(critic, disputed, 'ATTACKS');
    await link(ally, disputed, 'SUPPORTS');
    await mutate('tagClaim', { claimId: disputed, add: ['declaration'] }, 'claim { id }');
    const then = await current(disputed); // the read model, right after the version was made
    expect(then).toMatchObject({ version: 2, acceptability: 'OUT', defeatedBy: [critic] });
    expect(await claimAt(disputed, { atVersion: 2 })).toEqual(then);

    // Later: the critic is undercut and the undercut attacked, in a ring; the disputed claim is attacked anew.
    const rebuttal = await propose('The edits were typographical');
    const sceptic = await propose('Typographical edits can change a treaty');
    await link(rebuttal, critic, 'UNDERCUTS');
    await link(sceptic, rebuttal, 'ATTACKS');
    await link(rebuttal, sceptic, 'ATTACKS');
    await link(sceptic, disputed, 'ATTACKS');
    const now = await current(disputed);
    expect(now).toMatchObject({ version: 2, acceptability: 'UNDECIDED' });
    expect(now.relations).toHaveLength(3);

    const seen = await claimAt(disputed, { atVersion: 2 });
    expect(seen).toEqual(then);
    expect(seen!.relations.map((relation) => relation.from.id).sort()).toEqual([critic, ally].sort());
    expect(await claimAt(disputed, { asOf: new Date().toISOString() })).toEqual(now);
  });

  it('includes an event in a graph asked for as of its recordedAt (the command time may come a little earlier)', async () => {
    const trail = await admin.ok<{
      auditTrail: { edges: Array<{ node: { type: string; occurredAt: string; recordedAt: string } }> };
    }>(
      'query($subjectId: ID) { auditTrail(filter: { subjectId: $subjectId }) { edges { node { type occurredAt recordedAt } } } }',
      { subjectId: attacker },
    );
    const linked = trail.auditTrail.edges
      .map((edge) => edge.node)
      .find((node) => node.type === 'ClaimLinked')!;
    expect(Date.parse(linked.recordedAt)).toBeGreaterThanOrEqual(Date.parse(linked.occurredAt));
    const graph = await admin.ok<{ argumentGraph: { edges: Array<{ kind: string }> } }>(
      'query($rootId: ID, $asOf: DateTime) { argumentGraph(rootId: $rootId, depth: 1, asOf: $asOf) { edges { kind } } }',
      { rootId: target, asOf: linked.recordedAt },
    );
    expect(graph.argumentGraph.edges).toEqual([{ kind: 'ATTACKS' }]);
  });
});
