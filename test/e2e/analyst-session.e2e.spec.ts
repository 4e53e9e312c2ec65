import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { startServer, type TestServer } from '../support/server.js';
import { noteSkippedPostgres, STORE_KINDS } from '../support/store-places.js';
import { auditCount, client, codeOf, createToken, sleep, unknownId, type Client } from './support/e2e.js';

/**
 * One analyst's session over real HTTP against the real server: the op-ed is registered, a claim is
 * anchored in it, argued over, linked, revised, assessed and retracted, and the audit trail tells the story.
 * The tests run in order and build on each other, like the session they describe.
 */

const OP_ED = readFileSync('test/fixtures/op-ed.txt', 'utf8');
const QUOTE = 'transformation from a “geopolitical object” to a “geopolitical subject”';
const STATEMENT = 'Central Asia moved from geopolitical object to subject';
/** How audit summaries name claim A: the first words of its statement (before and after its revision). */
const A = `'Central Asia moved from geopolitical object to…'`;

interface AuditEntry {
  position: string;
  type: string;
  version: number;
  summary: string;
  subjectId: string;
  streamId: string;
  reason: string | null;
  occurredAt: string;
  actor: { id: string; role: string };
  data: Record<string, unknown>;
}

interface Claim {
  id: string;
  statement: string;
  status: string;
  acceptability: string;
  defeatedBy: string[];
  version: number;
  tags: string[];
  attributedTo: string | null;
  createdBy: { id: string; role: string };
  createdAt: string;
  updatedAt: string;
  anchor: {
    quote: { exact: string; prefix: string | null; suffix: string | null; start: number; end: number };
    source: { id: string; title: string };
  } | null;
  assessment: {
    verdict: string;
    confidence: number;
    rationale: string;
    assessedBy: { id: string; role: string };
    assessedAt: string;
  } | null;
  evidence: Array<{
    id: string;
    stance: string;
    summary: string;
    withdrawn: boolean;
    withdrawnReason: string | null;
  }>;
  counterpoints: Array<{
    id: string;
    state: string;
    text: string;
    response: string | null;
    respondedBy: { id: string } | null;
    raisedBy: { id: string };
  }>;
  relations: Array<{
    kind: string;
    from: { id: string };
    to: { id: string };
    rationale: string | null;
    linkedBy: { id: string };
  }>;
}

const ENTRY = 'position type version summary subjectId streamId reason occurredAt actor { id role } data';
const CLAIM = `id statement status acceptability defeatedBy version tags attributedTo createdBy { id role } createdAt updatedAt
  anchor { quote { exact prefix suffix start end } source { id title } }
  assessment { verdict confidence rationale assessedBy { id role } assessedAt }
  evidence { id stance summary withdrawn withdrawnReason }
  counterpoints { id state text response respondedBy { id } raisedBy { id } }
  relations { kind from { id } to { id } rationale linkedBy { id } }`;
const PAYLOAD = `{ claim { ${CLAIM} } events { ${ENTRY} } }`;

type Payload = { claim: Claim; events: AuditEntry[] };

const mutation = (name: string, inputType: string) =>
  `mutation($input: ${inputType}!) { ${name}(input: $input) ${PAYLOAD} }`;

noteSkippedPostgres('an analyst session over HTTP');

