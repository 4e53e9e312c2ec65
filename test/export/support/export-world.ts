import type Database from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import type { ClaimEvent } from '../../../src/claims/domain/claim.events.js';
import type {
  Citation,
  CounterpointResolution,
  RelationKind,
  Stance,
  Verdict,
} from '../../../src/claims/domain/claim.values.js';
import type { StoredEvent } from '../../../src/event-sourcing/event-store.js';
import { newId } from '../../../src/event-sourcing/ids.js';
import type { Actor } from '../../../src/event-sourcing/metadata.js';
import { upcasters } from '../../../src/event-sourcing/upcasters.js';
import { applyBatch } from '../../../src/read-model/apply-batch.js';
import { PROJECTIONS } from '../../../src/projections.js';
import { openReadModel } from '../../../src/read-model/read-model.database.js';
import type { SourceRegistered } from '../../../src/sources/domain/source.events.js';
import { anchorQuote } from '../../../src/sources/domain/text-quote.js';

/**
 * A read model built the way the projector builds it (the real projections, one batch per event), from
 * events written here directly: the export specs control every detail of the argument without going
 * through commands, and every state an export must handle (retracted, withdrawn, resolved…) is one call.
 */

export const alice: Actor = { id: 'alice', role: 'ANALYST' };
export const bob: Actor = { id: 'bob', role: 'ANALYST' };
export const erin: Actor = { id: 'erin', role: 'EDITOR' };

type ClaimData<Type extends ClaimEvent['type']> = Omit<
  Extract<ClaimEvent, { type: Type }>['data'],
  'claimId' | 'at' | 'by'
>;

const citationOf = (fields: Partial<Citation>): Citation => ({
  url: null,
  title: null,
  publisher: null,
  author: null,
  publishedAt: null,
  accessedAt: null,
  quote: null,
  ...fields,
});

export class ExportWorld {
  readonly db: Database.Database;
  private position = 0n;
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string | null>();
  private clock = Date.parse('2025-10-28T09:00:00.000Z');

  constructor(file = ':memory:') {
    this.db = openReadModel(file, PROJECTIONS);
  }

  /** Each event a minute after the one before, so timestamps are distinct and predictable. */
  private tick(): string {
    this.clock += 60_000;
    return new Date(this.clock).toISOString();
  }

  private append(
    streamId: string,
    type: string,
    data: Record<string, unknown>,
    actor: Actor,
    reason: string | null = null,
  ): void {
    const version = (this.versions.get(streamId) ?? 0) + 1;
    this.versions.set(streamId, version);
    this.position += 1n;
    const stored: StoredEvent = {
      eventId: randomUUID(),
      type,
      data,
      metadata: {
        actorId: actor.id,
        actorRole: actor.role,
        reason,
        correlationId: randomUUID(),
        causationId: null,
        idempotencyKey: null,
        occurredAt: data['at'],
        schemaVersion: 1,
      },
      streamId,
      version,
      position: this.position,
      recordedAt: new Date(data['at'] as string),
    };
    applyBatch(this.db, PROJECTIONS, [stored], upcasters);
  }

  private claimEvent<Type extends ClaimEvent['type']>(
    type: Type,
    claimId: string,
    data: ClaimData<Type>,
    actor: Actor,
    reason: string | null = null,
  ): void {
    this.append(`claim-${claimId}`, type, { claimId, at: this.tick(), by: actor, ...data }, actor, reason);
  }

  registerSource(
    fields: Partial<Omit<SourceRegistered['data'], 'sourceId' | 'at' | 'by' | 'textHash'>> & {
      title: string;
    },
    actor: Actor = alice,
  ): string {
    const sourceId = newId('source');
    const text = fields.text ?? null;
    this.texts.set(sourceId, text);
    const data: SourceRegistered['data'] = {
      sourceId,
      title: fields.title,
      url: fields.url ?? null,
      author: fields.author ?? null,
      publisher: fields.publisher ?? null,
      publishedAt: fields.publishedAt ?? null,
      language: fields.language ?? null,
      text,
      textHash: text === null ? null : createHash('sha256').update(text, 'utf8').digest('hex'),
      at: this.tick(),
      by: actor,
    };
    this.append(`source-${sourceId}`, 'SourceRegistered', { ...data }, actor);
    return sourceId;
  }

