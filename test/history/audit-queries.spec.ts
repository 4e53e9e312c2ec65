import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import { auditNdjson, auditRecord } from '../../src/audit/export/audit-ndjson.js';
import { parseAuditExportQuery } from '../../src/audit/export/audit-export.params.js';
import {
  AuditQueries,
  iterateAudit,
  type AuditEntryView,
  type AuditFilter,
  type AuditReader,
} from '../../src/audit/read-model/audit.queries.js';
import { AuthService } from '../../src/auth/auth.service.js';
import { authenticateHttpRequest, httpStatusOf } from '../../src/auth/http-auth.js';
import { CLI_ACTOR } from '../../src/auth/domain/access.values.js';
import { createToken, revokeToken } from '../../src/auth/token-admin.js';
import {
  ForbiddenError,
  StorageError,
  UnauthenticatedError,
  ValidationError,
} from '../../src/event-sourcing/errors.js';
import { newId } from '../../src/event-sourcing/ids.js';
import type { StoredEvent } from '../../src/event-sourcing/event-store.js';
import { PROJECTIONS } from '../../src/projections.js';
import { openReadModel } from '../../src/read-model/read-model.database.js';
import { attachEvidence, bob, raiseCounterpoint, tagClaim } from '../support/claim-helpers.js';
import { HistoryEnv, revise } from './history-fixture.js';
import { applyDirectly } from '../support/read-model-env.js';

/** Applies events as the projector does, to a real read model. */
const project = (db: Database.Database, events: readonly StoredEvent[]) => applyDirectly(db, events);

