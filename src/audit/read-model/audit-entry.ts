import type { StoredEvent } from '../../event-sourcing/event-store.js';
import type { Role } from '../../event-sourcing/metadata.js';
import type { AuditEntryView } from './audit.queries.js';
import { summarize } from './audit-summary.js';

/** The subject of an event is the claim or source whose stream holds it (`claim-<id>` → `<id>`). */
export const subjectOf = (streamId: string): string => streamId.slice(streamId.indexOf('-') + 1);

/**
 * An appended event as the audit trail shows it, built from the event itself: a mutation can say what it
 * appended even while the read model is behind (a projector fault), instead of an empty list that would
 * read as "nothing appended".
 */
export const auditEntryOf = (stored: StoredEvent): AuditEntryView => {
  const metadata = stored.metadata as Record<string, unknown>;
  const { text: _text, ...data } = stored.data as Record<string, unknown>;
  return {
    position: String(stored.position),
    streamId: stored.streamId,
    subjectId: subjectOf(stored.streamId),
    version: stored.version,
    type: stored.type,
    occurredAt: String(metadata['occurredAt'] ?? stored.recordedAt.toISOString()),
    recordedAt: stored.recordedAt.toISOString(),
    actor: {
      id: String(metadata['actorId'] ?? 'unknown'),
      role: (metadata['actorRole'] ?? 'VIEWER') as Role,
    },
    reason: (metadata['reason'] as string | null | undefined) ?? null,
    summary: summarize(stored),
    data,
    correlationId: (metadata['correlationId'] as string | null | undefined) ?? null,
    causationId: (metadata['causationId'] as string | null | undefined) ?? null,
  };
};
