import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { client, codeOf, sleep, type Client } from '../e2e/support/e2e.js';
import { startServer, type TestServer } from '../support/server.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * The per-claim fields of a claim list over HTTP against the real server: the arguments of `evidence` and
 * `counterpoints` (plain GraphQL arguments that no validation pipe sees), the relations at both ends, and a
 * `totalCount` that is only counted when it is asked for (the server runs with the statement counter of
 * test/e2e/support/sql-counter.mjs preloaded). Every expectation comes from what the test made.
 */

const MUTATION = (name: string, input: string) =>
  `mutation($input: ${input}!) { ${name}(input: $input) { claim { id version evidence(includeWithdrawn: true) { id } counterpoints { id } } } }`;

interface Made {
  claim: {
    id: string;
    version: number;
    evidence: Array<{ id: string }>;
    counterpoints: Array<{ id: string }>;
  };
}

const CLAIM = `query($id: ID!, $stance: Stance, $includeWithdrawn: Boolean, $state: CounterpointState) { claim(id: $id) {
  all: evidence { id stance withdrawn }
  asked: evidence(stance: $stance, includeWithdrawn: $includeWithdrawn) { id stance withdrawn }
  supporting: evidence(stance: SUPPORTS) { id }
  undermining: evidence(stance: UNDERMINES) { id }
  everything: evidence(includeWithdrawn: true) { id }
  supportingEver: evidence(stance: SUPPORTS, includeWithdrawn: true) { id }
  counterpoints { id state }
  inState: counterpoints(state: $state) { id state }
  open: counterpoints(state: OPEN) { id }
  relations { kind from { id statement } to { id statement } }
  createdAt updatedAt
} }`;

interface ClaimFields {
  all: Array<{ id: string; stance: string; withdrawn: boolean }>;
  asked: Array<{ id: string; stance: string; withdrawn: boolean }>;
  supporting: Array<{ id: string }>;
  undermining: Array<{ id: string }>;
  everything: Array<{ id: string }>;
  supportingEver: Array<{ id: string }>;
  counterpoints: Array<{ id: string; state: string }>;
  inState: Array<{ id: string; state: string }>;
  open: Array<{ id: string }>;
  relations: Array<{
    kind: string;
    from: { id: string; statement: string };
    to: { id: string; statement: string };
  }>;
  createdAt: string;
  updatedAt: string;
}

const ids = (items: ReadonlyArray<{ id: string }>) => items.map((item) => item.id);