/** The audit trail's queries and the export's stream against a real read model fed from a real store. */
describe('audit trail: order, filters, pagination and the NDJSON stream', () => {
  let env: HistoryEnv;
  let db: Database.Database;
  let audit: AuditQueries;
  let first: string;
  let second: string;
  let midway: string;
  let all: StoredEvent[];

  beforeAll(async () => {
    env = new HistoryEnv();
    first = (await env.propose('Central Asia moved from object to subject')).claimId;
    await env.step(first, tagClaim(first, ['summit']));
    await env.step(first, attachEvidence(first, newId('evidence')));
    second = (await env.propose('Moscow still sets the region’s security agenda', bob)).claimId;
    midway = new Date().toISOString();
    await sleep(5); // the next command's time is strictly after it
    await env.step(second, raiseCounterpoint(second, newId('counterpoint')));
    await env.step(first, revise(first, 'Central Asia became a geopolitical subject'));
    await createToken(env.store, { actorId: 'vera', role: 'VIEWER', by: CLI_ACTOR }); // for ADMINs only
    all = await env.store.readAll();
    db = openReadModel(':memory:', PROJECTIONS);
    project(db, all);
    audit = new AuditQueries(db);
  });
  afterAll(async () => {
    db.close();
    await env.close();
  });

  const reader = { id: 'alice', role: 'ANALYST' } as const;
  const admin = { id: 'ada', role: 'ADMIN' } as const;

  const walk = (
    filter: AuditFilter,
    order: 'NEWEST_FIRST' | 'OLDEST_FIRST',
    first: number,
    by: AuditReader = reader,
  ): AuditEntryView[] => {
    const seen: AuditEntryView[] = [];
    let after: string | undefined;
    for (;;) {
      const page = audit.list(filter, by, first, after, order);
      expect(page.totalCount).toBe(audit.list(filter, by, 0, undefined, order).totalCount);
      seen.push(...page.items);
      if (!page.hasNextPage) return seen;
      after = page.cursors.at(-1);
    }
  };

  it('lists claim events newest first by default, oldest first on request, and not token grants', () => {
    const newest = audit.list({}, reader, 100);
    const oldest = audit.list({}, reader, 100, undefined, 'OLDEST_FIRST');
    expect(newest.totalCount).toBe(6);
    expect(oldest.items.map((entry) => entry.type)).toEqual([
      'ClaimProposed',
      'ClaimTagged',
      'EvidenceAttached',
      'ClaimProposed',
      'CounterpointRaised',
      'ClaimRevised',
    ]);
    expect(newest.items).toEqual([...oldest.items].reverse());
    expect(audit.list({}, undefined, 100).items).toEqual(newest.items); // an anonymous reader
    expect(audit.list({ types: ['TokenGranted'] }, { id: 'erin', role: 'EDITOR' }, 100).totalCount).toBe(0);
  });

  it('lists token grants to ADMINs, with the id, actor and role, and neither token nor hash', () => {
    const trail = audit.list({}, admin, 100);
    expect(trail.totalCount).toBe(7);
    const grant = trail.items[0]!;
    const tokenId = all.at(-1)!.streamId.replace('access-', '');
    expect(grant).toMatchObject({
      type: 'TokenGranted',
      subjectId: tokenId,
      streamId: `access-${tokenId}`,
      actor: CLI_ACTOR,
      summary: 'cli granted vera a VIEWER token',
      data: { tokenId, actorId: 'vera', role: 'VIEWER' },
    });
    expect(JSON.stringify(grant)).not.toMatch(/tokenHash|[0-9a-f]{64}/);
    expect(walk({}, 'OLDEST_FIRST', 2, admin)).toEqual(
      audit.list({}, admin, 100, undefined, 'OLDEST_FIRST').items,
    );
    expect(audit.byPositions([all.at(-1)!.position], admin)).toEqual([grant]);
    expect(audit.byPositions([all.at(-1)!.position], reader)).toEqual([]);
  });

  it('pages through every entry once in either order, whatever the page size', () => {
    for (const size of [1, 2, 4, 500]) {
      expect(walk({}, 'NEWEST_FIRST', size)).toEqual(audit.list({}, reader, 100).items);
      expect(walk({}, 'OLDEST_FIRST', size)).toEqual(
        audit.list({}, reader, 100, undefined, 'OLDEST_FIRST').items,
      );
    }
  });

  it('filters by subject, actor, types, time window and log position', () => {
    const types = (filter: AuditFilter) =>
      audit.list(filter, reader, 100, undefined, 'OLDEST_FIRST').items.map((entry) => entry.type);
    expect(types({ subjectId: second })).toEqual(['ClaimProposed', 'CounterpointRaised']);
    expect(types({ actorId: 'bob' })).toEqual(['ClaimProposed', 'CounterpointRaised']);
    expect(types({ types: ['ClaimTagged', 'ClaimRevised'] })).toEqual(['ClaimTagged', 'ClaimRevised']);
    expect(types({ from: midway })).toEqual(['CounterpointRaised', 'ClaimRevised']);
    expect(types({ to: midway })).toEqual([
      'ClaimProposed',
      'ClaimTagged',
      'EvidenceAttached',
      'ClaimProposed',
    ]);
    expect(types({ from: midway, subjectId: first })).toEqual(['ClaimRevised']);
    const third = all.filter((event) => event.streamId.startsWith('claim-'))[2]!;
    expect(types({ subjectId: first, toPosition: third.position })).toEqual([
      'ClaimProposed',
      'ClaimTagged',
      'EvidenceAttached',
    ]);
    expect(walk({ subjectId: first }, 'OLDEST_FIRST', 1).map((entry) => entry.version)).toEqual([1, 2, 3, 4]);
  });

  it('iterates the same entries as the pages, in either order', () => {
    for (const order of ['NEWEST_FIRST', 'OLDEST_FIRST'] as const) {
      for (const by of [reader, admin]) {
        expect([...iterateAudit(db, {}, by, order)]).toEqual(audit.list({}, by, 100, undefined, order).items);
        expect([...iterateAudit(db, { actorId: 'bob' }, by, order)]).toEqual(
          audit.list({ actorId: 'bob' }, by, 100, undefined, order).items,
        );
      }
    }
  });

  it('streams NDJSON in chunks of whole lines, one entry per line', () => {
    const chunks = [...auditNdjson(db, {}, reader, 'OLDEST_FIRST', 300)];
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) expect(chunk.endsWith('\n')).toBe(true);
    const lines = chunks.join('').split('\n').filter(Boolean);
    // One flat record per entry (auditRecord), in the order auditTrail lists them.
    expect(lines.map((line) => JSON.parse(line))).toEqual(
      JSON.parse(
        JSON.stringify(audit.list({}, reader, 100, undefined, 'OLDEST_FIRST').items.map(auditRecord)),
      ),
    );
    expect([...auditNdjson(db, { actorId: 'nobody' }, reader, 'OLDEST_FIRST')]).toEqual([]);
    const asAdmin = [...auditNdjson(db, {}, admin, 'OLDEST_FIRST')].join('').split('\n').filter(Boolean);
    expect(asAdmin).toHaveLength(7);
    expect(JSON.parse(asAdmin.at(-1)!)).toMatchObject({ type: 'TokenGranted', actor_id: 'cli' });
  });
});

