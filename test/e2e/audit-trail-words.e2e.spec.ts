import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import Database from 'better-sqlite3';
import { readModelFile } from '../reliability/support/event-log.js';
import { startServer, type TestServer } from '../support/server.js';
import { cli, client, createToken, sleep, tokenIdOf, type Client } from './support/e2e.js';

/**
 * The audit trail in words over real HTTP: mutations answer with the summary the trail stores, things are
 * named by their words, and token grants and revocations reach ADMINs only, on every way of reading the
 * trail (auditTrail, Claim.history, auditEvents, /export/audit.ndjson), for a token of each role and for an
 * anonymous reader (the server runs with anonymous read).
 */

const OP_ED = readFileSync('test/fixtures/op-ed.txt', 'utf8');
const QUOTE = 'transformation from a “geopolitical object” to a “geopolitical subject”';
const TOKEN_TYPES = ['TokenGranted', 'TokenRevoked'];
const RAW_ID = /\b(clm|src|evd|cpt|tok)_[0-9A-HJKMNP-TV-Z]{26}\b/;
const ENTRY = 'position type subjectId summary reason data actor { id role }';

interface Entry {
  position: string;
  type: string;
  subjectId: string;
  summary: string;
  reason: string | null;
  data: Record<string, unknown>;
  actor: { id: string; role: string };
}

type ReaderName = 'anonymous' | 'VIEWER' | 'ANALYST' | 'EDITOR' | 'ADMIN';
const READERS: readonly ReaderName[] = ['anonymous', 'VIEWER', 'ANALYST', 'EDITOR', 'ADMIN'];

