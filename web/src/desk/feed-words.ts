import type { RelationKind } from '../types.js';

/** Names the feed writes instead of ids: claim statements (shortened) and source titles. */
export interface DeskNames {
  readonly claims: ReadonlyMap<string, { statement: string; sourceId: string | undefined }>;
  readonly sources: ReadonlyMap<string, string>;
}

const excerpt = (text: string, max = 90) =>
  text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;

const KIND_WORDS: Record<RelationKind, string> = {
  SUPPORTS: 'as supporting',
  ATTACKS: 'as attacking',
  UNDERCUTS: 'as undercutting',
  REFINES: 'as refining',
  DUPLICATES: 'as duplicating',
};

const text = (data: Record<string, unknown>, key: string): string | undefined =>
  typeof data[key] === 'string' ? (data[key] as string) : undefined;

/** Words for an event type the feed has no sentence for: ClaimTagged → "claim tagged". */
const typeWords = (type: string) =>
  type
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();

/**
 * One audit entry in words, e.g. `erin linked “A …” as attacking “B …”`: the actor, what they did, and the
 * claims and sources by their words, never by id (an id the page has no name for yet stays an id).
 */
export const feedSentence = (
  entry: { type: string; subjectId: string; actor: { id: string }; data: unknown },
  names: DeskNames,
): string => {
  const data = (entry.data && typeof entry.data === 'object' ? entry.data : {}) as Record<string, unknown>;
  const claim = (id: string | undefined) =>
    id ? `“${excerpt(names.claims.get(id)?.statement ?? text(data, 'statement') ?? id)}”` : 'a claim';
  const subject = claim(entry.subjectId);
  const who = entry.actor.id;
  switch (entry.type) {
    case 'ClaimProposed':
      // The statement as proposed (the claim may read differently now).
      return `${who} proposed “${excerpt(text(data, 'statement') ?? names.claims.get(entry.subjectId)?.statement ?? entry.subjectId)}”`;
    case 'ClaimRevised':
      return `${who} revised ${subject}, which read “${excerpt(text(data, 'previousStatement') ?? '…')}”`;
    case 'ClaimTagged': {
      const added = Array.isArray(data['added']) ? (data['added'] as string[]) : [];
      const removed = Array.isArray(data['removed']) ? (data['removed'] as string[]) : [];
      return `${who} tagged ${subject}${added.length ? ` +${added.join(', +')}` : ''}${removed.length ? ` −${removed.join(', −')}` : ''}`;
    }
    case 'EvidenceAttached':
      return `${who} attached ${text(data, 'stance') === 'UNDERMINES' ? 'undermining' : 'supporting'} evidence to ${subject}: “${excerpt(text(data, 'summary') ?? '', 70)}”`;
    case 'EvidenceWithdrawn':
      return `${who} withdrew evidence from ${subject}`;
    case 'CounterpointRaised':
      return `${who} raised a counterpoint on ${subject}: “${excerpt(text(data, 'text') ?? '', 70)}”`;
    case 'CounterpointResolved':
      return `${who} ${(text(data, 'resolution') ?? 'resolved').toLowerCase()} a counterpoint on ${subject}`;
    case 'ClaimLinked': {
      const kind = text(data, 'kind') as RelationKind | undefined;
      return `${who} linked ${subject} ${kind ? KIND_WORDS[kind] : 'to'} ${claim(text(data, 'toClaimId'))}`;
    }
    case 'ClaimUnlinked':
      return `${who} removed the link from ${subject} to ${claim(text(data, 'toClaimId'))}`;
    case 'ClaimAssessed':
      return `${who} assessed ${subject} as ${(text(data, 'verdict') ?? '').toLowerCase().replace(/_/g, ' ')}`;
    case 'AssessmentWithdrawn':
      return `${who} withdrew the assessment of ${subject}`;
    case 'ClaimRetracted':
      return `${who} retracted ${subject}`;
    case 'SourceRegistered':
      return `${who} registered the source “${names.sources.get(entry.subjectId) ?? text(data, 'title') ?? entry.subjectId}”`;
    default:
      return `${who}: ${typeWords(entry.type)} on ${subject}`;
  }
};
