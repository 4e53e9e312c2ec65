import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gql, startServer, type TestServer } from '../support/server.js';
import { cli, client, createToken, sleep, type Client } from './support/e2e.js';

/**
 * Issue 14's fair debate over real HTTP: an answer is an argument, and the counterpoint's author may rebut
 * it; only the owner of a piece of the debate (or an editor) takes it back; sources and anchors are
 * corrected with a reason and shown as they were at any time; a retracted claim says it is out of the
 * argument. A projection rebuild and a restart keep all of it.
 */

const OP_ED = readFileSync(new URL('../fixtures/op-ed.txt', import.meta.url), 'utf8');
const TITLE = "Central Asia-Russia Summit: Moscow's quest for repositioning";
/** How audit summaries name the claim and the source: by the first words of their statement and title. */
const CLAIM_NAME = "'Central Asia moved from geopolitical object to…'";
const SOURCE_NAME = "'Central Asia-Russia Summit: Moscow's quest for…'";

interface ThreadEntry {
  kind: string;
  text: string;
  reason: string | null;
  by: { id: string };
}
interface Counterpoint {
  id: string;
  state: string;
  response: string | null;
  thread: ThreadEntry[];
}
interface ClaimFields {
  id: string;
  version: number;
  status: string;
  acceptability: string;
  acceptabilityReason: string;
  defeatedBy: string[];
  counterpoints: Counterpoint[];
  anchor: {
    quote: { exact: string; start: number };
    source: { id: string; publisher: string | null };
  } | null;
}
interface AuditNode {
  type: string;
  reason: string | null;
  summary: string;
  actor: { id: string };
  occurredAt: string;
}

interface StandingChange {
  from: string | null;
  to: string;
  defeatedBy: string[];
  cause: { type: string; streamId: string; actor: { id: string }; reason: string | null };
}

const STANDING_HISTORY = `standingHistory { edges { node {
  from to defeatedBy cause { type streamId actor { id } reason } } } }`;

const CLAIM_FIELDS = `id version status acceptability acceptabilityReason defeatedBy
  counterpoints { id state response thread { kind text reason by { id } } }
  anchor { quote { exact start } source { id publisher } }`;

