import { tokenIdOfStream } from '../../auth/domain/access.values.js';
import { isArgumentStream } from '../../claims/domain/claim.stream.js';
import type { StoredEvent } from '../../event-sourcing/event-store.js';
import type { Role } from '../../event-sourcing/metadata.js';
import type { AuditEntryView } from './audit.queries.js';
import type { Names } from './audit-names.js';
import { summarize } from './audit-summary.js';

/** The subject of an event is the claim, source or token whose stream holds it (`claim-<id>` → `<id>`). */
export const subjectOf = (streamId: string): string => streamId.slice(streamId.indexOf('-') + 1);

/** The streams the audit trail records: the argument (claims, sources) and the grants of access (tokens). */
export const isAuditedStream = (streamId: string): boolean =>
  isArgumentStream(streamId) || tokenIdOfStream(streamId) !== undefined;

/**
 * Left out of an entry's `data`: a source's full text stays in `sources`; a token's hash is what the server
 * recognises the token by, so the trail shows the token's id and never the hash.
 */
const UNSHOWN_DATA = new Set(['text', 'tokenHash']);

/**
 * An event as the audit trail shows it, built from the event itself and the names the summary needs. The one
 * builder of entries: the audit projection stores what it returns, and a mutation whose events the projector
 * has not applied yet answers with it (AuditQueries.appended).
 */
export const auditEntryOf = (stored: StoredEvent, names: Names): AuditEntryView => {
  const metadata = stored.metadata as Record<string, unknown>;
  const data = Object.fromEntries(
    Object.entries(stored.data as Record<string, unknown>).filter(([key]) => !UNSHOWN_DATA.has(key)),
  );
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
    summary: summarize(stored, names),
    data,
    correlationId: (metadata['correlationId'] as string | null | undefined) ?? null,
    causationId: (metadata['causationId'] as string | null | undefined) ?? null,
  };
};