describe('claim fields with arguments, relations and totalCount over HTTP', () => {
  let server: TestServer;
  let admin: Client;
  let claimA: string;
  let claimB: string;
  /** Evidence of claim A in the order attached: supports, undermines, supports (withdrawn). */
  let evidence: string[];
  /** Counterpoints of claim A: the first left open, the second answered. */
  let counterpoints: string[];
  const tagged: string[] = [];
  const countsDir = tempDir('claim-fields-sql');
  const countsFile = join(countsDir.path, 'counts.json');

  /** SELECTs from the claims table so far (the counter flushes 5 ms after the last statement). */
  const claimSelects = async (): Promise<number> => {
    await sleep(40);
    return (
      (JSON.parse(readFileSync(countsFile, 'utf8')) as { byTable: Record<string, number> }).byTable[
        'claims'
      ] ?? 0
    );
  };

  const run = async (name: string, input: Record<string, unknown>) =>
    (
      await admin.ok<Record<string, Made>>(MUTATION(name, `${name[0]!.toUpperCase()}${name.slice(1)}Input`), {
        input,
      })
    )[name]!.claim;

  const claimFields = async (id: string, variables: Record<string, unknown> = {}) =>
    (await admin.ok<{ claim: ClaimFields }>(CLAIM, { id, ...variables })).claim;

  beforeAll(async () => {
    const counter = pathToFileURL(resolve('test/e2e/support/sql-counter.mjs')).href;
    server = await startServer({
      NODE_OPTIONS: `${process.env['NODE_OPTIONS'] ?? ''} --import=${counter}`.trim(),
      CLAIMTRAIL_TEST_SQL_COUNTS: countsFile,
    });
    admin = client(server, server.adminToken);
    claimA = (
      await run('proposeClaim', { statement: 'The summit produced a binding agreement', tags: ['fields'] })
    ).id;
    claimB = (await run('proposeClaim', { statement: 'The communiqué binds no one in Tashkent' })).id;
    // The claims table has 5 rows: A, B and three more tagged `fields` and `extra`.
    for (let index = 0; index < 3; index++) {
      tagged.push(
        (await run('proposeClaim', { statement: `Tagged claim ${index}`, tags: ['fields', 'extra'] })).id,
      );
    }
    const citation = { url: 'https://example.org/communique', title: 'The communiqué' };
    let attached: Made['claim'] | undefined;
    for (const stance of ['SUPPORTS', 'UNDERMINES', 'SUPPORTS']) {
      attached = await run('attachEvidence', {
        claimId: claimA,
        stance,
        summary: `${stance.toLowerCase()} the claim`,
        citation,
      });
    }
    evidence = ids(attached!.evidence);
    await run('withdrawEvidence', {
      claimId: claimA,
      evidenceId: evidence[2],
      reason: 'The page was a draft',
    });
    await run('raiseCounterpoint', { claimId: claimA, text: 'Nobody signed it' });
    counterpoints = ids(
      (await run('raiseCounterpoint', { claimId: claimA, text: 'The text is not public' })).counterpoints,
    );
    await run('respondToCounterpoint', {
      claimId: claimA,
      counterpointId: counterpoints[1],
      resolution: 'ANSWERED',
      response: 'It was published the next day',
    });
    await run('linkClaims', { fromClaimId: claimB, toClaimId: claimA, kind: 'ATTACKS' });
  });

  afterAll(async () => {
    await server?.stop();
    countsDir.remove();
  });

  it('made what the other tests expect', () => {
    expect(evidence).toHaveLength(3);
    expect(counterpoints).toHaveLength(2);
  });

  it('filters evidence by stance and leaves withdrawn evidence out unless asked for', async () => {
    const claim = await claimFields(claimA);
    expect(ids(claim.all)).toEqual([evidence[0], evidence[1]]);
    expect(claim.all.map((item) => [item.stance, item.withdrawn])).toEqual([
      ['SUPPORTS', false],
      ['UNDERMINES', false],
    ]);
    expect(ids(claim.supporting)).toEqual([evidence[0]]);
    expect(ids(claim.undermining)).toEqual([evidence[1]]);
    expect(ids(claim.everything)).toEqual(evidence);
    expect(ids(claim.supportingEver)).toEqual([evidence[0], evidence[2]]);
  });

  it('takes the evidence arguments from variables too, null meaning the default', async () => {
    expect(ids((await claimFields(claimA, { stance: 'UNDERMINES' })).asked)).toEqual([evidence[1]]);
    expect(ids((await claimFields(claimA, { stance: 'SUPPORTS', includeWithdrawn: true })).asked)).toEqual([
      evidence[0],
      evidence[2],
    ]);
    expect(ids((await claimFields(claimA, { stance: null, includeWithdrawn: null })).asked)).toEqual([
      evidence[0],
      evidence[1],
    ]);
    expect(ids((await claimFields(claimA, { includeWithdrawn: false })).asked)).toEqual([
      evidence[0],
      evidence[1],
    ]);
  });

  it('filters counterpoints by state', async () => {
    const claim = await claimFields(claimA, { state: 'ANSWERED' });
    expect(claim.counterpoints).toEqual([
      { id: counterpoints[0], state: 'OPEN' },
      { id: counterpoints[1], state: 'ANSWERED' },
    ]);
    expect(claim.inState).toEqual([{ id: counterpoints[1], state: 'ANSWERED' }]);
    expect(ids(claim.open)).toEqual([counterpoints[0]]);
    expect((await claimFields(claimA, { state: 'CONCEDED' })).inState).toEqual([]);
  });

  it('refuses an unknown stance or state, a non-boolean includeWithdrawn, with BAD_USER_INPUT naming the enum', async () => {
    const literal = await admin(`query($id: ID!) { claim(id: $id) { evidence(stance: MAYBE) { id } } }`, {
      id: claimA,
    });
    expect(codeOf(literal)).toBe('BAD_USER_INPUT');
    expect(literal.errors?.[0]?.message).toMatch(/MAYBE.*Stance/);
    const variable = await admin(CLAIM, { id: claimA, stance: 'supports' });
    expect(codeOf(variable)).toBe('BAD_USER_INPUT');
    expect(variable.errors?.[0]?.message).toMatch(/\$stance/);
    const state = await admin(CLAIM, { id: claimA, state: 'CLOSED' });
    expect(codeOf(state)).toBe('BAD_USER_INPUT');
    expect(state.errors?.[0]?.message).toMatch(/\$state/);
    const flag = await admin(CLAIM, { id: claimA, includeWithdrawn: 'yes' });
    expect(codeOf(flag)).toBe('BAD_USER_INPUT');
    expect(flag.errors?.[0]?.message).toMatch(/\$includeWithdrawn/);
    for (const response of [literal, variable, state, flag]) expect(response.data ?? null).toBeNull();
  });

  it('shows a relation on the claims at both of its ends', async () => {
    const relation = {
      kind: 'ATTACKS',
      from: { id: claimB, statement: 'The communiqué binds no one in Tashkent' },
      to: { id: claimA, statement: 'The summit produced a binding agreement' },
    };
    expect((await claimFields(claimA)).relations).toEqual([relation]);
    expect((await claimFields(claimB)).relations).toEqual([relation]);
  });

  it('serializes the stored times as they were answered by the mutations, as ISO date-times', async () => {
    const claim = await claimFields(claimA);
    for (const time of [claim.createdAt, claim.updatedAt]) {
      expect(time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(new Date(time).toISOString()).toBe(time);
    }
    expect(claim.updatedAt > claim.createdAt).toBe(true);
  });

  describe('totalCount', () => {
    const COUNT = `query($first: Int, $filter: ClaimFilter) { claims(first: $first, filter: $filter) { totalCount } }`;
    const count = async (variables: Record<string, unknown>) =>
      (await admin.ok<{ claims: { totalCount: number } }>(COUNT, variables)).claims.totalCount;

    it('counts every matching claim when asked alone, whatever the page size', async () => {
      expect(await count({})).toBe(5);
      expect(await count({ first: 0 })).toBe(5);
      expect(await count({ first: 1 })).toBe(5);
      expect(await count({ filter: { tags: ['fields'] } })).toBe(4);
      expect(await count({ filter: { tags: ['fields', 'extra'] }, first: 2 })).toBe(3);
      expect(await count({ filter: { tags: ['absent'] } })).toBe(0);
      expect(await count({ filter: { search: 'tashkent' } })).toBe(1);
    });

    it('counts beside the page and its cursors, and under more than one alias', async () => {
      const { claims, again } = await admin.ok<{
        claims: {
          totalCount: number;
          edges: Array<{ node: { id: string } }>;
          pageInfo: { hasNextPage: boolean };
        };
        again: { totalCount: number; other: number };
      }>(`{
        claims(first: 2, filter: { tags: ["fields"] }) { edges { node { id } } pageInfo { hasNextPage } totalCount }
        again: claims(first: 10) { totalCount other: totalCount }
      }`);
      expect(claims.edges).toHaveLength(2);
      expect(claims.pageInfo.hasNextPage).toBe(true);
      expect(claims.totalCount).toBe(4);
      expect(again).toEqual({ totalCount: 5, other: 5 });
    });

    it('runs the count only when totalCount is asked for', async () => {
      const PAGE = `query($withCount: Boolean!) { claims(first: 10, filter: { tags: ["fields"] }) {
        edges { node { id } } totalCount @include(if: $withCount)
      } }`;
      const selects = async (withCount: boolean) => {
        const before = await claimSelects();
        const { claims } = await admin.ok<{ claims: { edges: unknown[]; totalCount?: number } }>(PAGE, {
          withCount,
        });
        expect(claims.edges).toHaveLength(4);
        expect(claims.totalCount).toBe(withCount ? 4 : undefined);
        return (await claimSelects()) - before;
      };
      expect(await selects(false)).toBe(1);
      expect(await selects(true)).toBe(2);
    });

    it('answers a page without totalCount, and a bad search fails even when only totalCount is asked for', async () => {
      const page = await admin.ok<{ claims: { edges: Array<{ node: { id: string } }> } }>(
        `{ claims(first: 10, filter: { tags: ["extra"] }) { edges { node { id } } } }`,
      );
      expect(ids(page.claims.edges.map((edge) => edge.node)).sort()).toEqual([...tagged].sort());
      const bad = await admin(COUNT, { filter: { search: '"unterminated', searchMode: 'ADVANCED' } });
      expect(codeOf(bad)).toBe('BAD_USER_INPUT');
      expect(bad.errors?.[0]?.extensions?.['field']).toBe('filter.search');
    });
  });
});
