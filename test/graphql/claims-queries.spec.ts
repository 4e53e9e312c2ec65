import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type Database from 'better-sqlite3';
import { ClaimsQueries } from '../../src/claims/read-model/claims.queries.js';
import { toConnection } from '../../src/graphql/connection.js';
import { PROJECTIONS } from '../../src/projections.js';
import { openReadModel } from '../../src/read-model/read-model.database.js';

/**
 * The queries behind a claims page, on a real read model (in memory) whose rows the test writes itself, so
 * every expectation is computed from those rows: the columns a ClaimView is read from, the lazy totalCount,
 * and relations from and to a set of claims.
 */

const claimId = (index: number) => `clm_01JB${String(index).padStart(22, '0')}`;
const at = (minute: number) => new Date(Date.UTC(2025, 9, 28, 0, minute)).toISOString();
const KINDS = ['SUPPORTS', 'ATTACKS', 'UNDERCUTS', 'REFINES'] as const;

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
const random = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};

interface Relation {
  from_id: string;
  to_id: string;
  kind: string;
  rationale: string | null;
  linked_by: string;
  linked_role: string;
  linked_at: string;
  seq: number;
}

describe('ClaimsQueries over a read model written by the test', () => {
  let db: Database.Database;
  let queries: ClaimsQueries;
  const CLAIMS = 40;
  const relations: Relation[] = [];

  beforeAll(() => {
    db = openReadModel(':memory:', PROJECTIONS);
    queries = new ClaimsQueries(db);
    const insertClaim =
      db.prepare(`INSERT INTO claims (id, statement, status, tags, attributed_to, source_id, quote, note,
      verdict, assessment, acceptability, defeated_by, version, created_by, created_role, created_at, updated_at, seq,
      evidence_count) VALUES (@id, @statement, @status, @tags, @attributedTo, @sourceId, @quote, 'a note', @verdict,
      @assessment, @acceptability, @defeatedBy, @version, @createdBy, 'ANALYST', @createdAt, @updatedAt, @seq, 3)`);
    for (let index = 0; index < CLAIMS; index++) {
      const assessed = index % 3 === 0;
      insertClaim.run({
        id: claimId(index),
        statement: `Statement ${String((index * 7) % CLAIMS).padStart(2, '0')}`,
        status: assessed ? 'ASSESSED' : 'OPEN',
        tags: JSON.stringify(index % 2 ? ['odd'] : ['even', 'central-asia']),
        attributedTo: index % 4 ? null : 'The op-ed author',
        sourceId: index % 5 ? null : 'src_01JB0000000000000000000001',
        quote:
          index % 5
            ? null
            : JSON.stringify({ exact: 'geopolitical object', prefix: null, suffix: null, start: 3, end: 22 }),
        verdict: assessed ? 'MISLEADING' : null,
        assessment: assessed
          ? JSON.stringify({
              verdict: 'MISLEADING',
              confidence: 0.7,
              rationale: 'Half of it',
              assessedBy: { id: 'erin', role: 'EDITOR' },
              assessedAt: at(index + 1),
            })
          : null,
        acceptability: index % 7 ? 'IN' : 'OUT',
        defeatedBy: JSON.stringify(index % 7 ? [] : [claimId(index + 1)]),
        version: index + 1,
        createdBy: index % 2 ? 'alice' : 'bob',
        createdAt: at(index),
        updatedAt: at(100 - index),
        seq: 1000 + index,
      });
      for (const tag of index % 2 ? ['odd'] : ['even', 'central-asia']) {
        db.prepare('INSERT INTO claim_tags (claim_id, tag) VALUES (?, ?)').run(claimId(index), tag);
      }
    }
    const next = random(20251028);
    const insertRelation =
      db.prepare(`INSERT OR IGNORE INTO relations (from_id, to_id, kind, rationale, linked_by,
      linked_role, linked_at, seq) VALUES (@from_id, @to_id, @kind, @rationale, @linked_by, @linked_role, @linked_at, @seq)`);
    for (let seq = 1; seq <= 300; seq++) {
      const from = Math.floor(next() * CLAIMS);
      // Now and then a claim linked to itself, which its list must show once.
      const to = next() < 0.05 ? from : Math.floor(next() * CLAIMS);
      const relation: Relation = {
        from_id: claimId(from),
        to_id: claimId(to),
        kind: KINDS[Math.floor(next() * KINDS.length)]!,
        rationale: next() < 0.5 ? null : `because ${seq}`,
        linked_by: 'alice',
        linked_role: 'ANALYST',
        linked_at: at(seq),
        seq,
      };
      if (insertRelation.run(relation).changes === 1) relations.push(relation);
    }
  });

  afterAll(() => {
    db.close();
  });

  it('reads every field of a ClaimView from its row', () => {
    const claim = queries.claim(claimId(15))!;
    expect(claim).toEqual({
      id: claimId(15),
      statement: 'Statement 25',
      status: 'ASSESSED',
      tags: ['odd'],
      attributedTo: null,
      anchor: {
        sourceId: 'src_01JB0000000000000000000001',
        quote: { exact: 'geopolitical object', prefix: null, suffix: null, start: 3, end: 22 },
      },
      assessment: {
        verdict: 'MISLEADING',
        confidence: 0.7,
        rationale: 'Half of it',
        assessedBy: { id: 'erin', role: 'EDITOR' },
        assessedAt: at(16),
      },
      acceptability: 'IN',
      defeatedBy: [],
      version: 16,
      createdBy: { id: 'alice', role: 'ANALYST' },
      createdAt: at(15),
      updatedAt: at(85),
    });
    expect(queries.claim(claimId(28))).toMatchObject({
      attributedTo: 'The op-ed author',
      anchor: null,
      assessment: null,
      acceptability: 'OUT',
      defeatedBy: [claimId(29)],
    });
    expect(queries.claim('clm_01JB9999999999999999999999')).toBeUndefined();
    const byIds = queries.claimsByIds([claimId(15), claimId(28), 'clm_01JB9999999999999999999999']);
    expect([...byIds.keys()].sort()).toEqual([claimId(15), claimId(28)]);
    expect(byIds.get(claimId(15))).toEqual(claim);
  });

  it.each([
    ['CREATED_AT', 'ASC', (index: number) => at(index)],
    ['UPDATED_AT', 'DESC', (index: number) => at(100 - index)],
    ['STATEMENT', 'ASC', (index: number) => `Statement ${String((index * 7) % 40).padStart(2, '0')}`],
  ] as const)(
    'pages through every claim by %s %s with cursors, the same views as one by one',
    (field, direction, key) => {
      const expected = Array.from({ length: CLAIMS }, (_, index) => index)
        .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (direction === 'ASC' ? 1 : -1))
        .map(claimId);
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page = queries.list({}, { field, direction }, 7, after);
        for (const item of page.items) expect(item).toEqual(queries.claim(item.id));
        seen.push(...page.items.map((item) => item.id));
        expect(page.hasPreviousPage).toBe(after !== null);
        if (!page.hasNextPage) break;
        after = page.cursors.at(-1)!;
      }
      expect(seen).toEqual(expected);
    },
  );

  it('counts with the filter of the page, whatever its size and cursor', () => {
    const indexes = Array.from({ length: CLAIMS }, (_, index) => index);
    const page = queries.list({ tags: ['even'], status: ['ASSESSED'] }, undefined, 2);
    expect(page.items.map((item) => item.id)).toEqual([claimId(36), claimId(30)]);
    expect(page.totalCount).toBe(indexes.filter((index) => index % 6 === 0).length);
    expect(page.totalCount).toBe(7);
    expect(queries.list({ status: ['OPEN'] }, undefined, 0).totalCount).toBe(
      indexes.filter((index) => index % 3 !== 0).length,
    );
    expect(
      queries.list(
        { tags: ['odd'] },
        undefined,
        5,
        queries.list({ tags: ['odd'] }, undefined, 5).cursors.at(-1),
      ).totalCount,
    ).toBe(20);
    expect(queries.list().totalCount).toBe(CLAIMS);
  });

  it('turns a page into a connection without reading its totalCount, which stays on the prototypes', () => {
    let counted = 0;
    const page = {
      items: ['a', 'b'],
      cursors: ['c1', 'c2'],
      hasNextPage: true,
      hasPreviousPage: false,
      get totalCount() {
        counted++;
        return 9;
      },
    };
    const connection = toConnection(page);
    expect(connection.edges).toEqual([
      { node: 'a', cursor: 'c1', match: null },
      { node: 'b', cursor: 'c2', match: null },
    ]);
    expect(connection.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: 'c1',
      endCursor: 'c2',
    });
    expect(counted).toBe(0);
    expect(connection.totalCount).toBe(9);
    expect(counted).toBe(1);
    // A getter of each object's own makes V8 build a hidden class per object, kept until a full GC: under the
    // B5 load that grew the heap by megabytes a second. Pages and connections keep theirs on the prototype.
    expect(Object.getOwnPropertyDescriptor(connection, 'totalCount')).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(queries.list(), 'totalCount')).toBeUndefined();
  });

  it('lists the relations from and to each of a set of claims, each once, in the order they were made', () => {
    expect(relations.length).toBeGreaterThan(250);
    expect(relations.some((relation) => relation.from_id === relation.to_id)).toBe(true);
    const next = random(7);
    for (let round = 0; round < 60; round++) {
      const ids = [
        ...new Set(
          Array.from({ length: 1 + Math.floor(next() * 25) }, () => claimId(Math.floor(next() * CLAIMS))),
        ),
      ];
      const found = queries.relationsFor(ids);
      expect([...found.keys()].sort()).toEqual([...ids].sort());
      for (const id of ids) {
        const expected = relations
          .filter((relation) => relation.from_id === id || relation.to_id === id)
          .map((relation) => ({
            kind: relation.kind,
            fromId: relation.from_id,
            toId: relation.to_id,
            rationale: relation.rationale,
            linkedBy: { id: relation.linked_by, role: relation.linked_role },
            linkedAt: relation.linked_at,
          }));
        expect(found.get(id)).toEqual(expected);
      }
    }
    expect(queries.relationsFor([])).toEqual(new Map());
  });
});
