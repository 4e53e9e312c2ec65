import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { NOTHING_KNOWN, namesFrom, quoted, type NameLookup } from '../../src/audit/read-model/audit-names.js';
import { summarize } from '../../src/audit/read-model/audit-summary.js';
import { CLI_ACTOR } from '../../src/auth/domain/access.values.js';
import { createToken, revokeToken } from '../../src/auth/token-admin.js';
import { claimDecider } from '../../src/claims/domain/claim.decider.js';
import type { ClaimCommand } from '../../src/claims/domain/claim.decider.js';
import type { StoredEvent } from '../../src/event-sourcing/event-store.js';
import { handleCommand } from '../../src/event-sourcing/handle-command.js';
import { newId, randomEventId } from '../../src/event-sourcing/ids.js';
import { PROJECTIONS } from '../../src/projections.js';
import { BulkReadModel } from '../../src/read-model/bulk-load.js';
import { sourceDecider } from '../../src/sources/domain/source.decider.js';
import {
  alice,
  attachEvidence,
  bob,
  claimStream,
  erin,
  linkClaims,
  metadata,
  proposeClaim,
  raiseCounterpoint,
  respondToCounterpoint,
  retractClaim,
  tagClaim,
} from '../support/claim-helpers.js';
import { ReadModelEnv } from '../support/read-model-env.js';

const CLAIM = 'clm_01JBZ6Q0000000000000000001';
const OTHER = 'clm_01JBZ6Q0000000000000000002';
const EVIDENCE = 'evd_01JBZ6Q0000000000000000001';
const COUNTERPOINT = 'cpt_01JBZ6Q0000000000000000001';
const SOURCE = 'src_01JBZ6Q0000000000000000001';
const TOKEN = 'tok_01JBZ6Q0000000000000000001';
const by = { id: 'alice', role: 'ANALYST' };
const at = '2025-10-28T09:30:00.000Z';
const TITLE = "Central Asia-Russia Summit: Moscow's quest for repositioning";

const event = (type: string, data: Record<string, unknown>, actorId = 'alice'): StoredEvent => ({
  eventId: randomEventId(),
  type,
  data: { at, by, ...data },
  metadata: { actorId, actorRole: 'ANALYST' },
  streamId: `claim-${CLAIM}`,
  version: 2,
  position: 2n,
  recordedAt: new Date(at),
});

const citation = (fields: Record<string, string | null> = {}) => ({
  url: 'https://example.org/communique',
  title: null,
  publisher: null,
  author: null,
  publishedAt: null,
  accessedAt: null,
  quote: null,
  ...fields,
});

/** What a read model would know of the ids above. */
const known: NameLookup = {
  claim: (id) =>
    ({
      [CLAIM]: 'Central Asia moved from being an object of great-power competition to a subject of its own',
      [OTHER]: 'Russia remains the security guarantor',
    })[id],
  source: (id) => (id === SOURCE ? TITLE : undefined),
  counterpoint: (id) => (id === COUNTERPOINT ? 'Moscow still sets the region’s security agenda' : undefined),
  evidence: (id) =>
    id === EVIDENCE
      ? { citationTitle: 'Dushanbe summit communique', summary: 'The communique names a secretariat' }
      : undefined,
  token: (id) => (id === TOKEN ? { actorId: 'vera', role: 'VIEWER' } : undefined),
};
const named = namesFrom(known);
const unnamed = namesFrom(NOTHING_KNOWN);
// 'Central Asia moved from being an object of…': a claim is named by the first words of its statement.
const CLAIM_NAME = `'Central Asia moved from being an object of…'`;

