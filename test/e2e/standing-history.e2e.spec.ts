import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startServer, type TestServer } from '../support/server.js';
import { cli, client, createToken, type Client } from './support/e2e.js';

/**
 * Issue 14, story 2: a claim's history shows what changed its standing. Claim A ATTACKS claim B: B turns OUT,
 * and B's standing history and audit trail (affecting B) name A's link, with who made it and why, though the
 * link lives on A's stream. A restart and a rebuild keep the history.
 */
const STANDING = `query($id: ID!) { claim(id: $id) {
  acceptability defeatedBy
  standingHistory { totalCount edges { node {
    from to defeatedBy cause { type streamId actor { id } reason } event { type subjectId summary }
  } } }
} }`;

interface Change {
  readonly from: string | null;
  readonly to: string;
  readonly defeatedBy: string[];
  readonly cause: { type: string; streamId: string; actor: { id: string }; reason: string | null };
  readonly event: { type: string; subjectId: string; summary: string } | null;
}
interface Standing {
  readonly claim: {
    acceptability: string;
    defeatedBy: string[];
    standingHistory: { totalCount: number; edges: Array<{ node: Change }> };
  };
}

describe("a claim's standing history over HTTP", () => {
  let server: TestServer;
  let alice: Client;
  let bob: Client;
  let a = '';
  let b = '';
  beforeAll(async () => {
    server = await startServer();
    alice = client(server, await createToken(server, 'alice', 'ANALYST'));
    bob = client(server, await createToken(server, 'bob', 'ANALYST'));
    const propose = async (api: Client, statement: string) =>
      (
        await api.ok<{ proposeClaim: { claim: { id: string } } }>(
          'mutation($s: String!) { proposeClaim(input: { statement: $s }) { claim { id } } }',
          { s: statement },
        )
      ).proposeClaim.claim.id;
    b = await propose(alice, 'Central Asia moved from geopolitical object to subject');
    a = await propose(bob, 'The region still depends on Moscow for its security');
  });
  afterAll(async () => {
    await server.stop();
  });

  const standing = async (id: string) => (await alice.ok<Standing>(STANDING, { id })).claim;

  it("names the link from A's stream that turned B OUT, with its actor and rationale", async () => {
    await bob.ok(
      'mutation($from: ID!, $to: ID!) { linkClaims(input: { fromClaimId: $from, toClaimId: $to, kind: ATTACKS, rationale: "Security ties outweigh the summit rhetoric" }) { claim { id } } }',
      { from: a, to: b },
    );
    const claim = await standing(b);
    expect(claim).toMatchObject({ acceptability: 'OUT', defeatedBy: [a] });
    const history = claim.standingHistory.edges.map((edge) => edge.node);
    expect(history.map(({ from, to }) => [from, to])).toEqual([
      [null, 'IN'],
      ['IN', 'OUT'],
    ]);
    expect(history[1]).toMatchObject({
      defeatedBy: [a],
      cause: {
        type: 'ClaimLinked',
        streamId: `claim-${a}`,
        actor: { id: 'bob' },
        reason: 'Security ties outweigh the summit rhetoric',
      },
      event: { type: 'ClaimLinked', subjectId: a },
    });
  });

  it('lists the link in the audit trail affecting B, beside B’s own events', async () => {
    const trail = await alice.ok<{
      auditTrail: { edges: Array<{ node: { type: string; subjectId: string } }> };
    }>(
      'query($id: ID!) { auditTrail(filter: { affecting: $id }, order: OLDEST_FIRST) { edges { node { type subjectId } } } }',
      { id: b },
    );
    expect(trail.auditTrail.edges.map(({ node }) => [node.type, node.subjectId])).toEqual([
      ['ClaimProposed', b],
      ['ClaimLinked', a],
    ]);
  });

  it('shows B back IN when A is unlinked, caused by the unlink, and keeps it across a restart and a rebuild', async () => {
    await bob.ok(
      'mutation($from: ID!, $to: ID!) { unlinkClaims(input: { fromClaimId: $from, toClaimId: $to, kind: ATTACKS, reason: "Read the column again" }) { claim { id } } }',
      { from: a, to: b },
    );
    const history = (await standing(b)).standingHistory.edges.map((edge) => edge.node);
    expect(history.at(-1)).toMatchObject({
      from: 'OUT',
      to: 'IN',
      cause: { type: 'ClaimUnlinked', actor: { id: 'bob' }, reason: 'Read the column again' },
    });
    const before = await standing(b);
    await server.restart();
    expect(await standing(b)).toEqual(before);
    expect((await cli(server, 'projections', 'rebuild')).code).toBe(0);
    for (let attempt = 0; attempt < 50 && (await cli(server, 'verify')).code !== 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(await standing(b)).toEqual(before);
  });
});