describe('query parameters of /export/audit.ndjson', () => {
  const fieldOf = (query: Record<string, unknown>): string | undefined => {
    try {
      parseAuditExportQuery(query);
      return undefined;
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).field;
    }
  };

  it('defaults to every entry, newest first', () => {
    expect(parseAuditExportQuery({})).toEqual({
      filter: { subjectId: undefined, actorId: undefined, types: undefined, from: undefined, to: undefined },
      order: 'NEWEST_FIRST',
    });
    expect(parseAuditExportQuery(undefined).order).toBe('NEWEST_FIRST');
  });

  it('reads every filter, types comma-separated and repeated, order in any case', () => {
    const claimId = newId('claim');
    expect(
      parseAuditExportQuery({
        subjectId: claimId,
        actorId: 'alice',
        types: ['ClaimTagged,ClaimRevised', ' EvidenceAttached '],
        from: '2025-10-28T00:05:00+03:00',
        to: '2025-10-29T00:00:00Z',
        order: 'oldest_first',
      }),
    ).toEqual({
      filter: {
        subjectId: claimId,
        actorId: 'alice',
        types: ['ClaimTagged', 'ClaimRevised', 'EvidenceAttached'],
        from: '2025-10-28T00:05:00+03:00',
        to: '2025-10-29T00:00:00Z',
      },
      order: 'OLDEST_FIRST',
    });
    expect(parseAuditExportQuery({ subjectId: newId('source') }).filter.subjectId).toMatch(/^src_/);
  });

  it('names the parameter that is wrong', () => {
    expect(fieldOf({ subjectId: newId('evidence') })).toBe('subjectId');
    expect(fieldOf({ subjectId: [newId('claim'), newId('claim')] })).toBe('subjectId');
    expect(fieldOf({ actorId: '' })).toBe('actorId');
    expect(fieldOf({ actorId: 'a\u0000b' })).toBe('actorId');
    expect(fieldOf({ types: 'ClaimTagged,not a type' })).toBe('types');
    expect(fieldOf({ types: Array.from({ length: 51 }, () => 'ClaimTagged') })).toBe('types');
    expect(fieldOf({ from: '2025-10-28' })).toBe('from');
    expect(fieldOf({ to: '2025-02-30T00:00:00Z' })).toBe('to');
    expect(fieldOf({ order: 'ASC' })).toBe('order');
    expect(fieldOf({ limit: '10' })).toBe('limit');
  });
});

describe('authenticating an HTTP request', () => {
  let env: HistoryEnv;
  let db: Database.Database;
  let auth: AuthService;
  let viewer: string;
  let analyst: string;
  let revoked: string;

  beforeAll(async () => {
    env = new HistoryEnv();
    viewer = (await createToken(env.store, { actorId: 'vera', role: 'VIEWER', by: CLI_ACTOR })).token;
    analyst = (await createToken(env.store, { actorId: 'alice', role: 'ANALYST', by: CLI_ACTOR })).token;
    const grant = await createToken(env.store, { actorId: 'mallory', role: 'ADMIN', by: CLI_ACTOR });
    await revokeToken(env.store, grant.tokenId, CLI_ACTOR, 'left the team');
    revoked = grant.token;
    db = openReadModel(':memory:', PROJECTIONS);
    project(db, await env.store.readAll());
    auth = new AuthService(db);
  });
  afterAll(async () => {
    db.close();
    await env.close();
  });

  const request = (token?: string) => ({ headers: token ? { authorization: `Bearer ${token}` } : {} });
  const failure = (run: () => unknown): unknown => {
    try {
      run();
      return undefined;
    } catch (error) {
      return error;
    }
  };

  it('accepts any valid token for reading, and an anonymous reader only where anonymous read is on', () => {
    expect(authenticateHttpRequest(auth, request(viewer), { anonymousRead: false })).toEqual({
      id: 'vera',
      role: 'VIEWER',
    });
    expect(authenticateHttpRequest(auth, request(), { anonymousRead: true })).toBeUndefined();
    expect(
      failure(() =>
        authenticateHttpRequest(auth, request(), { anonymousRead: false, action: 'reading /export/x' }),
      ),
    ).toEqual(new UnauthenticatedError('reading /export/x needs a bearer token'));
  });

  it('refuses a bad or revoked token even where anonymous read is on', () => {
    expect(
      failure(() => authenticateHttpRequest(auth, request(revoked), { anonymousRead: true })),
    ).toBeInstanceOf(UnauthenticatedError);
    expect(
      failure(() => authenticateHttpRequest(auth, request(`ct_${'C'.repeat(43)}`), { anonymousRead: true })),
    ).toBeInstanceOf(UnauthenticatedError);
    expect(
      failure(() =>
        authenticateHttpRequest(auth, { headers: { authorization: 'Basic abc' } }, { anonymousRead: true }),
      ),
    ).toBeInstanceOf(UnauthenticatedError);
  });

  it('enforces a minimum role above VIEWER, anonymous read or not', () => {
    expect(
      authenticateHttpRequest(auth, request(analyst), { anonymousRead: false, minimumRole: 'ANALYST' }),
    ).toEqual({ id: 'alice', role: 'ANALYST' });
    expect(
      failure(() =>
        authenticateHttpRequest(auth, request(viewer), { anonymousRead: true, minimumRole: 'ANALYST' }),
      ),
    ).toBeInstanceOf(ForbiddenError);
    expect(
      failure(() =>
        authenticateHttpRequest(auth, request(), { anonymousRead: true, minimumRole: 'ANALYST' }),
      ),
    ).toBeInstanceOf(UnauthenticatedError);
  });

  it('maps our errors to HTTP statuses, anything else to 500', () => {
    expect(httpStatusOf(new UnauthenticatedError('x'))).toBe(401);
    expect(httpStatusOf(new ForbiddenError('x'))).toBe(403);
    expect(httpStatusOf(new ValidationError('x', 'y'))).toBe(400);
    expect(httpStatusOf(new StorageError('x'))).toBe(500);
    expect(httpStatusOf(new Error('x'))).toBe(500);
  });
});