/** On each event store: the embedded SQLite file, and PostgreSQL when a test server is set. */
describe.each(STORE_KINDS)('an analyst session over HTTP (%s event store)', (store) => {
  let server: TestServer;
  let admin: Client;
  let alice: Client;
  let erin: Client;

  const run = async (name: string, input: Record<string, unknown>, as: Client = alice): Promise<Payload> => {
    const inputType = `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
    const data = await as.ok<Record<string, Payload>>(mutation(name, inputType), { input });
    return data[name]!;
  };
  const claim = async (id: string): Promise<Claim> =>
    (await alice.ok<{ claim: Claim }>(`query($id: ID!) { claim(id: $id) { ${CLAIM} } }`, { id })).claim;

  let sourceId: string;
  let claimA: string;
  let claimB: string;
  let claimC: string;
  let supporting: string;
  let undermining: string;
  let counterpoint: string;

  beforeAll(async () => {
    server = await startServer({}, { store });
    admin = client(server, server.adminToken);
    const [aliceToken, erinToken] = await Promise.all([
      createToken(server, 'alice', 'ANALYST'),
      createToken(server, 'erin', 'EDITOR'),
    ]);
    alice = client(server, aliceToken);
    erin = client(server, erinToken);
  }, 60_000);
  afterAll(() => server?.stop());

  it('registers the op-ed with its full text', async () => {
    const data = await alice.ok<{ registerSource: { source: Record<string, unknown> } }>(
      `mutation($input: RegisterSourceInput!) { registerSource(input: $input) { source {
        id title url author publisher publishedAt language textHash textLength registeredBy { id role } registeredAt } } }`,
      {
        input: {
          title: "Central Asia-Russia Summit: Moscow's quest for repositioning",
          url: 'https://example.org/op-ed',
          author: 'Zeynep Gizem Özpınar',
          publisher: 'Daily Sabah',
          publishedAt: '2025-10-28T00:05:00+03:00',
          language: 'en',
          text: OP_ED,
        },
      },
    );
    const source = data.registerSource.source;
    expect(source).toMatchObject({
      title: "Central Asia-Russia Summit: Moscow's quest for repositioning",
      author: 'Zeynep Gizem Özpınar',
      publisher: 'Daily Sabah',
      language: 'en',
      textLength: OP_ED.length,
      textHash: createHash('sha256').update(OP_ED, 'utf8').digest('hex'),
      registeredBy: { id: 'alice', role: 'ANALYST' },
    });
    expect(new Date(source['publishedAt'] as string).toISOString()).toBe('2025-10-27T21:05:00.000Z');
    expect(source['id']).toMatch(/^src_[0-9A-HJKMNP-TV-Z]{26}$/);
    sourceId = source['id'] as string;
  });

  it('proposes a claim anchored to the exact words of the op-ed', async () => {
    const { claim: proposed, events } = await run('proposeClaim', {
      statement: `  ${STATEMENT}  `,
      tags: ['central-asia', 'russia'],
      attributedTo: 'Zeynep Gizem Özpınar',
      sourceId,
      quote: { exact: QUOTE },
      note: 'the thesis of the column',
    });
    claimA = proposed.id;
    expect(claimA).toMatch(/^clm_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(proposed).toMatchObject({
      statement: STATEMENT, // trimmed
      status: 'OPEN',
      acceptability: 'IN',
      defeatedBy: [],
      version: 1,
      attributedTo: 'Zeynep Gizem Özpınar',
      createdBy: { id: 'alice', role: 'ANALYST' },
      evidence: [],
      counterpoints: [],
      relations: [],
      assessment: null,
    });
    expect([...proposed.tags].sort()).toEqual(['central-asia', 'russia']);
    const { quote, source } = proposed.anchor!;
    expect(quote.exact).toBe(QUOTE);
    expect(OP_ED.slice(quote.start, quote.end)).toBe(quote.exact);
    expect(quote.start).toBe(OP_ED.indexOf(QUOTE));
    expect(quote.end).toBe(quote.start + QUOTE.length);
    expect(quote.prefix).toBe(OP_ED.slice(quote.start - 32, quote.start));
    expect(quote.suffix).toBe(OP_ED.slice(quote.end, quote.end + 32));
    expect(source).toEqual({
      id: sourceId,
      title: "Central Asia-Russia Summit: Moscow's quest for repositioning",
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'ClaimProposed',
      version: 1,
      subjectId: claimA,
      streamId: `claim-${claimA}`,
      reason: 'the thesis of the column',
      actor: { id: 'alice', role: 'ANALYST' },
    });
    expect(events[0]!.summary).toBe(
      `alice proposed '${STATEMENT}' quoting 'Central Asia-Russia Summit: Moscow's quest for…'`,
    );
  });

  it('anchors a quote pasted with straight quotes and collapsed spacing to the original characters', async () => {
    const pasted =
      'Central Asia\'s transformation from a "geopolitical object"   to a "geopolitical subject"';
    const { claim: proposed } = await run('proposeClaim', {
      statement: 'Central Asia is now a geopolitical subject',
      sourceId,
      quote: { exact: pasted },
    });
    const { quote } = proposed.anchor!;
    const original = "Central Asia's transformation from a “geopolitical object” to a “geopolitical subject”";
    expect(quote.exact).toBe(original);
    expect(OP_ED.slice(quote.start, quote.end)).toBe(original);
    expect(quote.start).toBe(OP_ED.indexOf(original));
  });

  it('attaches supporting and undermining evidence, each bumping the version by one', async () => {
    const first = await run('attachEvidence', {
      claimId: claimA,
      stance: 'SUPPORTS',
      summary: 'Kazakhstan and Uzbekistan pursue multivector foreign policies',
      citation: {
        url: 'https://example.org/multivector',
        title: 'Multivector diplomacy in Central Asia',
        publisher: 'Example Review',
      },
      reliability: 0.8,
    });
    expect(first.claim.version).toBe(2);
    expect(first.events).toHaveLength(1);
    expect(first.events[0]).toMatchObject({ type: 'EvidenceAttached', version: 2, actor: { id: 'alice' } });
    expect(first.events[0]!.summary).toBe(
      `alice attached supporting evidence 'Multivector diplomacy in Central Asia' to ${A}`,
    );
    supporting = first.claim.evidence[0]!.id;
    expect(supporting).toMatch(/^evd_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(first.events[0]!.data['evidenceId']).toBe(supporting);

    const second = await run('attachEvidence', {
      claimId: claimA,
      stance: 'UNDERMINES',
      summary: 'The summit communique commits the region to Moscow-led institutions',
      citation: { title: 'Dushanbe declaration' },
      expectedVersion: 2,
    });
    expect(second.claim.version).toBe(3);
    expect(second.events.map((event) => [event.type, event.version])).toEqual([['EvidenceAttached', 3]]);
    undermining = second.claim.evidence.find((item) => item.stance === 'UNDERMINES')!.id;
    expect(second.claim.evidence.map((item) => item.id)).toEqual([supporting, undermining]);

    const byStance = await alice.ok<{
      claim: {
        supports: Array<{ id: string }>;
        undermines: Array<{
          id: string;
          reliability: number | null;
          citation: { url: string | null; title: string };
        }>;
      };
    }>(
      `query($id: ID!) { claim(id: $id) {
        supports: evidence(stance: SUPPORTS) { id }
        undermines: evidence(stance: UNDERMINES) { id reliability citation { url title } } } }`,
      { id: claimA },
    );
    expect(byStance.claim.supports.map((item) => item.id)).toEqual([supporting]);
    expect(byStance.claim.undermines).toEqual([
      { id: undermining, reliability: null, citation: { url: null, title: 'Dushanbe declaration' } },
    ]);
  });

  it('a counterpoint makes the claim CONTESTED and OUT, defeated by the counterpoint', async () => {
    const { claim: contested, events } = await run(
      'raiseCounterpoint',
      { claimId: claimA, text: 'Russia still dominates the security architecture of the region' },
      erin,
    );
    counterpoint = contested.counterpoints[0]!.id;
    expect(counterpoint).toMatch(/^cpt_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(contested).toMatchObject({ status: 'CONTESTED', acceptability: 'OUT', version: 4 });
    expect(contested.defeatedBy).toContain(counterpoint);
    expect(contested.counterpoints[0]).toMatchObject({
      state: 'OPEN',
      raisedBy: { id: 'erin' },
      response: null,
      respondedBy: null,
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'CounterpointRaised',
      version: 4,
      actor: { id: 'erin', role: 'EDITOR' },
    });
    expect(events[0]!.summary).toBe(
      `erin raised a counterpoint on ${A}: 'Russia still dominates the security architecture of the region'`,
    );
    // The read model agrees with the payload.
    expect(await claim(claimA)).toMatchObject({
      status: 'CONTESTED',
      acceptability: 'OUT',
      defeatedBy: [counterpoint],
    });
  });

  it('answering the counterpoint brings the claim back to OPEN and IN', async () => {
    const { claim: answered, events } = await run('respondToCounterpoint', {
      claimId: claimA,
      counterpointId: counterpoint,
      resolution: 'ANSWERED',
      response: 'Security cooperation is pragmatic and diversified, per the column',
    });
    expect(answered).toMatchObject({ status: 'OPEN', acceptability: 'IN', defeatedBy: [], version: 5 });
    expect(answered.counterpoints[0]).toMatchObject({
      id: counterpoint,
      state: 'ANSWERED',
      response: 'Security cooperation is pragmatic and diversified, per the column',
      respondedBy: { id: 'alice' },
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'CounterpointResolved',
      version: 5,
      reason: 'Security cooperation is pragmatic and diversified, per the column',
    });
    expect(events[0]!.summary).toBe(
      `alice answered the counterpoint 'Russia still dominates the security architecture…' on ${A}`,
    );
  });

  it('an ATTACKS link makes its target OUT, defeated by the attacker; unlinking restores it', async () => {
    claimB = (
      await run('proposeClaim', {
        statement: 'Moscow remains the centre of gravity for Central Asia',
        tags: ['russia'],
      })
    ).claim.id;

    const linked = await run('linkClaims', {
      fromClaimId: claimB,
      toClaimId: claimA,
      kind: 'ATTACKS',
      rationale: 'contradicts the thesis',
    });
    // The link lives on the attacker's stream: the payload is the from claim.
    expect(linked.claim).toMatchObject({ id: claimB, version: 2, acceptability: 'IN' });
    expect(linked.events.map((event) => [event.type, event.version, event.subjectId])).toEqual([
      ['ClaimLinked', 2, claimB],
    ]);
    expect(linked.events[0]).toMatchObject({
      summary: `alice linked 'Moscow remains the centre of gravity for Central…' as attacking ${A}`,
      reason: 'contradicts the thesis',
    });
    const relation = {
      kind: 'ATTACKS',
      from: { id: claimB },
      to: { id: claimA },
      rationale: 'contradicts the thesis',
      linkedBy: { id: 'alice' },
    };
    expect(linked.claim.relations).toEqual([relation]);

    const target = await claim(claimA);
    expect(target).toMatchObject({ acceptability: 'OUT', defeatedBy: [claimB], status: 'OPEN', version: 5 });
    expect(target.relations).toEqual([relation]);

    const unlinked = await run('unlinkClaims', {
      fromClaimId: claimB,
      toClaimId: claimA,
      kind: 'ATTACKS',
      reason: 'the attack was misread',
    });
    expect(unlinked.claim).toMatchObject({ id: claimB, version: 3, relations: [] });
    expect(unlinked.events).toMatchObject([
      { type: 'ClaimUnlinked', version: 3, reason: 'the attack was misread' },
    ]);
    expect(await claim(claimA)).toMatchObject({ acceptability: 'IN', defeatedBy: [], relations: [] });
  });

  it('tags and revises the claim, keeping the previous statement in the event', async () => {
    const tagged = await run('tagClaim', {
      claimId: claimA,
      add: ['eurasia', 'central-asia'],
      remove: ['russia'],
    });
    expect([...tagged.claim.tags].sort()).toEqual(['central-asia', 'eurasia']);
    expect(tagged.claim.version).toBe(6);
    expect(tagged.events).toMatchObject([
      { type: 'ClaimTagged', version: 6, data: { added: ['eurasia'], removed: ['russia'] } },
    ]);
    expect(tagged.events[0]!.summary).toBe(`alice tagged ${A} +eurasia -russia`);

    const revised = await run('reviseClaim', {
      claimId: claimA,
      statement: 'Central Asia moved from geopolitical object to geopolitical subject',
      reason: 'match the wording of the column',
      expectedVersion: 6,
    });
    expect(revised.claim).toMatchObject({
      statement: 'Central Asia moved from geopolitical object to geopolitical subject',
      version: 7,
    });
    expect(revised.events).toMatchObject([
      {
        type: 'ClaimRevised',
        version: 7,
        reason: 'match the wording of the column',
        data: {
          previousStatement: STATEMENT,
          statement: 'Central Asia moved from geopolitical object to geopolitical subject',
        },
      },
    ]);
    // The anchor does not move with a revision.
    expect(revised.claim.anchor!.quote.exact).toBe(QUOTE);
  });

  it('withdrawn evidence is hidden by default and shown with includeWithdrawn', async () => {
    const { claim: after, events } = await run('withdrawEvidence', {
      claimId: claimA,
      evidenceId: undermining,
      reason: 'the communique says the opposite',
    });
    expect(after.version).toBe(8);
    expect(events).toMatchObject([
      { type: 'EvidenceWithdrawn', version: 8, reason: 'the communique says the opposite' },
    ]);
    expect(after.evidence.map((item) => item.id)).toEqual([supporting]);
    const all = await alice.ok<{ claim: { evidence: Claim['evidence'] } }>(
      'query($id: ID!) { claim(id: $id) { evidence(includeWithdrawn: true) { id stance summary withdrawn withdrawnReason } } }',
      { id: claimA },
    );
    expect(all.claim.evidence).toEqual([
      expect.objectContaining({ id: supporting, withdrawn: false, withdrawnReason: null }),
      expect.objectContaining({
        id: undermining,
        withdrawn: true,
        withdrawnReason: 'the communique says the opposite',
      }),
    ]);
  });

  it('an EDITOR assesses the claim', async () => {
    const { claim: assessed, events } = await run(
      'assessClaim',
      {
        claimId: claimA,
        verdict: 'MOSTLY_ACCURATE',
        confidence: 0.7,
        rationale: 'the summit record bears it out, with caveats',
      },
      erin,
    );
    expect(assessed).toMatchObject({
      status: 'ASSESSED',
      version: 9,
      assessment: {
        verdict: 'MOSTLY_ACCURATE',
        confidence: 0.7,
        rationale: 'the summit record bears it out, with caveats',
        assessedBy: { id: 'erin', role: 'EDITOR' },
      },
    });
    expect(Date.parse(assessed.assessment!.assessedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(events).toMatchObject([
      { type: 'ClaimAssessed', version: 9, actor: { id: 'erin', role: 'EDITOR' } },
    ]);
    expect(events[0]!.summary).toBe(`erin assessed ${A} as MOSTLY_ACCURATE (confidence 0.7)`);
  });

  it('a retracted claim stops attacking: its target is IN again', async () => {
    claimC = (await run('proposeClaim', { statement: 'The summit changed nothing in the region' })).claim.id;
    await run('linkClaims', { fromClaimId: claimC, toClaimId: claimA, kind: 'UNDERCUTS' });
    expect(await claim(claimA)).toMatchObject({ acceptability: 'OUT', defeatedBy: [claimC] });

    const { claim: retracted, events } = await run('retractClaim', {
      claimId: claimC,
      reason: 'not supported by the text',
    });
    expect(retracted).toMatchObject({ id: claimC, status: 'RETRACTED', version: 3 });
    expect(events).toMatchObject([
      { type: 'ClaimRetracted', version: 3, reason: 'not supported by the text' },
    ]);
    expect(events[0]!.summary).toBe(`alice retracted 'The summit changed nothing in the region'`);
    expect(await claim(claimA)).toMatchObject({ acceptability: 'IN', defeatedBy: [], status: 'ASSESSED' });
  });

  it('Claim.history lists the stream newest first, and pages', async () => {
    const query = `query($id: ID!, $first: Int, $after: String) { claim(id: $id) { history(first: $first, after: $after) {
      totalCount edges { cursor node { type version subjectId } } pageInfo { hasNextPage endCursor } } } }`;
    type History = {
      claim: {
        history: {
          totalCount: number;
          edges: Array<{ cursor: string; node: { type: string; version: number; subjectId: string } }>;
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      };
    };
    const full = (await alice.ok<History>(query, { id: claimA, first: 50 })).claim.history;
    expect(full.totalCount).toBe(9);
    expect(full.edges.map((edge) => edge.node.version)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(full.edges.map((edge) => edge.node.type)).toEqual([
      'ClaimAssessed',
      'EvidenceWithdrawn',
      'ClaimRevised',
      'ClaimTagged',
      'CounterpointResolved',
      'CounterpointRaised',
      'EvidenceAttached',
      'EvidenceAttached',
      'ClaimProposed',
    ]);
    expect(full.edges.every((edge) => edge.node.subjectId === claimA)).toBe(true);

    const first = (await alice.ok<History>(query, { id: claimA, first: 4 })).claim.history;
    expect(first.edges.map((edge) => edge.node.version)).toEqual([9, 8, 7, 6]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await alice.ok<History>(query, { id: claimA, first: 4, after: first.pageInfo.endCursor }))
      .claim.history;
    expect(second.edges.map((edge) => edge.node.version)).toEqual([5, 4, 3, 2]);
    const third = (await alice.ok<History>(query, { id: claimA, first: 4, after: second.pageInfo.endCursor }))
      .claim.history;
    expect(third.edges.map((edge) => edge.node.version)).toEqual([1]);
    expect(third.pageInfo.hasNextPage).toBe(false);
  });

  it('auditTrail filters by subject, actor, types and time', async () => {
    const query = `query($filter: AuditFilter, $first: Int) { auditTrail(filter: $filter, first: $first) { totalCount edges { node { ${ENTRY} } } } }`;
    type Trail = { auditTrail: { totalCount: number; edges: Array<{ node: AuditEntry }> } };
    const trail = async (filter: Record<string, unknown>) =>
      (await alice.ok<Trail>(query, { filter, first: 100 })).auditTrail;

    const everything = await trail({});
    // 1 source + claim A (9) + the pasted-quote claim (1) + B (3) + C (3)
    expect(everything.totalCount).toBe(17);
    const positions = everything.edges.map((edge) => BigInt(edge.node.position));
    expect(positions).toEqual([...positions].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0))); // newest first
    expect(everything.edges.some((edge) => edge.node.type.startsWith('Token'))).toBe(false);

    const ofA = await trail({ subjectId: claimA });
    expect(ofA.totalCount).toBe(9);
    expect(ofA.edges.every((edge) => edge.node.subjectId === claimA)).toBe(true);

    const ofSource = await trail({ subjectId: sourceId });
    expect(ofSource.edges.map((edge) => edge.node.type)).toEqual(['SourceRegistered']);
    expect(ofSource.edges[0]!.node.data).not.toHaveProperty('text'); // the full text stays out of the audit

    const byErin = await trail({ actorId: 'erin' });
    expect(byErin.edges.map((edge) => edge.node.type).sort()).toEqual([
      'ClaimAssessed',
      'CounterpointRaised',
    ]);
    expect(byErin.edges.every((edge) => edge.node.actor.id === 'erin')).toBe(true);

    const evidence = await trail({ types: ['EvidenceAttached', 'EvidenceWithdrawn'] });
    expect(evidence.edges.map((edge) => edge.node.type).sort()).toEqual([
      'EvidenceAttached',
      'EvidenceAttached',
      'EvidenceWithdrawn',
    ]);
    const evidenceOfB = await trail({ types: ['EvidenceAttached'], subjectId: claimB });
    expect(evidenceOfB.totalCount).toBe(0);

    // Time: everything from the assessment on (inclusive), and everything up to it (inclusive).
    const assessedAt = byErin.edges.find((edge) => edge.node.type === 'ClaimAssessed')!.node.occurredAt;
    const from = await trail({ from: assessedAt });
    expect(from.edges.length).toBeGreaterThan(0);
    expect(from.edges.every((edge) => Date.parse(edge.node.occurredAt) >= Date.parse(assessedAt))).toBe(true);
    expect(from.edges.map((edge) => edge.node.type)).toContain('ClaimAssessed');
    expect(from.edges.map((edge) => edge.node.type)).toContain('ClaimRetracted');
    const to = await trail({ to: assessedAt });
    expect(to.edges.every((edge) => Date.parse(edge.node.occurredAt) <= Date.parse(assessedAt))).toBe(true);
    expect(to.edges.map((edge) => edge.node.type)).toContain('SourceRegistered');
    expect(to.edges.map((edge) => edge.node.type)).not.toContain('ClaimRetracted');
    // Every entry is in one of the two windows; only those at the boundary instant are in both.
    const atBoundary = everything.edges.filter(
      (edge) => Date.parse(edge.node.occurredAt) === Date.parse(assessedAt),
    ).length;
    expect(from.totalCount + to.totalCount).toBe(everything.totalCount + atBoundary);
    // A time zone offset names the same instant.
    const shifted = new Date(Date.parse(assessedAt)).toISOString().replace('Z', '+00:00');
    expect((await trail({ from: shifted })).totalCount).toBe(from.totalCount);
    const both = await trail({ from: assessedAt, to: assessedAt, actorId: 'erin' });
    expect(both.edges.map((edge) => edge.node.type)).toEqual(['ClaimAssessed']);
    const future = await trail({ from: new Date(Date.now() + 86_400_000).toISOString() });
    expect(future).toEqual({ totalCount: 0, edges: [] });
  });

  it('node(id) resolves claims and sources by their id prefix, and null for unknown ids', async () => {
    const query =
      'query($id: ID!) { node(id: $id) { __typename id ... on Claim { statement } ... on Source { title } } }';
    expect((await alice.ok<{ node: unknown }>(query, { id: claimA })).node).toEqual({
      __typename: 'Claim',
      id: claimA,
      statement: 'Central Asia moved from geopolitical object to geopolitical subject',
    });
    expect((await alice.ok<{ node: unknown }>(query, { id: sourceId })).node).toEqual({
      __typename: 'Source',
      id: sourceId,
      title: "Central Asia-Russia Summit: Moscow's quest for repositioning",
    });
    expect((await alice.ok<{ node: unknown }>(query, { id: unknownId('clm') })).node).toBeNull();
    expect((await alice.ok<{ node: unknown }>(query, { id: unknownId('src') })).node).toBeNull();
    expect((await alice.ok<{ node: unknown }>(query, { id: supporting })).node).toBeNull(); // evidence is no Node
    expect((await alice.ok<{ node: unknown }>(query, { id: 'not-an-id' })).node).toBeNull();
    expect(
      (
        await alice.ok<{ claim: unknown }>('query($id: ID!) { claim(id: $id) { id } }', {
          id: unknownId('clm'),
        })
      ).claim,
    ).toBeNull();
  });

  it('a stale expectedVersion is a CONFLICT with the current version, and appends nothing', async () => {
    const before = await claim(claimB);
    const count = await auditCount(alice);
    const stale = await alice(mutation('attachEvidence', 'AttachEvidenceInput'), {
      input: {
        claimId: claimB,
        stance: 'SUPPORTS',
        summary: 'Trade still flows through Russia',
        citation: { title: 'Trade data' },
        expectedVersion: before.version - 1,
      },
    });
    expect(stale.data).toBeNull();
    expect(stale.errors).toHaveLength(1);
    expect(stale.errors![0]!.extensions).toEqual({ code: 'CONFLICT', currentVersion: before.version });
    expect(stale.errors![0]!.message).toContain(`is at version ${before.version}`);
    const tagStale = await alice(mutation('tagClaim', 'TagClaimInput'), {
      input: { claimId: claimB, add: ['trade'], expectedVersion: 0 },
    });
    expect(tagStale.errors![0]!.extensions).toMatchObject({
      code: 'CONFLICT',
      currentVersion: before.version,
    });

    expect((await claim(claimB)).version).toBe(before.version);
    expect(await auditCount(alice)).toBe(count);

    // The right version goes through.
    const fresh = await run('tagClaim', { claimId: claimB, add: ['trade'], expectedVersion: before.version });
    expect(fresh.claim.version).toBe(before.version + 1);
    expect(await auditCount(alice)).toBe(count + 1);
  });

  describe('idempotency keys', () => {
    const input = {
      statement: 'Dushanbe showed a region that balances between powers',
      tags: ['balance'],
      idempotencyKey: 'session-42/claim-1',
    };
    let id: string;

    it('the same proposeClaim twice returns the same claim and appends nothing the second time', async () => {
      const count = await auditCount(alice);
      const first = await run('proposeClaim', input);
      id = first.claim.id;
      expect(first.events.map((event) => event.type)).toEqual(['ClaimProposed']);
      expect(await auditCount(alice)).toBe(count + 1);

      const second = await run('proposeClaim', input);
      expect(second.claim.id).toBe(id);
      expect(second.claim.version).toBe(1);
      expect(await auditCount(alice)).toBe(count + 1);
      // ClaimPayload.events: "empty when an idempotent retry appended nothing" (contract.graphql).
      expect(second.events).toEqual([]);
    });

    it('keys are per actor: another actor with the same key makes another claim', async () => {
      const other = await run('proposeClaim', input, erin);
      expect(other.claim.id).not.toBe(id);
      expect(other.claim.createdBy).toEqual({ id: 'erin', role: 'EDITOR' });
      expect(other.events).toHaveLength(1);
    });

    it('an idempotent attachEvidence retry returns the same evidence once', async () => {
      const evidence = {
        claimId: id,
        stance: 'SUPPORTS',
        summary: 'Leaders stressed their own development models',
        citation: { title: 'Communique' },
        idempotencyKey: 'ev-1',
      };
      const first = await run('attachEvidence', evidence);
      const second = await run('attachEvidence', evidence);
      expect(first.events).toHaveLength(1);
      expect(second.claim.version).toBe(2);
      expect(second.claim.evidence.map((item) => item.id)).toEqual(
        first.claim.evidence.map((item) => item.id),
      );
      expect(second.events).toEqual([]);
    });

    it('refuses a key reused for a different request, naming the key, and appends nothing', async () => {
      const evidence = {
        claimId: id,
        stance: 'SUPPORTS',
        summary: 'Leaders stressed their own development models',
        citation: { title: 'Communique' },
        idempotencyKey: 'ev-reused',
      };
      await run('attachEvidence', evidence);
      const count = await auditCount(alice);
      const different = await alice(mutation('attachEvidence', 'AttachEvidenceInput'), {
        input: { ...evidence, stance: 'UNDERMINES' },
      });
      expect(codeOf(different)).toBe('BAD_USER_INPUT');
      expect(different.errors![0]!.extensions!['field']).toBe('idempotencyKey');
      expect(different.errors![0]!.message).toContain('"ev-reused"');
      // Another mutation on the same claim with the same key is a different request too.
      const tagged = await alice(mutation('tagClaim', 'TagClaimInput'), {
        input: { claimId: id, add: ['reused-key'], idempotencyKey: 'ev-reused' },
      });
      expect(codeOf(tagged)).toBe('BAD_USER_INPUT');
      expect(await auditCount(alice)).toBe(count);
      // The exact same request is still a retry, also with another expectedVersion.
      const retried = await run('attachEvidence', { ...evidence, expectedVersion: 99 });
      expect(retried.events).toEqual([]);
    });

    it('after a restart the retried command still returns the same claim and appends nothing', async () => {
      const count = await auditCount(alice);
      const claims = (await alice.ok<{ claims: { totalCount: number } }>('{ claims { totalCount } }')).claims
        .totalCount;
      await server.restart();
      const retried = await run('proposeClaim', input);
      expect(retried.claim.id).toBe(id);
      expect(await auditCount(alice)).toBe(count);
      expect(
        (await alice.ok<{ claims: { totalCount: number } }>('{ claims { totalCount } }')).claims.totalCount,
      ).toBe(claims);
      // And the state of the whole session survived the restart.
      expect(await claim(claimA)).toMatchObject({ status: 'ASSESSED', acceptability: 'IN', version: 9 });
      expect(
        codeOf(
          await admin(mutation('retractClaim', 'RetractClaimInput'), {
            input: { claimId: claimC, reason: 'once more' },
          }),
        ),
      ).toBe('ILLEGAL_STATE');
      expect(retried.events).toEqual([]);
    });
  });

  it('timestamps move forward: updatedAt ≥ createdAt and updatedAt changes with each event', async () => {
    const before = await claim(claimB);
    await sleep(5);
    const after = await run('tagClaim', { claimId: claimB, add: ['later'] });
    expect(Date.parse(after.claim.updatedAt)).toBeGreaterThan(Date.parse(before.updatedAt));
    expect(after.claim.createdAt).toBe(before.createdAt);
    expect(Date.parse(after.claim.updatedAt)).toBeGreaterThanOrEqual(Date.parse(after.claim.createdAt));
  });

  it('grounded semantics across links and counterpoints: reinstatement, concession, dismissal', async () => {
    const target = (await run('proposeClaim', { statement: 'The summit was a success for Moscow' })).claim.id;
    const attacker = (await run('proposeClaim', { statement: 'The summit produced no binding agreements' }))
      .claim.id;
    await run('linkClaims', { fromClaimId: attacker, toClaimId: target, kind: 'ATTACKS' });
    expect(await claim(target)).toMatchObject({ acceptability: 'OUT', defeatedBy: [attacker] });

    // An open counterpoint on the attacker defeats it, which reinstates the target.
    const objection = (
      await run(
        'raiseCounterpoint',
        { claimId: attacker, text: 'The communique lists several agreements' },
        erin,
      )
    ).claim.counterpoints[0]!.id;
    expect(await claim(attacker)).toMatchObject({
      acceptability: 'OUT',
      defeatedBy: [objection],
      status: 'CONTESTED',
    });
    expect(await claim(target)).toMatchObject({ acceptability: 'IN', defeatedBy: [] });

    // Conceded, the counterpoint still attacks (status leaves CONTESTED, the label stays OUT).
    await run('respondToCounterpoint', {
      claimId: attacker,
      counterpointId: objection,
      resolution: 'CONCEDED',
      response: 'Fair, there were agreements',
    });
    expect(await claim(attacker)).toMatchObject({
      acceptability: 'OUT',
      defeatedBy: [objection],
      status: 'OPEN',
    });
    expect(await claim(target)).toMatchObject({ acceptability: 'IN' });

    // A counterpoint on the target defeats it while OPEN; dismissed, it attacks nothing.
    const second = (
      await run('raiseCounterpoint', { claimId: target, text: 'Success is in the eye of the beholder' }, erin)
    ).claim.counterpoints[0]!.id;
    expect(await claim(target)).toMatchObject({
      acceptability: 'OUT',
      defeatedBy: [second],
      status: 'CONTESTED',
    });
    // Dismissal is editorial: the editor's.
    await run(
      'respondToCounterpoint',
      { claimId: target, counterpointId: second, resolution: 'DISMISSED', response: 'Not an argument' },
      erin,
    );
    // An UNDERCUTS link is a second defeater of the attacker.
    const undercut = (await run('proposeClaim', { statement: 'The agreements were never ratified' })).claim
      .id;
    await run('linkClaims', { fromClaimId: undercut, toClaimId: attacker, kind: 'UNDERCUTS' });
    expect(await claim(target)).toMatchObject({ acceptability: 'IN', status: 'OPEN', defeatedBy: [] });
    expect(await claim(attacker)).toMatchObject({ acceptability: 'OUT' });
    expect([...(await claim(attacker)).defeatedBy].sort()).toEqual([objection, undercut].sort());
  });
});
