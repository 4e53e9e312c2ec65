import type { Projector } from '../../read-model/projector.js';
import type { AuditEntryView, AuditQueries, AuditReader } from '../read-model/audit.queries.js';
import { isAuditedStream, subjectOf } from '../read-model/audit-entry.js';

export interface AuditFeedFilter {
  readonly subjectId?: string | null;
  readonly types?: readonly string[] | null;
}

/**
 * Live audit entries for one subscriber: each event appended to the log, once, in log order, delivered
 * after the read model applied it (the projector's batch listener fires after the commit), so a subscriber
 * that queries on receipt sees the change.
 */
export const auditFeed = (
  projector: Projector,
  audit: AuditQueries,
  filter: AuditFeedFilter,
  /** Whose feed: it carries what the audit trail shows them (token events for ADMINs only). */
  reader: AuditReader,
  /** Checked before each delivery: a token revoked meanwhile ends the subscription with its error. */
  checkAccess: () => void = () => undefined,
): AsyncIterableIterator<AuditEntryView> => {
  const types = filter.types?.length ? new Set(filter.types) : undefined;
  const queue: AuditEntryView[] = [];
  let wake: (() => void) | undefined;
  let done = false;
  let refused: unknown;
  const unsubscribe = projector.onBatch((events) => {
    try {
      checkAccess();
    } catch (error) {
      refused = error;
      wake?.();
      return;
    }
    const positions = events
      .filter(
        (event) =>
          isAuditedStream(event.streamId) &&
          (!filter.subjectId || subjectOf(event.streamId) === filter.subjectId),
      )
      .filter((event) => !types || types.has(event.type))
      .map((event) => event.position);
    if (positions.length === 0) return;
    queue.push(...audit.byPositions(positions, reader));
    wake?.();
  });
  const finish = async (): Promise<IteratorResult<AuditEntryView>> => {
    done = true;
    unsubscribe();
    wake?.();
    return { done: true, value: undefined };
  };
  return {
    async next(): Promise<IteratorResult<AuditEntryView>> {
      while (!done && queue.length === 0 && refused === undefined)
        await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      if (refused !== undefined) {
        await finish();
        throw refused;
      }
      if (done) return { done: true, value: undefined };
      return { done: false, value: queue.shift()! };
    },
    return: finish,
    throw: finish,
    [Symbol.asyncIterator]() {
      return this;
    },
  };
};
