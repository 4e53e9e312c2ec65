import type { AccessEvent } from '../../auth/domain/access.events.js';
import type { ClaimEvent } from '../../claims/domain/claim.events.js';
import type { RelationKind } from '../../claims/domain/claim.values.js';
import type { StoredEvent } from '../../event-sourcing/event-store.js';
import type { SourceEvent } from '../../sources/domain/source.events.js';
import { evidenceLabel, quoted, tokenOfRole, type Names } from './audit-names.js';

const RESOLVED_VERB = { ANSWERED: 'answered', CONCEDED: 'conceded', DISMISSED: 'dismissed' } as const;
/** "linked 'A' as attacking 'B'": what a link says its *from* claim does to its *to* claim. */
const LINKED_AS: Readonly<Record<RelationKind, string>> = {
  SUPPORTS: 'supporting',
  ATTACKS: 'attacking',
  UNDERCUTS: 'undercutting',
  REFINES: 'refining',
  DUPLICATES: 'duplicating',
};

/**
 * One line an editor can read without opening `data`: things are named by their words (names.claim,
 * names.source, …), their ids stay in the entry's own fields.
 */
export const summarize = (stored: StoredEvent, names: Names): string => {
  const actor = String((stored.metadata as Record<string, unknown>)['actorId'] ?? 'someone');
  const event = { type: stored.type, data: stored.data } as unknown as ClaimEvent | SourceEvent | AccessEvent;
  switch (event.type) {
    case 'SourceRegistered':
      return `${actor} registered the source ${quoted(event.data.title)}`;
    case 'SourceRevised': {
      // A new title is already in the read model: the source is named by the one it had, as a revised claim is.
      const { changed, previous, sourceId } = event.data;
      const source = previous.title ? quoted(previous.title) : names.source(sourceId);
      return `${actor} revised the ${Object.keys(changed).join(', ')} of ${source}`;
    }
    case 'ClaimProposed': {
      const { statement, anchor } = event.data;
      const quoting = anchor ? ` quoting ${names.source(anchor.sourceId)}` : '';
      return `${actor} proposed ${quoted(statement)}${quoting}`;
    }
    case 'ClaimRevised':
      // The claims table already holds the new statement: the claim is named by the one it had.
      return `${actor} revised ${quoted(event.data.previousStatement)} to ${quoted(event.data.statement)}`;
    case 'ClaimTagged': {
      const changes = [
        ...event.data.added.map((tag) => `+${tag}`),
        ...event.data.removed.map((tag) => `-${tag}`),
      ];
      return `${actor} tagged ${names.claim(event.data.claimId)} ${changes.join(' ')}`;
    }
    case 'EvidenceAttached': {
      const stance = event.data.stance === 'SUPPORTS' ? 'supporting' : 'undermining';
      const label = evidenceLabel({ citationTitle: event.data.citation.title, summary: event.data.summary });
      return `${actor} attached ${stance} evidence ${quoted(label)} to ${names.claim(event.data.claimId)}`;
    }
    case 'EvidenceWithdrawn':
      return `${actor} withdrew ${names.evidence(event.data.evidenceId)} from ${names.claim(event.data.claimId)}`;
    case 'CounterpointRaised':
      return `${actor} raised a counterpoint on ${names.claim(event.data.claimId)}: ${quoted(event.data.text)}`;
    case 'CounterpointResolved': {
      const { resolution, counterpointId, claimId } = event.data;
      return `${actor} ${RESOLVED_VERB[resolution]} ${names.counterpoint(counterpointId)} on ${names.claim(claimId)}`;
    }
    case 'CounterpointReopened': {
      const { counterpointId, claimId, text } = event.data;
      return `${actor} reopened ${names.counterpoint(counterpointId)} on ${names.claim(claimId)}: ${quoted(text)}`;
    }
    case 'ClaimLinked':
      return `${actor} linked ${names.claim(event.data.claimId)} as ${LINKED_AS[event.data.kind]} ${names.claim(event.data.toClaimId)}`;
    case 'ClaimUnlinked':
      return `${actor} unlinked ${names.claim(event.data.claimId)}, no longer ${LINKED_AS[event.data.kind]} ${names.claim(event.data.toClaimId)}`;
    case 'ClaimAssessed':
      return `${actor} assessed ${names.claim(event.data.claimId)} as ${event.data.verdict} (confidence ${event.data.confidence})`;
    case 'AssessmentWithdrawn':
      return `${actor} withdrew the assessment of ${names.claim(event.data.claimId)}`;
    case 'ClaimReanchored': {
      const { claimId, anchor } = event.data;
      return `${actor} re-anchored ${names.claim(claimId)} to ${quoted(anchor.quote.exact)} in ${names.source(anchor.sourceId)}`;
    }
    case 'ClaimRetracted':
      return `${actor} retracted ${names.claim(event.data.claimId)}`;
    case 'TokenGranted':
      return `${actor} granted ${event.data.actorId} ${tokenOfRole(event.data.role)}`;
    case 'TokenRevoked':
      return `${actor} revoked ${names.token(event.data.tokenId)}`;
    default: {
      const unexpected: never = event;
      return `${actor} recorded ${(unexpected as { type: string }).type}`;
    }
  }
};