  propose(
    statement: string,
    options: {
      tags?: string[];
      attributedTo?: string;
      sourceId?: string;
      quote?: { exact: string; prefix?: string; suffix?: string };
      note?: string;
    } = {},
    actor: Actor = alice,
  ): string {
    const claimId = newId('claim');
    const anchor =
      options.sourceId && options.quote
        ? {
            sourceId: options.sourceId,
            quote: anchorQuote(this.texts.get(options.sourceId) ?? '', options.quote),
          }
        : null;
    this.claimEvent(
      'ClaimProposed',
      claimId,
      {
        statement,
        tags: options.tags ?? [],
        attributedTo: options.attributedTo ?? null,
        anchor,
        note: options.note ?? null,
      },
      actor,
      options.note ?? null,
    );
    return claimId;
  }

  revise(claimId: string, statement: string, previousStatement: string, actor: Actor = alice): void {
    this.claimEvent(
      'ClaimRevised',
      claimId,
      { statement, previousStatement, reason: 'clearer wording' },
      actor,
      'clearer wording',
    );
  }

  tag(claimId: string, added: string[], removed: string[] = [], actor: Actor = alice): void {
    this.claimEvent('ClaimTagged', claimId, { added, removed }, actor);
  }

  attachEvidence(
    claimId: string,
    stance: Stance,
    summary: string,
    citation: Partial<Citation> = { title: 'Summit communiqué' },
    reliability: number | null = null,
    actor: Actor = alice,
  ): string {
    const evidenceId = newId('evidence');
    this.claimEvent(
      'EvidenceAttached',
      claimId,
      { evidenceId, stance, summary, citation: citationOf(citation), reliability },
      actor,
    );
    return evidenceId;
  }

  withdrawEvidence(claimId: string, evidenceId: string, actor: Actor = alice): void {
    this.claimEvent(
      'EvidenceWithdrawn',
      claimId,
      { evidenceId, reason: 'misread the source' },
      actor,
      'misread the source',
    );
  }

  raiseCounterpoint(
    claimId: string,
    text: string,
    citation: Partial<Citation> | null = null,
    actor: Actor = bob,
  ): string {
    const counterpointId = newId('counterpoint');
    this.claimEvent(
      'CounterpointRaised',
      claimId,
      { counterpointId, text, citation: citation && citationOf(citation) },
      actor,
    );
    return counterpointId;
  }

  resolveCounterpoint(
    claimId: string,
    counterpointId: string,
    resolution: CounterpointResolution,
    response: string,
    actor: Actor = alice,
  ): void {
    this.claimEvent(
      'CounterpointResolved',
      claimId,
      { counterpointId, resolution, response },
      actor,
      response,
    );
  }

  reopenCounterpoint(
    claimId: string,
    counterpointId: string,
    text: string,
    reason: string,
    actor: Actor = bob,
  ): void {
    this.claimEvent('CounterpointReopened', claimId, { counterpointId, text, reason }, actor, reason);
  }

  link(
    fromId: string,
    toId: string,
    kind: RelationKind,
    rationale: string | null = null,
    actor: Actor = alice,
  ): void {
    this.claimEvent('ClaimLinked', fromId, { toClaimId: toId, kind, rationale }, actor);
  }

  unlink(fromId: string, toId: string, kind: RelationKind, actor: Actor = alice): void {
    this.claimEvent(
      'ClaimUnlinked',
      fromId,
      { toClaimId: toId, kind, reason: 'not a real link' },
      actor,
      'not a real link',
    );
  }

