import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import type { ClaimEvent } from '../../src/claims/domain/claim.events.js';
import { newId } from '../../src/event-sourcing/ids.js';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import { alice, bob, rawClaimEvent, stamp } from '../support/claim-helpers.js';
import { startServer, type TestServer } from '../support/server.js';
import { auditCount, client, createToken, sleep, type Client } from '../e2e/support/e2e.js';

/** /export/audit.ndjson over real HTTP: the same entries as auditTrail, the same tokens, streamed. */

const ENTRY =
  'position streamId subjectId version type occurredAt recordedAt actor { id role } reason summary data correlationId causationId';

interface Entry {
  position: string;
  subjectId: string;
  type: string;
  version: number;
  actor: { id: string; role: string };
}

const exportUrl = (server: TestServer, query = '') =>
  `${server.url}/export/audit.ndjson${query ? `?${query}` : ''}`;

const fetchExport = async (server: TestServer, query = '', token?: string) => {
  const response = await fetch(exportUrl(server, query), {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const text = await response.text();
  return { response, text, lines: text.split('\n').filter((line) => line !== '') };
};

/** The flat columns of a line, in order: what pandas.read_json(lines=True) makes columns of. */
const COLUMNS = [
  'position',
  'stream_id',
  'subject_id',
  'version',
  'type',
  'occurred_at',
  'recorded_at',
  'actor_id',
  'actor_role',
  'reason',
  'summary',
  'correlation_id',
  'causation_id',
  'data',
];

/**
 * Every line is one flat JSON object with exactly these columns (a line that is not fails the test), read
 * back into the shape auditTrail shows, so the two can be compared entry for entry.
 */
const entriesOf = (lines: readonly string[]): Entry[] =>
  lines.map((line) => {
    const row = JSON.parse(line) as Record<string, unknown>;
    expect(Object.keys(row)).toEqual(COLUMNS);
    expect(typeof row['position']).toBe('number');
    for (const time of ['occurred_at', 'recorded_at'])
      expect(row[time]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    return {
      position: String(row['position']),
      streamId: row['stream_id'],
      subjectId: row['subject_id'],
      version: row['version'],
      type: row['type'],
      occurredAt: row['occurred_at'],
      recordedAt: row['recorded_at'],
      actor: { id: row['actor_id'], role: row['actor_role'] },
      reason: row['reason'],
      summary: row['summary'],
      data: row['data'],
      correlationId: row['correlation_id'],
      causationId: row['causation_id'],
    } as unknown as Entry;
  });

describe('/export/audit.ndjson (e2e over HTTP)', () => {
  let server: TestServer;
  let admin: Client;
  let viewer: Client;
  let viewerToken: string;
  let first: string;
  let second: string;

  /** The trail as the VIEWER the export is made for sees it (token grants are for ADMINs). */
  const trail = async (filter: Record<string, unknown>, order = 'NEWEST_FIRST') =>
    (
      await viewer.ok<{ auditTrail: { edges: Array<{ node: Entry }> } }>(
        `query($filter: AuditFilter, $order: AuditOrder) { auditTrail(filter: $filter, order: $order, first: 500) { edges { node { ${ENTRY} } } } }`,
        { filter, order },
      )
    ).auditTrail.edges.map((edge) => edge.node);

  const propose = async (statement: string) =>
    (
      await admin.ok<{ proposeClaim: { claim: { id: string } } }>(
        'mutation($input: ProposeClaimInput!) { proposeClaim(input: $input) { claim { id } } }',
        { input: { statement } },
      )
    ).proposeClaim.claim.id;

  beforeAll(async () => {
    server = await startServer();
    admin = client(server, server.adminToken);
    viewerToken = await createToken(server, 'vera', 'VIEWER');
    viewer = client(server, viewerToken);
    first = await propose('Central Asia moved from object to subject');
    second = await propose('Moscow still sets the region’s security agenda');
    await admin.ok('mutation($input: TagClaimInput!) { tagClaim(input: $input) { claim { id } } }', {
      input: { claimId: first, add: ['summit'] },
    });
    await admin.ok('mutation($input: LinkClaimsInput!) { linkClaims(input: $input) { claim { id } } }', {
      input: { fromClaimId: second, toClaimId: first, kind: 'ATTACKS' },
    });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('refuses a request without a token, or with a bad one, with a 401 JSON error', async () => {
    const anonymous = await fetchExport(server);
    expect(anonymous.response.status).toBe(401);
    expect(anonymous.response.headers.get('content-type')).toMatch(/application\/json/);
    expect(anonymous.response.headers.get('www-authenticate')).toBe('Bearer');
    expect(JSON.parse(anonymous.text)).toEqual({
      error: { code: 'UNAUTHENTICATED', message: expect.stringContaining('bearer token') },
    });
    for (const token of ['ct_nottherightlength', `ct_${'A'.repeat(43)}`]) {
      const refused = await fetchExport(server, '', token);
      expect(refused.response.status).toBe(401);
      expect(JSON.parse(refused.text).error.code).toBe('UNAUTHENTICATED');
    }
    const basic = await fetch(exportUrl(server), { headers: { authorization: 'Basic dmVyYTpwdw==' } });
    expect(basic.status).toBe(401);
  });

  it('streams every entry to a VIEWER, one JSON object per line, exactly as auditTrail shows them', async () => {
    const { response, text, lines } = await fetchExport(server, '', viewerToken);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(text.endsWith('\n')).toBe(true);
    expect(lines).toHaveLength(4);
    expect(entriesOf(lines)).toEqual(await trail({}));
    expect(entriesOf(lines).map((entry) => entry.type)).toEqual([
      'ClaimLinked',
      'ClaimTagged',
      'ClaimProposed',
      'ClaimProposed',
    ]);
  });

  it('takes the filters and the order of auditTrail as query parameters', async () => {
    const oldest = entriesOf((await fetchExport(server, 'order=OLDEST_FIRST', viewerToken)).lines);
    expect(oldest).toEqual(await trail({}, 'OLDEST_FIRST'));
    expect(
      entriesOf((await fetchExport(server, `subjectId=${first}`, viewerToken)).lines).map(
        (entry) => entry.type,
      ),
    ).toEqual(['ClaimTagged', 'ClaimProposed']);
    const commaSeparated = entriesOf(
      (await fetchExport(server, 'types=ClaimTagged,ClaimLinked', viewerToken)).lines,
    );
    const repeated = entriesOf(
      (await fetchExport(server, 'types=ClaimTagged&types=ClaimLinked', viewerToken)).lines,
    );
    expect(commaSeparated.map((entry) => entry.type)).toEqual(['ClaimLinked', 'ClaimTagged']);
    expect(repeated).toEqual(commaSeparated);
    const { viewer: me } = await admin.ok<{ viewer: { id: string } }>('{ viewer { id } }');
    expect(
      (await fetchExport(server, `actorId=${encodeURIComponent(me.id)}`, viewerToken)).lines,
    ).toHaveLength(4);
    expect((await fetchExport(server, 'actorId=nobody', viewerToken)).lines).toHaveLength(0);
    const middle = oldest[1] as unknown as { occurredAt: string };
    const fromMiddle = entriesOf(
      (
        await fetchExport(
          server,
          `from=${encodeURIComponent(middle.occurredAt)}&order=OLDEST_FIRST`,
          viewerToken,
        )
      ).lines,
    );
    expect(fromMiddle).toEqual(oldest.slice(1));
    expect(
      (await fetchExport(server, `to=${encodeURIComponent(middle.occurredAt)}`, viewerToken)).lines,
    ).toHaveLength(2);
  });

  it('refuses a malformed or unknown parameter with a 400 naming it', async () => {
    const cases: Array<[string, string]> = [
      ['subjectId=not-an-id', 'subjectId'],
      ['types=evidence-attached', 'types'],
      ['from=yesterday', 'from'],
      ['to=2025-13-01T00:00:00Z', 'to'],
      ['order=SIDEWAYS', 'order'],
      ['order=OLDEST_FIRST&order=NEWEST_FIRST', 'order'],
      ['subject=clm_01', 'subject'],
    ];
    for (const [query, field] of cases) {
      const { response, text } = await fetchExport(server, query, viewerToken);
      expect(response.status).toBe(400);
      expect(JSON.parse(text).error).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('streams a large export in chunks while the server keeps answering, and ends cleanly when the client goes away', async () => {
    // 20,000 events written straight to the store, as the CLI's import would while the server runs.
    const store = SqliteEventStore.open({ file: join(server.dataDir, 'events.db') });
    const claimIds = Array.from({ length: 100 }, () => newId('claim'));
    try {
      await Promise.all(
        claimIds.map((claimId, index) => {
          const events: ClaimEvent[] = [
            {
              type: 'ClaimProposed',
              data: {
                claimId,
                statement: `Bulk claim ${index}`,
                tags: [],
                attributedTo: null,
                anchor: null,
                note: null,
                ...stamp(alice),
              },
            },
          ];
          for (let count = 1; count < 200; count++) {
            events.push({
              type: 'EvidenceAttached',
              data: {
                claimId,
                evidenceId: newId('evidence'),
                stance: 'SUPPORTS',
                summary: `Evidence ${count} for claim ${index}`,
                citation: {
                  url: 'https://example.org/e',
                  title: null,
                  publisher: null,
                  author: null,
                  publishedAt: null,
                  accessedAt: null,
                  quote: null,
                },
                reliability: null,
                ...stamp(bob),
              },
            });
          }
          return store.append(
            `claim-${claimId}`,
            events.map((event) => rawClaimEvent(event)),
          );
        }),
      );
    } finally {
      await store.close();
    }
    const deadline = Date.now() + 60_000;
    let total = 0;
    while ((total = await auditCount(viewer)) < 20_004) {
      if (Date.now() > deadline) throw new Error(`the projector reached only ${total} audit entries`);
      await sleep(200);
    }

    const response = await fetch(exportUrl(server, 'order=OLDEST_FIRST'), {
      headers: { authorization: `Bearer ${viewerToken}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBeNull();
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let chunks = 0;
    let answeredMidway = false;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      chunks++;
      if (chunks === 2) {
        // Paused here, the server's side fills the socket and waits mid-iteration. The export holds its own
        // snapshot connection, so writes (and the projector behind them) and reads carry on meanwhile.
        await sleep(300);
        const tagged = await admin.ok<{ tagClaim: { claim: { tags: string[] } } }>(
          'mutation($input: TagClaimInput!) { tagClaim(input: $input) { claim { tags } } }',
          { input: { claimId: second, add: ['midway'] } },
        );
        expect(tagged.tagClaim.claim.tags).toContain('midway');
        answeredMidway = true;
      }
    }
    expect(answeredMidway).toBe(true);
    expect(chunks).toBeGreaterThan(10);
    const lines = text.split('\n').filter((line) => line !== '');
    // One snapshot: the tag made while streaming is not in this export.
    expect(lines).toHaveLength(20_004);
    const entries = entriesOf(lines);
    expect(
      entries.every(
        (entry, index) => index === 0 || BigInt(entry.position) > BigInt(entries[index - 1]!.position),
      ),
    ).toBe(true);
    expect(entries.at(-1)).toMatchObject({ type: 'EvidenceAttached', version: 200 });

    // A client that stops reading and goes away leaves the server healthy.
    const controller = new AbortController();
    const abandoned = await fetch(exportUrl(server), {
      headers: { authorization: `Bearer ${viewerToken}` },
      signal: controller.signal,
    });
    await abandoned.body!.getReader().read();
    controller.abort();
    await sleep(200);
    expect((await fetchExport(server, 'types=ClaimTagged', viewerToken)).lines).toHaveLength(2);
  }, 120_000);
});

describe('/export/audit.ndjson with CLAIMTRAIL_ANONYMOUS_READ', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ CLAIMTRAIL_ANONYMOUS_READ: 'true' });
    await client(server, server.adminToken).ok(
      'mutation($input: ProposeClaimInput!) { proposeClaim(input: $input) { claim { id } } }',
      { input: { statement: 'Central Asia moved from object to subject' } },
    );
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('lets a request without a token read, and still refuses a bad token', async () => {
    const anonymous = await fetchExport(server);
    expect(anonymous.response.status).toBe(200);
    expect(entriesOf(anonymous.lines).map((entry) => entry.type)).toEqual(['ClaimProposed']);
    expect((await fetchExport(server, '', `ct_${'B'.repeat(43)}`)).response.status).toBe(401);
  });
});
