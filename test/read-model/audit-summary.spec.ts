import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { quoted, summarize } from '../../src/audit/read-model/audit-summary.js';
import { claimDecider } from '../../src/claims/domain/claim.decider.js';
import type { ClaimCommand } from '../../src/claims/domain/claim.decider.js';
import type { StoredEvent } from '../../src/event-sourcing/event-store.js';
import { handleCommand } from '../../src/event-sourcing/handle-command.js';
import { newId, randomEventId } from '../../src/event-sourcing/ids.js';
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
const by = { id: 'alice', role: 'ANALYST' };
const at = '2025-10-28T09:30:00.000Z';

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

describe('audit summaries: one line per event type', () => {
  it('SourceRegistered', () => {
    expect(
      summarize(
        event('SourceRegistered', { sourceId: SOURCE, title: 'Central Asia is no longer an object' }),
      ),
    ).toBe(`alice registered source 'Central Asia is no longer an object' as ${SOURCE}`);
  });

  it('ClaimProposed', () => {
    expect(
      summarize(
        event('ClaimProposed', { claimId: CLAIM, statement: 'Central Asia moved from object to subject' }),
      ),
    ).toBe(`alice proposed ${CLAIM}: 'Central Asia moved from object to subject'`);
  });

  it('ClaimRevised, with the previous statement', () => {
    expect(
      summarize(
        event('ClaimRevised', {
          claimId: CLAIM,
          statement: 'Central Asia became a subject',
          previousStatement: 'Central Asia moved',
          reason: 'r',
        }),
      ),
    ).toBe(`alice revised ${CLAIM} to 'Central Asia became a subject' (was 'Central Asia moved')`);
  });

  it('ClaimTagged, with what was added and removed', () => {
    expect(
      summarize(event('ClaimTagged', { claimId: CLAIM, added: ['russia', 'summit'], removed: ['draft'] })),
    ).toBe(`alice tagged ${CLAIM} +russia +summit -draft`);
  });

  it('EvidenceAttached names the citation title when there is one', () => {
    const data = {
      claimId: CLAIM,
      evidenceId: EVIDENCE,
      summary: 'The communique names a secretariat',
      reliability: 0.9,
    };
    expect(
      summarize(
        event('EvidenceAttached', {
          ...data,
          stance: 'SUPPORTS',
          citation: citation({ title: 'Dushanbe summit communique' }),
        }),
      ),
    ).toBe(`alice attached supporting evidence 'Dushanbe summit communique' to ${CLAIM}`);
    expect(
      summarize(event('EvidenceAttached', { ...data, stance: 'UNDERMINES', citation: citation() })),
    ).toBe(`alice attached undermining evidence 'The communique names a secretariat' to ${CLAIM}`);
  });

  it('EvidenceWithdrawn', () => {
    expect(
      summarize(event('EvidenceWithdrawn', { claimId: CLAIM, evidenceId: EVIDENCE, reason: 'dup' })),
    ).toBe(`alice withdrew evidence ${EVIDENCE} from ${CLAIM}`);
  });

  it('CounterpointRaised, by whoever raised it', () => {
    expect(
      summarize(
        event(
          'CounterpointRaised',
          {
            claimId: CLAIM,
            counterpointId: COUNTERPOINT,
            text: 'Moscow still sets the region’s security agenda',
            citation: null,
          },
          'bob',
        ),
      ),
    ).toBe(`bob raised a counterpoint on ${CLAIM}: 'Moscow still sets the region’s security agenda'`);
  });

  it.each([
    ['ANSWERED', 'answered'],
    ['CONCEDED', 'conceded'],
    ['DISMISSED', 'dismissed'],
  ])('CounterpointResolved %s', (resolution, verb) => {
    expect(
      summarize(
        event('CounterpointResolved', {
          claimId: CLAIM,
          counterpointId: COUNTERPOINT,
          resolution,
          response: 'r',
        }),
      ),
    ).toBe(`alice ${verb} counterpoint ${COUNTERPOINT} on ${CLAIM}`);
  });

  it('CounterpointReopened, with the rebuttal', () => {
    expect(
      summarize(
        event(
          'CounterpointReopened',
          { claimId: CLAIM, counterpointId: COUNTERPOINT, text: 'Balance is not independence', reason: 'r' },
          'bob',
        ),
      ),
    ).toBe(`bob reopened counterpoint ${COUNTERPOINT} on ${CLAIM}: 'Balance is not independence'`);
  });

  it('ClaimReanchored, with the new words and their source', () => {
    const quote = { exact: 'Central Asian states', prefix: '', suffix: '', start: 10, end: 30 };
    expect(
      summarize(
        event('ClaimReanchored', {
          claimId: CLAIM,
          anchor: { sourceId: SOURCE, quote },
          previousAnchor: null,
          reason: 'r',
        }),
      ),
    ).toBe(`alice re-anchored ${CLAIM} to 'Central Asian states' in ${SOURCE}`);
  });

  it('SourceRevised, naming the fields it changed', () => {
    expect(
      summarize(
        event(
          'SourceRevised',
          {
            sourceId: SOURCE,
            changed: { url: 'https://example.org/a', publisher: 'Daily Sabah' },
            previous: { url: null, publisher: null },
            reason: 'r',
          },
          'erin',
        ),
      ),
    ).toBe(`erin revised url, publisher of source ${SOURCE}`);
  });

  it.each(['SUPPORTS', 'ATTACKS', 'UNDERCUTS', 'REFINES', 'DUPLICATES'])(
    'ClaimLinked and ClaimUnlinked %s',
    (kind) => {
      expect(
        summarize(event('ClaimLinked', { claimId: CLAIM, toClaimId: OTHER, kind, rationale: null })),
      ).toBe(`alice linked ${CLAIM} ${kind.toLowerCase()} ${OTHER}`);
      expect(summarize(event('ClaimUnlinked', { claimId: CLAIM, toClaimId: OTHER, kind, reason: 'r' }))).toBe(
        `alice unlinked ${CLAIM} ${kind.toLowerCase()} ${OTHER}`,
      );
    },
  );

  it('ClaimAssessed', () => {
    expect(
      summarize(
        event(
          'ClaimAssessed',
          { claimId: CLAIM, verdict: 'MISLEADING', confidence: 0.8, rationale: 'r' },
          'erin',
        ),
      ),
    ).toBe(`erin assessed ${CLAIM} as MISLEADING (confidence 0.8)`);
  });

  it('ClaimRetracted', () => {
    expect(summarize(event('ClaimRetracted', { claimId: CLAIM, reason: 'r' }, 'erin'))).toBe(
      `erin retracted ${CLAIM}`,
    );
  });

  it('says "someone" when the metadata has no actor', () => {
    const anonymous = { ...event('ClaimRetracted', { claimId: CLAIM, reason: 'r' }), metadata: {} };
    expect(summarize(anonymous)).toBe(`someone retracted ${CLAIM}`);
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

  it('shortens a long text without spaces too', () => {
    const result = quoted('https://example.org/'.padEnd(200, 'a'));
    expect(result.endsWith("…'")).toBe(true);
    expect(result.length).toBeLessThanOrEqual(83);
  });

  it('shortens long statements inside summaries', () => {
    const summary = summarize(event('ClaimProposed', { claimId: CLAIM, statement: long }));
    expect(summary).toBe(
      `alice proposed ${CLAIM}: 'Central Asia moved from being an object of great-power competition to a subject…'`,
    );
  });
});

describe('audit rows written by the projector', () => {
  let env: ReadModelEnv;
  beforeEach(() => {
    env = new ReadModelEnv();
  });
  afterEach(() => env.close());

  it('hold the actor, reason and a readable summary for each event, in log order', async () => {
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
    await run(other, linkClaims(other, claimId, 'ATTACKS', bob));
    const last = await run(claimId, retractClaim(claimId, erin, 'Misread the op-ed'));
    expect(await projector.waitFor(last.events[0]!.position)).toBe(true);

    const rows = db
      .prepare(
        'SELECT type, subject_id, actor_id, actor_role, reason, summary, data FROM audit ORDER BY position',
      )
      .all() as Array<Record<string, string>>;
    expect(rows.map((row) => row.summary)).toEqual([
      `alice registered source 'Central Asia is no longer an object of geopolitics' as ${sourceId}`,
      `alice proposed ${claimId}: 'Central Asia moved from geopolitical object to subject'`,
      `bob proposed ${other}: 'Russia remains the security guarantor'`,
      `alice tagged ${claimId} +summit`,
      `alice attached supporting evidence 'Dushanbe summit communique' to ${claimId}`,
      `bob raised a counterpoint on ${claimId}: 'Moscow still sets the region’s security agenda'`,
      `alice answered counterpoint ${counterpointId} on ${claimId}`,
      `bob linked ${other} attacks ${claimId}`,
      `erin retracted ${claimId}`,
    ]);
    expect(rows.at(-1)).toMatchObject({
      type: 'ClaimRetracted',
      subject_id: claimId,
      actor_id: 'erin',
      actor_role: 'EDITOR',
      reason: 'Misread the op-ed',
    });
    expect(rows[0]).toMatchObject({ subject_id: sourceId, actor_id: 'alice' });
    // The source's full text stays in `sources`, out of the audit trail.
    expect(JSON.parse(rows[0]!.data!)).not.toHaveProperty('text');
  });
});
