import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gql, startServer, type TestServer } from '../support/server.js';

interface Entry {
  readonly type: string;
  readonly reason: string | null;
  readonly data: Record<string, unknown>;
}

/** The audit trail records the editorial reason the event itself holds: one source for both. */
describe('editorial reasons over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  const call = async <T>(query: string, variables: Record<string, unknown> = {}) => {
    const response = await gql<T>(server.graphqlUrl, query, variables, server.adminToken);
    expect(response.errors).toBeUndefined();
    return response.data!;
  };

  it('stores a padded reason trimmed, in the event and in the audit trail alike', async () => {
    const proposed = await call<{ proposeClaim: { claim: { id: string } } }>(
      `mutation { proposeClaim(input: { statement: "Central Asia moved from geopolitical object to subject" }) {
        claim { id } } }`,
    );
    const claimId = proposed.proposeClaim.claim.id;
    const retracted = await call<{ retractClaim: { events: Entry[] } }>(
      `mutation($id: ID!) { retractClaim(input: { claimId: $id, reason: "   Misread the op-ed   " }) {
        events { type reason data } } }`,
      { id: claimId },
    );
    expect(retracted.retractClaim.events).toEqual([
      expect.objectContaining({ type: 'ClaimRetracted', reason: 'Misread the op-ed' }),
    ]);
    expect(retracted.retractClaim.events[0]!.data['reason']).toBe('Misread the op-ed');

    const trail = await call<{ auditTrail: { edges: Array<{ node: Entry }> } }>(
      `query($id: ID!) { auditTrail(filter: { subjectId: $id }) { edges { node { type reason data } } } }`,
      { id: claimId },
    );
    const retraction = trail.auditTrail.edges
      .map(({ node }) => node)
      .find((node) => node.type === 'ClaimRetracted');
    expect(retraction).toMatchObject({ reason: 'Misread the op-ed', data: { reason: 'Misread the op-ed' } });
  });

  it('withdraws an assessment: the claim is no longer ASSESSED, and the audit trail says who and why', async () => {
    const proposed = await call<{ proposeClaim: { claim: { id: string } } }>(
      `mutation { proposeClaim(input: { statement: "The summit was the first of its kind in Dushanbe" }) {
        claim { id } } }`,
    );
    const claimId = proposed.proposeClaim.claim.id;
    const assessed = await call<{ assessClaim: { claim: { status: string } } }>(
      `mutation($id: ID!) { assessClaim(input: { claimId: $id, verdict: MIXED, confidence: 0.5, rationale: "Partly so" }) {
        claim { status } } }`,
      { id: claimId },
    );
    expect(assessed.assessClaim.claim.status).toBe('ASSESSED');
    const withdrawn = await call<{
      withdrawAssessment: { claim: { status: string; assessment: unknown }; events: Entry[] };
    }>(
      `mutation($id: ID!) { withdrawAssessment(input: { claimId: $id, reason: " Assessed too early " }) {
        claim { status assessment { verdict } } events { type reason data } } }`,
      { id: claimId },
    );
    expect(withdrawn.withdrawAssessment.claim).toEqual({ status: 'OPEN', assessment: null });
    expect(withdrawn.withdrawAssessment.events).toEqual([
      expect.objectContaining({ type: 'AssessmentWithdrawn', reason: 'Assessed too early' }),
    ]);
    const again = await gql(
      server.graphqlUrl,
      `mutation($id: ID!) { withdrawAssessment(input: { claimId: $id, reason: "Once more" }) { claim { id } } }`,
      { id: claimId },
      server.adminToken,
    );
    expect(again.errors?.[0]?.extensions?.['code']).toBe('ILLEGAL_STATE');
  });
});
