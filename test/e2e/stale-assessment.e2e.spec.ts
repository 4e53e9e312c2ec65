import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startServer, type TestServer } from '../support/server.js';
import { cli, client, createToken, type Client } from './support/e2e.js';

/**
 * Issue 14, story 1: a verdict does not outlive the wording it judged. An editor assesses a claim; the
 * proposer revises the statement; the claim is no longer ASSESSED, the stale verdict keeps its history and
 * names the event that outdated it, the review queue filter finds it, and ClaimReview does not publish it.
 * A restart and a projection rebuild keep all of it.
 */
const CLAIM = `claim(id: $id) {
  status version needsReassessment
  assessment { verdict assessedVersion assessedStatement stale staleSince { type version actor { id } reason } }
}`;

interface ClaimState {
  readonly status: string;
  readonly version: number;
  readonly needsReassessment: boolean;
  readonly assessment: {
    readonly verdict: string;
    readonly assessedVersion: number;
    readonly assessedStatement: string;
    readonly stale: boolean;
    readonly staleSince: {
      type: string;
      version: number;
      actor: { id: string };
      reason: string | null;
    } | null;
  } | null;
}

describe('a stale assessment over HTTP', () => {
  let server: TestServer;
  let alice: Client;
  let erin: Client;
  beforeAll(async () => {
    server = await startServer();
    alice = client(server, await createToken(server, 'alice', 'ANALYST'));
    erin = client(server, await createToken(server, 'erin', 'EDITOR'));
  });
  afterAll(async () => {
    await server.stop();
  });

  const state = async (id: string) =>
    (await alice.ok<{ claim: ClaimState }>(`query($id: ID!) { ${CLAIM} }`, { id })).claim;
  const reviews = async () => {
    const response = await fetch(`${server.url}/export/claimreview.jsonld`, {
      headers: { authorization: `Bearer ${server.adminToken}` },
    });
    const document = (await response.json()) as { '@graph': Array<{ identifier: string }> };
    return {
      ids: document['@graph'].map((review) => review.identifier),
      notes: response.headers.get('claimtrail-export-notes') ?? '',
    };
  };
  const needingAnEditor = async () =>
    (
      await alice.ok<{ claims: { edges: Array<{ node: { id: string } }> } }>(
        '{ claims(first: 50, filter: { needsReassessment: true }) { edges { node { id } } } }',
      )
    ).claims.edges.map((edge) => edge.node.id);

  let revisedId = '';
  let withdrawnId = '';

  it('the proposer revises an assessed claim: the verdict is stale, named by the revision, and not published', async () => {
    const { proposeClaim } = await alice.ok<{ proposeClaim: { claim: { id: string } } }>(
      'mutation { proposeClaim(input: { statement: "Central Asia moved from geopolitical object to subject" }) { claim { id } } }',
    );
    revisedId = proposeClaim.claim.id;
    await erin.ok(
      'mutation($id: ID!) { assessClaim(input: { claimId: $id, verdict: MIXED, confidence: 0.6, rationale: "True of trade, less of security" }) { claim { id } } }',
      { id: revisedId },
    );
    const assessed = await state(revisedId);
    expect(assessed).toMatchObject({
      status: 'ASSESSED',
      needsReassessment: false,
      assessment: { verdict: 'MIXED', assessedVersion: 2, stale: false, staleSince: null },
    });
    expect((await reviews()).ids).toContain(revisedId);

    await alice.ok(
      'mutation($id: ID!) { reviseClaim(input: { claimId: $id, statement: "Central Asia acts as a subject of its own policy", reason: "Closer to the column" }) { claim { id } } }',
      { id: revisedId },
    );
    const revised = await state(revisedId);
    expect(revised).toEqual({
      status: 'OPEN',
      version: 3,
      needsReassessment: true,
      assessment: {
        verdict: 'MIXED',
        assessedVersion: 2,
        assessedStatement: 'Central Asia moved from geopolitical object to subject',
        stale: true,
        staleSince: {
          type: 'ClaimRevised',
          version: 3,
          actor: { id: 'alice' },
          reason: 'Closer to the column',
        },
      },
    });
    expect(await needingAnEditor()).toContain(revisedId);
    const published = await reviews();
    expect(published.ids).not.toContain(revisedId);
    expect(published.notes).toContain('skipped 1 stale assessment');
  });

  it('the same when the only evidence is withdrawn', async () => {
    const { proposeClaim } = await alice.ok<{ proposeClaim: { claim: { id: string } } }>(
      'mutation { proposeClaim(input: { statement: "The summit showed Moscow seeking to regain influence" }) { claim { id } } }',
    );
    withdrawnId = proposeClaim.claim.id;
    const { attachEvidence } = await alice.ok<{
      attachEvidence: { claim: { evidence: Array<{ id: string }> } };
    }>(
      'mutation($id: ID!) { attachEvidence(input: { claimId: $id, stance: SUPPORTS, summary: "The column says so", citation: { title: "The op-ed" } }) { claim { evidence { id } } } }',
      { id: withdrawnId },
    );
    await erin.ok(
      'mutation($id: ID!) { assessClaim(input: { claimId: $id, verdict: ACCURATE, confidence: 0.8, rationale: "Backed by the evidence" }) { claim { id } } }',
      { id: withdrawnId },
    );
    await alice.ok(
      'mutation($id: ID!, $evidenceId: ID!) { withdrawEvidence(input: { claimId: $id, evidenceId: $evidenceId, reason: "Misread the source" }) { claim { id } } }',
      { id: withdrawnId, evidenceId: attachEvidence.claim.evidence[0]!.id },
    );
    expect(await state(withdrawnId)).toMatchObject({
      status: 'OPEN',
      needsReassessment: true,
      assessment: { stale: true, staleSince: { type: 'EvidenceWithdrawn', version: 4 } },
    });
    expect((await reviews()).ids).not.toContain(withdrawnId);
  });

  it('tags do not outdate a verdict, and a new assessment makes the claim ASSESSED again', async () => {
    await alice.ok(
      'mutation($id: ID!) { tagClaim(input: { claimId: $id, add: ["summit"] }) { claim { id } } }',
      { id: withdrawnId },
    );
    expect((await state(withdrawnId)).assessment?.staleSince?.type).toBe('EvidenceWithdrawn');
    await erin.ok(
      'mutation($id: ID!) { assessClaim(input: { claimId: $id, verdict: UNSUPPORTED, confidence: 0.7, rationale: "No evidence left" }) { claim { id } } }',
      { id: withdrawnId },
    );
    expect(await state(withdrawnId)).toMatchObject({
      status: 'ASSESSED',
      needsReassessment: false,
      assessment: { verdict: 'UNSUPPORTED', assessedVersion: 6, stale: false },
    });
    expect(await needingAnEditor()).not.toContain(withdrawnId);
  });

  it('keeps all of it across a restart and a projection rebuild', async () => {
    const before = [await state(revisedId), await state(withdrawnId)];
    await server.restart();
    expect([await state(revisedId), await state(withdrawnId)]).toEqual(before);
    const rebuilt = await cli(server, 'projections', 'rebuild');
    expect(rebuilt.code).toBe(0);
    // The running server swaps to the rebuilt generation once it has caught up.
    for (let attempt = 0; attempt < 50; attempt++) {
      const verified = await cli(server, 'verify');
      if (verified.code === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect([await state(revisedId), await state(withdrawnId)]).toEqual(before);
  });
});