describe('audit summaries: one line per event type, naming things by their words', () => {
  it.each<[string, StoredEvent, string, string]>([
    [
      'SourceRegistered',
      event('SourceRegistered', { sourceId: SOURCE, title: TITLE }),
      `alice registered the source '${TITLE}'`,
      `alice registered the source '${TITLE}'`,
    ],
    [
      'ClaimProposed, quoting its source',
      event('ClaimProposed', {
        claimId: CLAIM,
        statement: 'Central Asia moved from object to subject',
        anchor: { sourceId: SOURCE, quote: { exact: 'x', prefix: '', suffix: '', start: 0, end: 1 } },
      }),
      `alice proposed 'Central Asia moved from object to subject' quoting 'Central Asia-Russia Summit: Moscow's quest for…'`,
      `alice proposed 'Central Asia moved from object to subject' quoting a source`,
    ],
    [
      'ClaimProposed, unanchored',
      event('ClaimProposed', { claimId: CLAIM, statement: 'Central Asia moved', anchor: null }),
      `alice proposed 'Central Asia moved'`,
      `alice proposed 'Central Asia moved'`,
    ],
    [
      'ClaimRevised, named by the statement it had',
      event('ClaimRevised', {
        claimId: CLAIM,
        statement: 'Central Asia became a subject',
        previousStatement: 'Central Asia moved',
        reason: 'r',
      }),
      `alice revised 'Central Asia moved' to 'Central Asia became a subject'`,
      `alice revised 'Central Asia moved' to 'Central Asia became a subject'`,
    ],
    [
      'ClaimTagged',
      event('ClaimTagged', { claimId: CLAIM, added: ['russia', 'summit'], removed: ['draft'] }),
      `alice tagged ${CLAIM_NAME} +russia +summit -draft`,
      'alice tagged a claim +russia +summit -draft',
    ],
    [
      'EvidenceWithdrawn',
      event('EvidenceWithdrawn', { claimId: CLAIM, evidenceId: EVIDENCE, reason: 'dup' }),
      `alice withdrew evidence 'Dushanbe summit communique' from ${CLAIM_NAME}`,
      'alice withdrew evidence from a claim',
    ],
    [
      'CounterpointRaised, by whoever raised it',
      event(
        'CounterpointRaised',
        {
          claimId: CLAIM,
          counterpointId: COUNTERPOINT,
          text: 'Moscow still sets the agenda',
          citation: null,
        },
        'bob',
      ),
      `bob raised a counterpoint on ${CLAIM_NAME}: 'Moscow still sets the agenda'`,
      `bob raised a counterpoint on a claim: 'Moscow still sets the agenda'`,
    ],
    [
      'SourceRevised, named by the title it had',
      event(
        'SourceRevised',
        {
          sourceId: SOURCE,
          changed: { title: 'Moscow’s quest for repositioning', publisher: 'Daily Sabah' },
          previous: { title: TITLE, publisher: null },
          reason: 'r',
        },
        'erin',
      ),
      `erin revised the title, publisher of '${TITLE}'`,
      `erin revised the title, publisher of '${TITLE}'`,
    ],
    [
      'SourceRevised, its title kept',
      event(
        'SourceRevised',
        { sourceId: SOURCE, changed: { url: 'https://example.org/a' }, previous: { url: null }, reason: 'r' },
        'erin',
      ),
      `erin revised the url of 'Central Asia-Russia Summit: Moscow's quest for…'`,
      'erin revised the url of a source',
    ],
    [
      'CounterpointReopened, with the rebuttal',
      event(
        'CounterpointReopened',
        { claimId: CLAIM, counterpointId: COUNTERPOINT, text: 'Balance is not independence', reason: 'r' },
        'bob',
      ),
      `bob reopened the counterpoint 'Moscow still sets the region’s security agenda' on ${CLAIM_NAME}: 'Balance is not independence'`,
      `bob reopened a counterpoint on a claim: 'Balance is not independence'`,
    ],
    [
      'ClaimReanchored, with the new words and their source',
      event('ClaimReanchored', {
        claimId: CLAIM,
        anchor: {
          sourceId: SOURCE,
          quote: {
            exact: 'Central Asian states',
            prefix: 'ussia.\n\nIn the economic sphere, ',
            suffix: ' are seeking to deepen their int',
            start: 8638,
            end: 8658,
          },
        },
        previousAnchor: null,
        reason: 'r',
      }),
      `alice re-anchored ${CLAIM_NAME} to 'Central Asian states' in 'Central Asia-Russia Summit: Moscow's quest for…'`,
      `alice re-anchored a claim to 'Central Asian states' in a source`,
    ],
    [
      'ClaimAssessed',
      event(
        'ClaimAssessed',
        { claimId: CLAIM, verdict: 'MISLEADING', confidence: 0.8, rationale: 'r' },
        'erin',
      ),
      `erin assessed ${CLAIM_NAME} as MISLEADING (confidence 0.8)`,
      'erin assessed a claim as MISLEADING (confidence 0.8)',
    ],
    [
      'AssessmentWithdrawn',
      event('AssessmentWithdrawn', { claimId: CLAIM, reason: 'r' }, 'erin'),
      `erin withdrew the assessment of ${CLAIM_NAME}`,
      'erin withdrew the assessment of a claim',
    ],
    [
      'ClaimRetracted',
      event('ClaimRetracted', { claimId: CLAIM, reason: 'r' }, 'erin'),
      `erin retracted ${CLAIM_NAME}`,
      'erin retracted a claim',
    ],
    [
      'TokenGranted: the holder and role, from the event itself',
      event(
        'TokenGranted',
        { tokenId: TOKEN, actorId: 'alice', role: 'ANALYST', tokenHash: 'f'.repeat(64) },
        'cli',
      ),
      'cli granted alice an ANALYST token',
      'cli granted alice an ANALYST token',
    ],
    [
      'TokenRevoked: the holder and role, from the grant',
      event('TokenRevoked', { tokenId: TOKEN, reason: null }, 'cli'),
      "cli revoked vera's VIEWER token",
      'cli revoked a token',
    ],
  ])('%s', (_name, stored, withNames, withoutNames) => {
    expect(summarize(stored, named)).toBe(withNames);
    expect(summarize(stored, unnamed)).toBe(withoutNames);
    expect(withNames).not.toMatch(/(clm|src|evd|cpt|tok)_/);
  });

  it('EvidenceAttached names the citation title when there is one, else the summary', () => {
    const data = {
      claimId: CLAIM,
      evidenceId: EVIDENCE,
      summary: 'The communique names a secretariat',
      reliability: 0.9,
    };
    const titled = event('EvidenceAttached', {
      ...data,
      stance: 'SUPPORTS',
      citation: citation({ title: 'Dushanbe summit communique' }),
    });
    expect(summarize(titled, named)).toBe(
      `alice attached supporting evidence 'Dushanbe summit communique' to ${CLAIM_NAME}`,
    );
    const untitled = event('EvidenceAttached', { ...data, stance: 'UNDERMINES', citation: citation() });
    expect(summarize(untitled, unnamed)).toBe(
      `alice attached undermining evidence 'The communique names a secretariat' to a claim`,
    );
  });

  it.each([
    ['ANSWERED', 'answered'],
    ['CONCEDED', 'conceded'],
    ['DISMISSED', 'dismissed'],
  ])('CounterpointResolved %s', (resolution, verb) => {
    const resolved = event('CounterpointResolved', {
      claimId: CLAIM,
      counterpointId: COUNTERPOINT,
      resolution,
      response: 'r',
    });
    expect(summarize(resolved, named)).toBe(
      `alice ${verb} the counterpoint 'Moscow still sets the region’s security agenda' on ${CLAIM_NAME}`,
    );
    expect(summarize(resolved, unnamed)).toBe(`alice ${verb} a counterpoint on a claim`);
  });

  it.each([
    ['SUPPORTS', 'supporting'],
    ['ATTACKS', 'attacking'],
    ['UNDERCUTS', 'undercutting'],
    ['REFINES', 'refining'],
    ['DUPLICATES', 'duplicating'],
  ])('ClaimLinked and ClaimUnlinked %s', (kind, as) => {
    const linked = event('ClaimLinked', { claimId: OTHER, toClaimId: CLAIM, kind, rationale: null });
    expect(summarize(linked, named)).toBe(
      `alice linked 'Russia remains the security guarantor' as ${as} ${CLAIM_NAME}`,
    );
    expect(summarize(linked, unnamed)).toBe(`alice linked a claim as ${as} a claim`);
    const unlinked = event('ClaimUnlinked', { claimId: OTHER, toClaimId: CLAIM, kind, reason: 'r' });
    expect(summarize(unlinked, named)).toBe(
      `alice unlinked 'Russia remains the security guarantor', no longer ${as} ${CLAIM_NAME}`,
    );
    expect(summarize(unlinked, unnamed)).toBe(`alice unlinked a claim, no longer ${as} a claim`);
  });

  it('says "someone" when the metadata has no actor', () => {
    const anonymous = { ...event('ClaimRetracted', { claimId: CLAIM, reason: 'r' }), metadata: {} };
    expect(summarize(anonymous, named)).toBe(`someone retracted ${CLAIM_NAME}`);
  });
});