describe('the audit trail in words, token events for ADMINs only (e2e over HTTP)', () => {
  let server: TestServer;
  const tokens: Partial<Record<ReaderName, string>> = {};
  const api = {} as Record<ReaderName, Client>;
  const secrets: string[] = [];
  const answered: Entry[] = [];
  let claimA: string;
  let revokedTokenId: string;

  const run = async (reader: ReaderName, mutation: string, input: Record<string, unknown>) => {
    const field = mutation.replace(/Input$/, '').replace(/^./, (first) => first.toLowerCase());
    const data = await api[reader].ok<Record<string, { claim: { id: string }; events: Entry[] }>>(
      `mutation($input: ${mutation}!) { ${field}(input: $input) { claim { id } events { ${ENTRY} } } }`,
      { input },
    );
    answered.push(...data[field]!.events);
    return data[field]!;
  };

  const trail = async (reader: ReaderName, filter: Record<string, unknown> = {}) =>
    (
      await api[reader].ok<{ auditTrail: { totalCount: number; edges: Array<{ node: Entry }> } }>(
        `query($filter: AuditFilter) { auditTrail(filter: $filter, first: 500, order: OLDEST_FIRST) {
          totalCount edges { node { ${ENTRY} } } } }`,
        { filter },
      )
    ).auditTrail;

  const exported = async (reader: ReaderName) => {
    const token = tokens[reader];
    const response = await fetch(`${server.url}/export/audit.ndjson?order=OLDEST_FIRST`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    return {
      text,
      rows: text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line)),
    };
  };

  const expectNoSecret = (text: string) => {
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/tokenHash|token_hash|ct_[A-Za-z0-9_-]{43}/);
  };

  beforeAll(async () => {
    server = await startServer({ CLAIMTRAIL_ANONYMOUS_READ: 'true' });
    const granted = await Promise.all([
      createToken(server, 'vera', 'VIEWER'),
      createToken(server, 'alice', 'ANALYST'),
      createToken(server, 'erin', 'EDITOR'),
      createToken(server, 'ada', 'ADMIN'),
      createToken(server, 'tess', 'ANALYST'),
    ]);
    [tokens.VIEWER, tokens.ANALYST, tokens.EDITOR, tokens.ADMIN] = granted;
    for (const reader of READERS) api[reader] = client(server, tokens[reader]);
    revokedTokenId = await tokenIdOf(server, 'tess');
    expect((await cli(server, 'token', 'revoke', revokedTokenId, '--reason', 'left the desk')).code).toBe(0);
    for (const token of [...granted, server.adminToken])
      secrets.push(token, createHash('sha256').update(token).digest('hex'));
  }, 90_000);
  afterAll(() => server?.stop());

  it('mutations answer with the summary the trail stores, naming claims, counterpoints and sources by their words', async () => {
    const source = await api.ANALYST.ok<{ registerSource: { source: { id: string } } }>(
      'mutation($input: RegisterSourceInput!) { registerSource(input: $input) { source { id } } }',
      { input: { title: "Central Asia-Russia Summit: Moscow's quest for repositioning", text: OP_ED } },
    );
    const sourceId = source.registerSource.source.id;
    claimA = (
      await run('ANALYST', 'ProposeClaimInput', {
        statement: 'Central Asia moved from geopolitical object to subject',
        sourceId,
        quote: { exact: QUOTE },
      })
    ).claim.id;
    const claimB = (
      await run('ANALYST', 'ProposeClaimInput', {
        statement: 'Moscow remains the centre of gravity for Central Asia',
      })
    ).claim.id;
    const rationale = 'The column reads the summit as Moscow re-establishing its influence';
    await run('ANALYST', 'LinkClaimsInput', {
      fromClaimId: claimB,
      toClaimId: claimA,
      kind: 'ATTACKS',
      rationale,
    });
    const raised = await api.EDITOR.ok<{
      raiseCounterpoint: { claim: { counterpoints: Array<{ id: string }> } };
    }>(
      'mutation($input: RaiseCounterpointInput!) { raiseCounterpoint(input: $input) { claim { counterpoints { id } } } }',
      { input: { claimId: claimA, text: 'Russia still dominates the security architecture of the region' } },
    );
    await run('ANALYST', 'RespondToCounterpointInput', {
      claimId: claimA,
      counterpointId: raised.raiseCounterpoint.claim.counterpoints[0]!.id,
      resolution: 'ANSWERED',
      response: 'Security cooperation is pragmatic and diversified, per the column',
    });

    const A = `'Central Asia moved from geopolitical object to…'`;
    expect(answered.map((entry) => [entry.type, entry.summary, entry.reason])).toEqual([
      [
        'ClaimProposed',
        `alice proposed 'Central Asia moved from geopolitical object to subject' quoting 'Central Asia-Russia Summit: Moscow's quest for…'`,
        null,
      ],
      ['ClaimProposed', `alice proposed 'Moscow remains the centre of gravity for Central Asia'`, null],
      [
        'ClaimLinked',
        `alice linked 'Moscow remains the centre of gravity for Central…' as attacking ${A}`,
        rationale,
      ],
      [
        'CounterpointResolved',
        `alice answered the counterpoint 'Russia still dominates the security architecture…' on ${A}`,
        'Security cooperation is pragmatic and diversified, per the column',
      ],
    ]);
    // One builder for both: each answer is the stored row of its position, word for word.
    const stored = new Map((await trail('VIEWER')).edges.map(({ node }) => [node.position, node]));
    for (const entry of answered) expect(stored.get(entry.position)).toEqual(entry);
    for (const entry of stored.values()) expect(entry.summary).not.toMatch(RAW_ID);
  });

  it('auditTrail: token grants and revocations for ADMINs only, by id, holder and role, never the secret', async () => {
    const argument = (await trail('VIEWER')).totalCount;
    for (const reader of READERS.filter((name) => name !== 'ADMIN')) {
      const all = await trail(reader);
      expect({ reader, count: all.totalCount }).toEqual({ reader, count: argument });
      expect(all.edges.filter(({ node }) => TOKEN_TYPES.includes(node.type))).toEqual([]);
      expect((await trail(reader, { types: TOKEN_TYPES })).totalCount).toBe(0);
    }
    const admin = await trail('ADMIN', { types: TOKEN_TYPES });
    const summaries = admin.edges.map(({ node }) => node.summary);
    expect(summaries[0]).toBe('system granted admin an ADMIN token'); // the first start's
    // Granted concurrently: in whatever order the CLI runs landed.
    expect(summaries.slice(1, -1).sort()).toEqual([
      'cli granted ada an ADMIN token',
      'cli granted alice an ANALYST token',
      'cli granted erin an EDITOR token',
      'cli granted tess an ANALYST token',
      'cli granted vera a VIEWER token',
    ]);
    expect(summaries.at(-1)).toBe("cli revoked tess's ANALYST token");
    const revocation = admin.edges.at(-1)!.node;
    expect(revocation).toMatchObject({
      subjectId: revokedTokenId,
      reason: 'left the desk',
      actor: { id: 'cli' },
    });
    const grant = admin.edges.find(({ node }) => node.data['actorId'] === 'tess')!.node;
    expect(grant).toMatchObject({
      subjectId: revokedTokenId,
      data: { tokenId: revokedTokenId, role: 'ANALYST' },
    });
    expect((await trail('ADMIN')).totalCount).toBe(argument + admin.totalCount);
    expectNoSecret(JSON.stringify(admin));
  });

  it('Claim.history is the same for every reader: the claim events alone', async () => {
    const histories = await Promise.all(
      READERS.map(async (reader) =>
        (
          await api[reader].ok<{ claim: { history: { edges: Array<{ node: Entry }> } } }>(
            `query($id: ID!) { claim(id: $id) { history(first: 100, order: OLDEST_FIRST) { edges { node { ${ENTRY} } } } } }`,
            { id: claimA },
          )
        ).claim.history.edges.map(({ node }) => node),
      ),
    );
    expect(histories[0]!.map((entry) => entry.type)).toEqual([
      'ClaimProposed',
      'CounterpointRaised',
      'CounterpointResolved',
    ]);
    for (const history of histories) expect(history).toEqual(histories[0]);
  });

  it('/export/audit.ndjson: the same rule, line for line as the reader sees auditTrail', async () => {
    for (const reader of READERS) {
      const { text, rows } = await exported(reader);
      const trailed = (await trail(reader)).edges.map(({ node }) => node);
      expect(rows.map((row) => [String(row.position), row.type, row.summary])).toEqual(
        trailed.map((entry) => [entry.position, entry.type, entry.summary]),
      );
      const tokenRows = rows.filter((row) => TOKEN_TYPES.includes(row.type));
      expect({ reader, tokenRows: tokenRows.length }).toEqual({
        reader,
        tokenRows: reader === 'ADMIN' ? 7 : 0,
      });
      expectNoSecret(text);
    }
  });

  it('auditEvents: a live grant reaches ADMIN subscribers only, the claim events every reader', async () => {
    const clients: WsClient[] = [];
    const received = {} as Record<ReaderName, Entry[]>;
    for (const reader of READERS) {
      const ws = createClient({
        url: server.graphqlUrl.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        connectionParams: tokens[reader] ? { authorization: `Bearer ${tokens[reader]}` } : undefined,
        retryAttempts: 0,
      });
      clients.push(ws);
      received[reader] = [];
      ws.subscribe<{ auditEvents: Entry }>(
        { query: `subscription { auditEvents { ${ENTRY} } }` },
        {
          next: ({ data }) => void (data && received[reader].push(data.auditEvents)),
          error: () => undefined,
          complete: () => undefined,
        },
      );
    }
    try {
      const tag = (add: string) => run('ANALYST', 'TagClaimInput', { claimId: claimA, add: [add] });
      const live = () => READERS.every((reader) => received[reader].length > 0);
      for (let tries = 0; !live() && tries < 100; tries++)
        await tag(`warm-up-${tries}`).then(() => sleep(50));
      expect(live()).toBe(true); // subscriptions have no acknowledgement: a first event proves each is live
      const granted = await createToken(server, 'wes', 'VIEWER');
      secrets.push(granted, createHash('sha256').update(granted).digest('hex'));
      await tag('after-the-grant');
      const isLast = (entry: Entry) => JSON.stringify(entry.data['added']) === '["after-the-grant"]';
      const arrived = () => READERS.every((reader) => received[reader].some(isLast));
      for (let waited = 0; !arrived() && waited < 100; waited++) await sleep(50);
      expect(arrived()).toBe(true);
      for (const reader of READERS) {
        const grants = received[reader].filter((entry) => TOKEN_TYPES.includes(entry.type));
        expect({ reader, grants: grants.map((entry) => entry.summary) }).toEqual({
          reader,
          grants: reader === 'ADMIN' ? ['cli granted wes a VIEWER token'] : [],
        });
        expectNoSecret(JSON.stringify(received[reader]));
      }
    } finally {
      await Promise.all(clients.map((ws) => ws.dispose()));
    }
  });

  it('answers in neutral words what the read model cannot name yet, and the trail names it once caught up', async () => {
    const TRIGGER = 'audit_words_injected_fault';
    const withReadModel = (sql: string) => {
      const db = new Database(readModelFile(server.dataDir));
      try {
        db.pragma('busy_timeout = 5000');
        db.exec(sql);
      } finally {
        db.close();
      }
    };
    // Evidence cannot be projected: the projector stops on it, and mutations answer after a bounded wait.
    withReadModel(
      `CREATE TRIGGER ${TRIGGER} BEFORE INSERT ON evidence BEGIN SELECT RAISE(ABORT, 'injected fault'); END;`,
    );
    const attached = await run('ANALYST', 'AttachEvidenceInput', {
      claimId: claimA,
      stance: 'SUPPORTS',
      summary: 'The column lists the region’s own development models',
      citation: { title: 'Central Asia-Russia Summit column' },
    });
    const A = `'Central Asia moved from geopolitical object to…'`;
    expect(attached.events[0]!.summary).toBe(
      `alice attached supporting evidence 'Central Asia-Russia Summit column' to ${A}`,
    );
    const evidenceId = String(attached.events[0]!.data['evidenceId']);
    const withdrawn = await run('ANALYST', 'WithdrawEvidenceInput', {
      claimId: claimA,
      evidenceId,
      reason: 'Attached to the wrong claim',
    });
    expect(withdrawn.events[0]!.summary).toBe(`alice withdrew evidence from ${A}`);

    withReadModel(`DROP TRIGGER ${TRIGGER};`);
    let stored: Entry | undefined;
    for (let waited = 0; !stored && waited < 100; waited++) {
      const rows = (await trail('VIEWER', { subjectId: claimA, types: ['EvidenceWithdrawn'] })).edges;
      stored = rows[0]?.node;
      if (!stored) await sleep(100);
    }
    expect(stored).toMatchObject({
      position: withdrawn.events[0]!.position,
      summary: `alice withdrew evidence 'Central Asia-Russia Summit column' from ${A}`,
    });
  }, 30_000);
});