  assess(
    claimId: string,
    verdict: Verdict,
    confidence: number,
    rationale: string,
    actor: Actor = erin,
  ): void {
    this.claimEvent('ClaimAssessed', claimId, { verdict, confidence, rationale }, actor, rationale);
  }

  retract(claimId: string, actor: Actor = erin): void {
    this.claimEvent('ClaimRetracted', claimId, { reason: 'not in the op-ed' }, actor, 'not in the op-ed');
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

export const OP_ED_TEXT = [
  'While Moscow revives its Eurasian vision, Central Asia asserts independence and balance.',
  '',
  'The Second Central Asia-Russia Summit, held in Dushanbe on Oct. 9, 2025, stood out as a concrete reflection of',
  "Moscow's efforts to reestablish its influence. Central Asia is no longer a geopolitical object; it is a subject.",
  'The region is a subject of its own policy, and the region is a market for everyone.',
].join('\n');

/**
 * The argument every format spec exports: two sources (one with a URL, one without), claims linked in every
 * kind, evidence of both stances (one withdrawn), counterpoints in every state, two assessments, a revised
 * claim, a retracted claim with links and evidence of its own, and a statement full of Argdown syntax.
 */
export const buildDebate = (world: ExportWorld) => {
  const opEd = world.registerSource({
    title: "Central Asia-Russia Summit: Moscow's quest for repositioning",
    url: 'https://example.org/op-ed/central-asia-russia-summit',
    author: 'Zeynep Gizem Özpınar',
    publisher: 'Daily Sabah',
    publishedAt: '2025-10-28T00:05:00+03:00',
    language: 'en',
    text: OP_ED_TEXT,
  });
  const notes = world.registerSource({
    title: 'Analyst notes, no URL',
    publisher: 'Claimtrail desk',
    text: 'Agenda: set in Moscow, the notes say.',
  });

  const subject = world.propose('Central Asia moved from geopolitical object to subject', {
    tags: ['central-asia', 'agency'],
    attributedTo: 'Zeynep Gizem Özpınar',
    sourceId: opEd,
    quote: { exact: 'Central Asia is no longer a geopolitical object; it is a subject' },
    note: 'The thesis of the column',
  });
  // "region is a" occurs twice in the text: the anchor needs its context to be found again.
  const market = world.propose('The region is a market for every power', {
    tags: ['economy'],
    attributedTo: 'Zeynep Gizem Özpınar',
    sourceId: opEd,
    quote: { exact: 'region is a', prefix: 'and the ' },
  });
  const summitFormats = world.propose('C5 states now convene their own summit formats', { tags: ['c5'] });
  const csto = world.propose(
    'Security still runs through Moscow, an analyst argues',
    { tags: ['security'] },
    bob,
  );
  const staleData = world.propose('The column relies on data from before the 2022 war', {}, bob);
  const rephrase = world.propose('Central Asian states act as subjects, not objects', { tags: ['agency'] });
  const duplicate = world.propose('Central Asia is a subject of geopolitics now', {});
  const syntax = world.propose(
    'U.S. *officials* said #1 [sic] <b> {x: 1} :smile: a_b // c /* d */ <!-- e --> 50% — “quoted” \\ back\\slash @[Mention] e.g. done... +> -> _>',
    { tags: ['syntax-check'] },
  );
  const retracted = world.propose('An analyst doubts the EEU framing', { tags: ['error'] }, bob);
  const fromNotes = world.propose(
    'The notes say the summit agenda was set in Moscow',
    { sourceId: notes, quote: { exact: 'set in Moscow' } },
    bob,
  );

  world.revise(
    summitFormats,
    'C5 states now convene summit formats of their own',
    'C5 states now convene their own summit formats',
  );
  world.tag(subject, ['thesis']);

  const supporting = world.attachEvidence(
    subject,
    'SUPPORTS',
    'The five states also meet without Russia, an analyst notes',
    { title: 'C5 summit records', url: 'https://example.org/c5' },
    0.8,
  );
  const reuters = world.attachEvidence(
    subject,
    'SUPPORTS',
    'The capitals keep their own counsel, an analyst argues',
    { title: 'Reuters report', publisher: 'Reuters' },
  );
  const remittances = world.attachEvidence(
    subject,
    'UNDERMINES',
    'Most migrant remittances still come from Russia',
    { title: 'World Bank data' },
    0.9,
  );
  const withdrawn = world.attachEvidence(subject, 'SUPPORTS', 'A misread statistic', { title: 'Blog post' });
  world.withdrawEvidence(subject, withdrawn);
  world.attachEvidence(retracted, 'SUPPORTS', 'A rumour', { title: 'Forum post' });

  const openDoubt = world.raiseCounterpoint(subject, 'No baseline is given for "more autonomous"');
  const answered = world.raiseCounterpoint(subject, 'The format has its own history, an analyst says', {
    title: 'C5 history',
  });
  world.resolveCounterpoint(subject, answered, 'ANSWERED', 'It meets more often, an analyst says');
  const conceded = world.raiseCounterpoint(
    csto,
    'Security reliance on Moscow cuts both ways, an analyst argues',
  );
  world.resolveCounterpoint(csto, conceded, 'CONCEDED', 'True: that is dependence and agency at once');
  const dismissed = world.raiseCounterpoint(summitFormats, 'Summits are only talk');
  world.resolveCounterpoint(
    summitFormats,
    dismissed,
    'DISMISSED',
    'Formats create obligations; see the communiqué',
  );
  world.raiseCounterpoint(retracted, 'This never happened');
  // Answered, rebutted by its author, answered again: a thread a bundle must carry whole.
  const rebutted = world.raiseCounterpoint(csto, 'The treaty binds only on paper, an analyst argues');
  world.resolveCounterpoint(csto, rebutted, 'ANSWERED', 'Paper obligations still shape planning');
  world.reopenCounterpoint(csto, rebutted, 'Planning is not dependence', 'The answer changes the subject');
  world.resolveCounterpoint(csto, rebutted, 'ANSWERED', 'Dependence is what the claim says, not planning');

  world.link(summitFormats, subject, 'SUPPORTS', 'Own formats are what acting as a subject looks like');
  world.link(csto, subject, 'ATTACKS', null);
  world.link(staleData, summitFormats, 'UNDERCUTS', 'The formats counted are from before the war');
  world.link(rephrase, subject, 'REFINES', null);
  world.link(duplicate, rephrase, 'DUPLICATES', null);
  world.link(market, syntax, 'SUPPORTS', null);
  world.link(retracted, subject, 'SUPPORTS', null);
  world.link(subject, retracted, 'ATTACKS', null);
  world.link(market, subject, 'ATTACKS', null);
  world.unlink(market, subject, 'ATTACKS');

  world.assess(subject, 'MOSTLY_ACCURATE', 0.7, 'Supported by the C5 record, but no baseline');
  world.assess(csto, 'OPINION', 0.6, 'An interpretation of the security order');
  world.assess(fromNotes, 'UNSUPPORTED', 0.5, 'Nothing in the notes shows it');
  world.assess(retracted, 'INACCURATE', 0.99, 'The analyst concedes the membership continues');
  world.retract(retracted);

  return {
    sources: { opEd, notes },
    claims: {
      subject,
      market,
      summitFormats,
      csto,
      staleData,
      rephrase,
      duplicate,
      syntax,
      retracted,
      fromNotes,
    },
    evidence: { supporting, c5Records: supporting, reuters, remittances, withdrawn },
    counterpoints: { openDoubt, answered, conceded, dismissed, rebutted },
  };
};

export type Debate = ReturnType<typeof buildDebate>;