describe('quoted', () => {
  const long =
    'Central Asia moved from being an object of great-power competition to a subject that sets its own agenda at the summit';

  it('keeps a short text whole, on one line', () => {
    expect(quoted('Central Asia   moved\nfrom object to subject ')).toBe(
      `'Central Asia moved from object to subject'`,
    );
  });

  it('keeps a text of exactly 80 characters whole', () => {
    const eighty = 'x'.repeat(80);
    expect(quoted(eighty)).toBe(`'${eighty}'`);
  });

  it('shortens a long text at a word boundary with an ellipsis', () => {
    const result = quoted(long);
    expect(result).toBe(`'Central Asia moved from being an object of great-power competition to a subject…'`);
    const inner = result.slice(1, -2);
    expect(inner.length).toBeLessThanOrEqual(80);
    expect(long.startsWith(inner)).toBe(true);
    expect(long[inner.length]).toBe(' '); // cut between words, not inside one
  });

  it('shortens to a shorter limit when asked (names)', () => {
    expect(quoted(long, 50)).toBe(`'Central Asia moved from being an object of…'`);
  });

  it('shortens a long text without spaces too', () => {
    const result = quoted('https://example.org/'.padEnd(200, 'a'));
    expect(result.endsWith("…'")).toBe(true);
    expect(result.length).toBeLessThanOrEqual(83);
  });

  it('shortens long statements inside summaries', () => {
    expect(summarize(event('ClaimProposed', { claimId: CLAIM, statement: long, anchor: null }), named)).toBe(
      `alice proposed 'Central Asia moved from being an object of great-power competition to a subject…'`,
    );
  });
});