describe('a fair debate, over HTTP (issue 14)', () => {
  let server: TestServer;
  let alice: Client; // proposes the claim and registers the source
  let bob: Client; // raises the counterpoint
  let carol: Client; // another analyst
  let erin: Client; // an editor
  let sourceId: string;
  let claimId: string;
  let counterpointId: string;
  const moments: Record<string, string> = {};

  const claim = async (who: Client, args = '') =>
    (
      await who.ok<{ claim: ClaimFields }>(`query($id: ID!) { claim(id: $id${args}) { ${CLAIM_FIELDS} } }`, {
        id: claimId,
      })
    ).claim;
  const trail = async (subjectId: string) =>
    (
      await alice.ok<{ auditTrail: { edges: Array<{ node: AuditNode }> } }>(
        `query($id: ID!) { auditTrail(filter: { subjectId: $id }, order: OLDEST_FIRST) {
          edges { node { type reason summary actor { id } occurredAt } } } }`,
        { id: subjectId },
      )
    ).auditTrail.edges.map(({ node }) => node);
  const standingHistory = async () =>
    (
      await alice.ok<{ claim: { standingHistory: { edges: Array<{ node: StandingChange }> } } }>(
        `query($id: ID!) { claim(id: $id) { ${STANDING_HISTORY} } }`,
        { id: claimId },
      )
    ).claim.standingHistory.edges.map(({ node }) => node);
  /** A moment strictly between two events: the time now, with the clock moved on both sides. */
  const mark = async (name: string) => {
    await sleep(15);
    moments[name] = new Date().toISOString();
    await sleep(15);
  };
  const refused = async (who: Client, mutation: string, input: Record<string, unknown>, code: string) => {
    const before = (await trail(claimId)).length + (await trail(sourceId)).length;
    const response = await who(
      `mutation($input: ${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input!) {
      ${mutation}(input: $input) { __typename } }`,
      { input },
    );
    expect(response.data?.[mutation] ?? null).toBeNull();
    expect(response.errors?.[0]?.extensions?.['code']).toBe(code);
    expect((await trail(claimId)).length + (await trail(sourceId)).length).toBe(before);
    return response.errors![0]!.message;
  };

  beforeAll(async () => {
    server = await startServer();
    const tokenOf = (actor: string, role: 'ANALYST' | 'EDITOR') => createToken(server, actor, role);
    const [aliceToken, bobToken, carolToken, erinToken] = await Promise.all([
      tokenOf('alice', 'ANALYST'),
      tokenOf('bob', 'ANALYST'),
      tokenOf('carol', 'ANALYST'),
      tokenOf('erin', 'EDITOR'),
    ]);
    alice = client(server, aliceToken);
    bob = client(server, bobToken);
    carol = client(server, carolToken);
    erin = client(server, erinToken);
    sourceId = (
      await alice.ok<{ registerSource: { source: { id: string } } }>(
        `mutation($text: String!) { registerSource(input: { title: ${JSON.stringify(TITLE)},
          author: "Zeynep Gizem Özpınar", language: "en", text: $text }) { source { id } } }`,
        { text: OP_ED },
      )
    ).registerSource.source.id;
    claimId = (
      await alice.ok<{ proposeClaim: { claim: { id: string } } }>(
        `mutation($sourceId: ID!) { proposeClaim(input: {
          statement: "Central Asia moved from geopolitical object to subject",
          sourceId: $sourceId, quote: { exact: "geopolitical object" } }) { claim { id } } }`,
        { sourceId },
      )
    ).proposeClaim.claim.id;
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  describe('story: the proposer answers the counterpoint against their own claim; its author reopens it', () => {
    it('an open counterpoint makes the claim OUT, and says why', async () => {
      const raised = await bob.ok<{ raiseCounterpoint: { claim: ClaimFields } }>(
        `mutation($id: ID!) { raiseCounterpoint(input: { claimId: $id,
          text: "Russia remains the main security partner of the region" }) { claim { ${CLAIM_FIELDS} } } }`,
        { id: claimId },
      );
      const { claim: contested } = raised.raiseCounterpoint;
      counterpointId = contested.counterpoints[0]!.id;
      expect(contested).toMatchObject({
        status: 'CONTESTED',
        acceptability: 'OUT',
        defeatedBy: [counterpointId],
      });
      expect(contested.acceptabilityReason).toBe(
        "OUT because the open counterpoint 'Russia remains the main security partner of the region' stands.",
      );
      await mark('contested');
    });

    it('the proposer answers it herself: the claim flips to IN', async () => {
      const answered = await alice.ok<{ respondToCounterpoint: { claim: ClaimFields } }>(
        `mutation($id: ID!, $cpt: ID!) { respondToCounterpoint(input: { claimId: $id, counterpointId: $cpt,
          resolution: ANSWERED, response: "Security ties are now balanced by other partners" }) {
          claim { ${CLAIM_FIELDS} } } }`,
        { id: claimId, cpt: counterpointId },
      );
      expect(answered.respondToCounterpoint.claim).toMatchObject({
        status: 'OPEN',
        acceptability: 'IN',
        acceptabilityReason: 'IN because nothing attacks it.',
        defeatedBy: [],
        counterpoints: [
          {
            state: 'ANSWERED',
            response: 'Security ties are now balanced by other partners',
            thread: [{ kind: 'ANSWER', by: { id: 'alice' }, reason: null }],
          },
        ],
      });
      await mark('answered');
    });

    it('no one but the counterpoint’s author or an editor may reopen it, nor may the proposer dismiss or another analyst concede', async () => {
      const rebuttal = { claimId, counterpointId, text: 'Not so', reason: 'I disagree' };
      expect(await refused(carol, 'reopenCounterpoint', rebuttal, 'FORBIDDEN')).toContain(
        `only the counterpoint’s author or an EDITOR may reopen counterpoint ${counterpointId}; carol is ANALYST`,
      );
      expect(await refused(alice, 'reopenCounterpoint', rebuttal, 'FORBIDDEN')).toContain('alice is ANALYST');
      const second = await bob.ok<{ raiseCounterpoint: { claim: ClaimFields } }>(
        `mutation($id: ID!) { raiseCounterpoint(input: { claimId: $id, text: "The communique was adopted jointly" }) {
          claim { ${CLAIM_FIELDS} } } }`,
        { id: claimId },
      );
      const other = second.raiseCounterpoint.claim.counterpoints[1]!.id;
      const respond = (resolution: string) => ({
        claimId,
        counterpointId: other,
        resolution,
        response: 'So be it',
      });
      expect(await refused(alice, 'respondToCounterpoint', respond('DISMISSED'), 'FORBIDDEN')).toContain(
        'needs the EDITOR role or higher; alice is ANALYST',
      );
      expect(await refused(carol, 'respondToCounterpoint', respond('CONCEDED'), 'FORBIDDEN')).toContain(
        'only the claim’s proposer or an EDITOR may concede',
      );
      await erin.ok(
        `mutation($input: RespondToCounterpointInput!) { respondToCounterpoint(input: $input) { claim { id } } }`,
        { input: respond('DISMISSED') },
      );
      await mark('dismissed');
    });

    it('the counterpoint’s author reopens it with a rebuttal: OUT again, the thread kept in order', async () => {
      const reopened = await bob.ok<{
        reopenCounterpoint: {
          claim: ClaimFields;
          events: Array<{ type: string; reason: string; summary: string }>;
        };
      }>(
        `mutation($id: ID!, $cpt: ID!) { reopenCounterpoint(input: { claimId: $id, counterpointId: $cpt,
          text: " Balance is not independence: the treaty still binds them ",
          reason: " The answer does not address the treaty " }) {
          claim { ${CLAIM_FIELDS} } events { type reason summary } } }`,
        { id: claimId, cpt: counterpointId },
      );
      const { claim: again, events } = reopened.reopenCounterpoint;
      expect(again).toMatchObject({
        status: 'CONTESTED',
        acceptability: 'OUT',
        defeatedBy: [counterpointId],
      });
      expect(again.acceptabilityReason).toBe(
        "OUT because the open counterpoint 'Russia remains the main security partner of the region' stands.",
      );
      expect(again.counterpoints[0]).toEqual({
        id: counterpointId,
        state: 'OPEN',
        response: null,
        thread: [
          {
            kind: 'ANSWER',
            text: 'Security ties are now balanced by other partners',
            reason: null,
            by: { id: 'alice' },
          },
          {
            kind: 'REBUTTAL',
            text: 'Balance is not independence: the treaty still binds them',
            reason: 'The answer does not address the treaty',
            by: { id: 'bob' },
          },
        ],
      });
      expect(events).toEqual([
        {
          type: 'CounterpointReopened',
          reason: 'The answer does not address the treaty',
          summary: `bob reopened the counterpoint 'Russia remains the main security partner of the…' on ${CLAIM_NAME}: 'Balance is not independence: the treaty still binds them'`,
        },
      ]);
      await mark('reopened');
    });

    it('the standing history names the reopening, its author and reason, as what turned the claim OUT again', async () => {
      const history = await standingHistory();
      expect(history.map(({ from, to, cause }) => [from, to, cause.type, cause.actor.id])).toEqual([
        [null, 'IN', 'ClaimProposed', 'alice'],
        ['IN', 'OUT', 'CounterpointRaised', 'bob'],
        ['OUT', 'IN', 'CounterpointResolved', 'alice'],
        // The second counterpoint, raised and dismissed while the first stood answered.
        ['IN', 'OUT', 'CounterpointRaised', 'bob'],
        ['OUT', 'IN', 'CounterpointResolved', 'erin'],
        ['IN', 'OUT', 'CounterpointReopened', 'bob'],
      ]);
      expect(history.at(-1)).toEqual({
        from: 'IN',
        to: 'OUT',
        defeatedBy: [counterpointId],
        cause: {
          type: 'CounterpointReopened',
          streamId: `claim-${claimId}`,
          actor: { id: 'bob' },
          reason: 'The answer does not address the treaty',
        },
      });
      // As of the answer, the history stops at the answer.
      const then = await alice.ok<{ claim: { standingHistory: { edges: Array<{ node: StandingChange }> } } }>(
        `query($id: ID!, $asOf: DateTime) { claim(id: $id, asOf: $asOf) { ${STANDING_HISTORY} } }`,
        { id: claimId, asOf: moments['answered'] },
      );
      expect(then.claim.standingHistory.edges.map(({ node }) => node.to)).toEqual(['IN', 'OUT', 'IN']);
    });

    it('time travel shows each step as it was, thread and labels included', async () => {
      const answered = await claim(alice, `, asOf: "${moments['answered']}"`);
      expect(answered).toMatchObject({
        acceptability: 'IN',
        acceptabilityReason: 'IN because nothing attacks it.',
      });
      expect(answered.counterpoints[0]).toMatchObject({ state: 'ANSWERED', thread: [{ kind: 'ANSWER' }] });
      const reopened = await claim(alice, `, asOf: "${moments['reopened']}"`);
      expect(reopened).toMatchObject({
        acceptability: 'OUT',
        defeatedBy: [counterpointId],
        status: 'CONTESTED',
      });
      expect(reopened.counterpoints[0]!.thread.map((entry) => entry.kind)).toEqual(['ANSWER', 'REBUTTAL']);
      expect(reopened.counterpoints[1]).toMatchObject({
        state: 'DISMISSED',
        thread: [{ kind: 'DISMISSAL', by: { id: 'erin' } }],
      });
      const graph = await alice.ok<{
        argumentGraph: { nodes: Array<{ id: string; acceptability: string }> };
      }>(`query($asOf: DateTime) { argumentGraph(asOf: $asOf) { nodes { id acceptability } } }`, {
        asOf: moments['answered'],
      });
      expect(graph.argumentGraph.nodes).toEqual([{ id: claimId, acceptability: 'IN' }]);
      const later = await alice.ok<{
        argumentGraph: { nodes: Array<{ id: string; acceptability: string }> };
      }>(`query($asOf: DateTime) { argumentGraph(asOf: $asOf) { nodes { id acceptability } } }`, {
        asOf: moments['reopened'],
      });
      expect(later.argumentGraph.nodes).toEqual([{ id: claimId, acceptability: 'OUT' }]);
    });
  });

  describe('story: a source and an anchor corrected, in the audit trail and in time travel', () => {
    it('only the registrant or an editor revises a source; the text stays, the metadata changes with a reason', async () => {
      expect(
        await refused(
          carol,
          'reviseSource',
          { sourceId, publisher: 'Daily Sabah', reason: 'Missing' },
          'FORBIDDEN',
        ),
      ).toContain(
        `only the analyst who registered it or an EDITOR may revise source ${sourceId}; carol is ANALYST`,
      );
      expect(
        await refused(
          alice,
          'reviseSource',
          { sourceId, language: 'English', reason: 'Missing' },
          'BAD_USER_INPUT',
        ),
      ).toContain('BCP 47');
      await mark('before revision');
      const revised = await alice.ok<{
        reviseSource: {
          source: {
            version: number;
            publisher: string;
            author: string;
            textHash: string;
            revisions: unknown[];
          };
        };
      }>(
        `mutation($id: ID!) { reviseSource(input: { sourceId: $id, publisher: " Daily Sabah ",
          publishedAt: "2025-10-28T00:05:00+03:00", reason: "The publisher and date were missing" }) {
          source { version publisher author textHash
            revisions { version reason revisedBy { id } changes { field from to } } } } }`,
        { id: sourceId },
      );
      // The text is the registered one: quotes' offsets still point at the same words.
      expect(revised.reviseSource.source.textHash).toBe(createHash('sha256').update(OP_ED).digest('hex'));
      expect(revised.reviseSource.source).toMatchObject({
        version: 2,
        publisher: 'Daily Sabah',
        author: 'Zeynep Gizem Özpınar',
        revisions: [
          {
            version: 2,
            reason: 'The publisher and date were missing',
            revisedBy: { id: 'alice' },
            changes: [
              { field: 'publisher', from: null, to: 'Daily Sabah' },
              { field: 'publishedAt', from: null, to: '2025-10-28T00:05:00+03:00' },
            ],
          },
        ],
      });
      const sourceTrail = await trail(sourceId);
      expect(sourceTrail.map((entry) => entry.type)).toEqual(['SourceRegistered', 'SourceRevised']);
      expect(sourceTrail[1]).toMatchObject({
        reason: 'The publisher and date were missing',
        actor: { id: 'alice' },
        summary: `alice revised the publisher, publishedAt of ${SOURCE_NAME}`,
      });
      await mark('after revision');
    });

    it('shows the source with the metadata it had at a time, directly and through a claim’s anchor', async () => {
      const asOf = async (moment: string) =>
        (
          await alice.ok<{
            source: { publisher: string | null; version: number; revisions: unknown[]; textLength: number };
          }>(
            `query($id: ID!, $asOf: DateTime) { source(id: $id, asOf: $asOf) { publisher version textLength revisions { version } } }`,
            { id: sourceId, asOf: moment },
          )
        ).source;
      expect(await asOf(moments['before revision']!)).toEqual({
        publisher: null,
        version: 1,
        textLength: OP_ED.length,
        revisions: [],
      });
      expect(await asOf(moments['after revision']!)).toEqual({
        publisher: 'Daily Sabah',
        version: 2,
        textLength: OP_ED.length,
        revisions: [{ version: 2 }],
      });
      expect(
        (await claim(alice, `, asOf: "${moments['before revision']}"`)).anchor?.source.publisher,
      ).toBeNull();
      expect((await claim(alice)).anchor?.source.publisher).toBe('Daily Sabah');
    });

    it('only the proposer or an editor re-anchors a claim, by the rules of proposing', async () => {
      const input = {
        claimId,
        sourceId,
        quote: { exact: 'Central Asian states' },
        reason: 'The claim is about these words',
      };
      expect(await refused(carol, 'reanchorClaim', input, 'FORBIDDEN')).toContain(
        `only its proposer or an EDITOR may re-anchor claim ${claimId}; carol is ANALYST`,
      );
      expect(
        await refused(
          alice,
          'reanchorClaim',
          { ...input, quote: { exact: 'Central Asia is a Russian backyard' } },
          'BAD_USER_INPUT',
        ),
      ).toContain('is not in the source text');
      expect(await refused(alice, 'reanchorClaim', { ...input, reason: ' ' }, 'BAD_USER_INPUT')).toContain(
        'reason',
      );
      const before = await claim(alice);
      await mark('before reanchor');
      const moved = await alice.ok<{
        reanchorClaim: {
          claim: ClaimFields;
          events: Array<{ type: string; reason: string; summary: string }>;
        };
      }>(
        `mutation($input: ReanchorClaimInput!) { reanchorClaim(input: $input) { claim { ${CLAIM_FIELDS} } events { type reason summary } } }`,
        { input },
      );
      const { claim: reanchored, events } = moved.reanchorClaim;
      expect(reanchored.version).toBe(before.version + 1);
      expect(reanchored.anchor!.quote).toEqual({
        exact: 'Central Asian states',
        start: OP_ED.indexOf('Central Asian states'),
      });
      expect(events).toEqual([
        {
          type: 'ClaimReanchored',
          reason: 'The claim is about these words',
          summary: `alice re-anchored ${CLAIM_NAME} to 'Central Asian states' in ${SOURCE_NAME}`,
        },
      ]);
      // The claim as it stood before: its first anchor.
      const earlier = await claim(alice, `, asOf: "${moments['before reanchor']}"`);
      expect(earlier.anchor!.quote).toEqual({
        exact: 'geopolitical object',
        start: OP_ED.indexOf('geopolitical object'),
      });
      expect((await trail(claimId)).map((entry) => entry.type)).toContain('ClaimReanchored');
      // An editor may, too; and the same words again are refused.
      expect(await refused(erin, 'reanchorClaim', input, 'ILLEGAL_STATE')).toContain(
        'already anchored to these words',
      );
    });
  });

  describe('a retracted claim is no argument', () => {
    it('says so plainly, with nothing defeating it, though its counterpoint is still open', async () => {
      const retracted = await erin.ok<{ retractClaim: { claim: ClaimFields } }>(
        `mutation($id: ID!) { retractClaim(input: { claimId: $id, reason: "Misread the op-ed" }) { claim { ${CLAIM_FIELDS} } } }`,
        { id: claimId },
      );
      expect(retracted.retractClaim.claim).toMatchObject({
        status: 'RETRACTED',
        acceptability: 'OUT',
        defeatedBy: [],
        acceptabilityReason:
          'OUT because it is retracted: a retracted claim is no longer an argument, so nothing defeats it and it attacks nothing.',
      });
      await mark('retracted');
    });
  });

  describe('a projection rebuild and a restart keep all of it', () => {
    const snapshot = async () => ({
      now: await claim(alice),
      answered: await claim(alice, `, asOf: "${moments['answered']}"`),
      reopened: await claim(alice, `, asOf: "${moments['reopened']}"`),
      source: await alice.ok(
        `query($id: ID!) { source(id: $id) { title publisher publishedAt version textHash
          revisions { version reason revisedAt revisedBy { id role } changes { field from to } } } }`,
        { id: sourceId },
      ),
      sourceBefore: await alice.ok(
        `query($id: ID!, $asOf: DateTime) { source(id: $id, asOf: $asOf) { publisher version } }`,
        {
          id: sourceId,
          asOf: moments['before revision'],
        },
      ),
      trail: [...(await trail(claimId)), ...(await trail(sourceId))],
      standingHistory: await standingHistory(),
    });

    it('rebuilds the read model to the same answers, verifies it, and answers the same after a restart', async () => {
      const before = await snapshot();
      expect(before.now.counterpoints[0]!.thread).toHaveLength(2);
      const rebuilt = await cli(server, 'projections', 'rebuild');
      expect(rebuilt.code).toBe(0);
      // The running server switches to the new generation; its answers then come from the rebuilt file.
      const deadline = Date.now() + 15_000;
      while (!server.logs().includes('switched to a rebuilt generation') && Date.now() < deadline)
        await sleep(100);
      expect(server.logs()).toContain('switched to a rebuilt generation');
      expect(await snapshot()).toEqual(before);
      const verified = await cli(server, 'verify');
      expect(verified.stdout).toMatch(/^read model verified: /);
      await server.restart();
      expect(await snapshot()).toEqual(before);
    }, 60_000);
  });

  describe('no token, or only VIEWER', () => {
    it('refuses a VIEWER every new mutation, and an anonymous caller too', async () => {
      const viewer = client(server, await createToken(server, 'vera', 'VIEWER'));
      expect(counterpointId).toMatch(/^cpt_/);
      const mutations = [
        ['reopenCounterpoint', { claimId, counterpointId, text: 'Not so', reason: 'I disagree' }],
        ['reanchorClaim', { claimId, sourceId, quote: { exact: 'geopolitical object' }, reason: 'Back' }],
        ['reviseSource', { sourceId, title: 'Another title', reason: 'Shorter' }],
      ] as const;
      for (const [mutation, input] of mutations) {
        const type = `${mutation.charAt(0).toUpperCase()}${mutation.slice(1)}Input`;
        const response = await viewer(
          `mutation($input: ${type}!) { ${mutation}(input: $input) { __typename } }`,
          {
            input,
          },
        );
        expect(response.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
        expect(response.errors?.[0]?.message).toContain('needs the ANALYST role or higher; vera is VIEWER');
      }
      const anonymous = await gql(
        server.graphqlUrl,
        'mutation($input: ReviseSourceInput!) { reviseSource(input: $input) { source { id } } }',
        { input: { sourceId, title: 'x', reason: 'because' } },
      );
      expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    });
  });
});
