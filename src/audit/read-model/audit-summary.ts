import type { ClaimEvent } from '../../claims/domain/claim.events.js';
import type { StoredEvent } from '../../event-sourcing/event-store.js';
import type { SourceEvent } from '../../sources/domain/source.events.js';

const MAX_QUOTED = 80;

/** A short quotation: whole if short, else cut at a word boundary with an ellipsis. */
export const quoted = (text: string): string => {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  if (oneLine.length <= MAX_QUOTED) return `'${oneLine}'`;
  // Cut at the last space within the limit (a word ending right at the limit stays whole), unless that
  // would drop more than half: then cut mid-word.
  const space = oneLine.lastIndexOf(' ', MAX_QUOTED);
  return `'${oneLine.slice(0, space >= MAX_QUOTED / 2 ? space : MAX_QUOTED)}…'`;
};

const RESOLVED_VERB = { ANSWERED: 'answered', CONCEDED: 'conceded', DISMISSED: 'dismissed' } as const;

/** One line an editor can read without opening `data`. */
export const summarize = (stored: StoredEvent): string => {
  const actor = String((stored.metadata as Record<string, unknown>)['actorId'] ?? 'someone');
  const event = { type: stored.type, data: stored.data } as unknown as ClaimEvent | SourceEvent;
  switch (event.type) {
    case 'SourceRegistered':
      return `${actor} registered source ${quoted(event.data.title)} as ${event.data.sourceId}`;
    case 'SourceRevised':
      return `${actor} revised ${Object.keys(event.data.changed).join(', ')} of source ${event.data.sourceId}`;
    case 'ClaimProposed':
      return `${actor} proposed ${event.data.claimId}: ${quoted(event.data.statement)}`;
    case 'ClaimRevised':
      return `${actor} revised ${event.data.claimId} to ${quoted(event.data.statement)} (was ${quoted(event.data.previousStatement)})`;
    case 'ClaimTagged': {
      const changes = [
        ...event.data.added.map((tag) => `+${tag}`),
        ...event.data.removed.map((tag) => `-${tag}`),
      ];
      return `${actor} tagged ${event.data.claimId} ${changes.join(' ')}`;
    }
    case 'EvidenceAttached': {
      const stance = event.data.stance === 'SUPPORTS' ? 'supporting' : 'undermining';
      const label = event.data.citation.title ?? event.data.summary;
      return `${actor} attached ${stance} evidence ${quoted(label)} to ${event.data.claimId}`;
    }
    case 'EvidenceWithdrawn':
      return `${actor} withdrew evidence ${event.data.evidenceId} from ${event.data.claimId}`;
    case 'CounterpointRaised':
      return `${actor} raised a counterpoint on ${event.data.claimId}: ${quoted(event.data.text)}`;
    case 'CounterpointResolved':
      return `${actor} ${RESOLVED_VERB[event.data.resolution]} counterpoint ${event.data.counterpointId} on ${event.data.claimId}`;
    case 'CounterpointReopened':
      return `${actor} reopened counterpoint ${event.data.counterpointId} on ${event.data.claimId}: ${quoted(event.data.text)}`;
    case 'ClaimLinked':
      return `${actor} linked ${event.data.claimId} ${event.data.kind.toLowerCase()} ${event.data.toClaimId}`;
    case 'ClaimUnlinked':
      return `${actor} unlinked ${event.data.claimId} ${event.data.kind.toLowerCase()} ${event.data.toClaimId}`;
    case 'ClaimAssessed':
      return `${actor} assessed ${event.data.claimId} as ${event.data.verdict} (confidence ${event.data.confidence})`;
    case 'AssessmentWithdrawn':
      return `${actor} withdrew the assessment of ${event.data.claimId}`;
    case 'ClaimReanchored':
      return `${actor} re-anchored ${event.data.claimId} to ${quoted(event.data.anchor.quote.exact)} in ${event.data.anchor.sourceId}`;
    case 'ClaimRetracted':
      return `${actor} retracted ${event.data.claimId}`;
    default: {
      const unexpected: never = event;
      return `${actor} recorded ${(unexpected as { type: string }).type}`;
    }
  }
};