describe('audit rows written by the projector', () => {
  let env: ReadModelEnv;
  beforeEach(() => {
    env = new ReadModelEnv();
  });
  afterEach(() => env.close());

  const rowsOf = (db: Database.Database) =>
    db
      .prepare(
        'SELECT type, subject_id, actor_id, actor_role, reason, summary, data FROM audit ORDER BY position',
      )
      .all() as Array<Record<string, string>>;

  it('hold the actor, reason and a summary in words for each event, naming things as they stood then', async () => {
    const db = env.readModel();
    const projector = env.projector(db);
    projector.start();
    const claimId = newId('claim');
    const other = newId('claim');
    const evidenceId = newId('evidence');
    const counterpointId = newId('counterpoint');
    const sourceId = newId('source');
    await handleCommand(env.store, `source-${sourceId}`, sourceDecider, {
      type: 'RegisterSource',
      data: {
        sourceId,
        title: 'Central Asia is no longer an object of geopolitics',
        text: 'Full text of the op-ed.',
      },
      metadata: metadata(alice),
    });
    const run = (id: string, command: ClaimCommand) =>
      handleCommand(env.store, claimStream(id), claimDecider, command);
    await run(claimId, proposeClaim(claimId, 'Central Asia moved from geopolitical object to subject'));
    await run(other, proposeClaim(other, 'Russia remains the security guarantor', bob));
    await run(claimId, tagClaim(claimId, ['summit']));
    await run(claimId, attachEvidence(claimId, evidenceId));
    await run(
      claimId,
      raiseCounterpoint(claimId, counterpointId, bob, 'Moscow still sets the region’s security agenda'),
    );
    await run(claimId, respondToCounterpoint(claimId, counterpointId, 'ANSWERED'));
    const link = linkClaims(other, claimId, 'ATTACKS', bob);
    await run(other, {
      ...link,
      data: { ...link.data, rationale: 'The column says Moscow keeps the bases' },
    });
    await run(claimId, {
      type: 'ReviseClaim',
      data: { claimId, statement: 'Central Asia became a geopolitical subject', reason: 'Sharper wording' },
      metadata: metadata(alice),
    });
    const last = await run(claimId, retractClaim(claimId, erin, 'Misread the op-ed'));
    const { tokenId } = await createToken(env.store, { actorId: 'vera', role: 'VIEWER', by: CLI_ACTOR });
    await revokeToken(env.store, tokenId, CLI_ACTOR, 'left the desk');
    expect(await projector.waitFor(await env.store.headPosition())).toBe(true);
    expect(last.events).toHaveLength(1);

    const rows = rowsOf(db);
    const before = `'Central Asia moved from geopolitical object to…'`;
    expect(rows.map((row) => row.summary)).toEqual([
      `alice registered the source 'Central Asia is no longer an object of geopolitics'`,
      `alice proposed 'Central Asia moved from geopolitical object to subject'`,
      `bob proposed 'Russia remains the security guarantor'`,
      `alice tagged ${before} +summit`,
      `alice attached supporting evidence 'Dushanbe summit communique' to ${before}`,
      `bob raised a counterpoint on ${before}: 'Moscow still sets the region’s security agenda'`,
      `alice answered the counterpoint 'Moscow still sets the region’s security agenda' on ${before}`,
      `bob linked 'Russia remains the security guarantor' as attacking ${before}`,
      `alice revised 'Central Asia moved from geopolitical object to subject' to 'Central Asia became a geopolitical subject'`,
      // After the revision, the claim goes by its new words; the rows before it keep the old ones.
      `erin retracted 'Central Asia became a geopolitical subject'`,
      'cli granted vera a VIEWER token',
      "cli revoked vera's VIEWER token",
    ]);
    expect(rows[7]).toMatchObject({ type: 'ClaimLinked', reason: 'The column says Moscow keeps the bases' });
    expect(rows[9]).toMatchObject({
      type: 'ClaimRetracted',
      subject_id: claimId,
      actor_id: 'erin',
      actor_role: 'EDITOR',
      reason: 'Misread the op-ed',
    });
    expect(rows[0]).toMatchObject({ subject_id: sourceId, actor_id: 'alice' });
    // The source's full text stays in `sources`, out of the audit trail.
    expect(JSON.parse(rows[0]!.data!)).not.toHaveProperty('text');
    // A token shows by its id, holder and role; its hash stays in `tokens`.
    expect(rows[10]).toMatchObject({ type: 'TokenGranted', subject_id: tokenId, actor_id: 'cli' });
    expect(JSON.parse(rows[10]!.data!)).toMatchObject({ tokenId, actorId: 'vera', role: 'VIEWER' });
    expect(rows[10]!.data).not.toMatch(/tokenHash|[0-9a-f]{64}/);
    expect(rows[11]).toMatchObject({ type: 'TokenRevoked', subject_id: tokenId, reason: 'left the desk' });

    // A rebuild words every row the same, however the log is cut into batches.
    for (const batchSize of [1, 3, 5000]) {
      const file = join(env.dir.path, `rebuilt-${batchSize}.db`);
      const bulk = BulkReadModel.create(file, PROJECTIONS);
      await bulk.load(env.store, { batchSize });
      bulk.finish(file);
      const rebuilt = new Database(file, { readonly: true });
      try {
        expect(rebuilt.prepare('SELECT * FROM audit ORDER BY position').all()).toEqual(
          db.prepare('SELECT * FROM audit ORDER BY position').all(),
        );
      } finally {
        rebuilt.close();
      }
    }
  });
});
