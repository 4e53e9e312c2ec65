import { useEffect, useRef, useState } from 'preact/hooks';
import { request } from '../api.js';
import { isClaimId } from '../domain.js';
import { AuditMomentsDocument, type AuditMomentsQuery } from '../generated/graphql.js';
import { useLive } from '../live.js';

export type MomentEvent = AuditMomentsQuery['auditTrail']['edges'][number]['node'];

/** One moment the map changed: the events recorded then (one mutation's, or one import step's). */
export interface Moment {
  /** The recording time: argumentGraph(asOf: at) includes exactly the events recorded by then. */
  readonly at: string;
  readonly events: readonly MomentEvent[];
}

const PAGE = 500;

/** Claim events grouped by the time they were recorded, oldest first. */
export const groupMoments = (events: readonly MomentEvent[]): Moment[] => {
  const moments: Array<{ at: string; events: MomentEvent[] }> = [];
  for (const event of events) {
    if (!isClaimId(event.subjectId)) continue;
    const last = moments[moments.length - 1];
    if (last && last.at === event.recordedAt) last.events.push(event);
    else moments.push({ at: event.recordedAt, events: [event] });
  }
  return moments;
};

/**
 * Every moment something changed on the map, read page by page from the audit trail (oldest first) and
 * kept up to date by live events (a refetch of the pages after the last one read).
 */
export const useMoments = (): { moments: Moment[]; error: unknown } => {
  const [events, setEvents] = useState<MomentEvent[]>([]);
  const [error, setError] = useState<unknown>();
  const cursor = useRef<string | null>(null);
  const running = useRef(false);
  const again = useRef(false);
  const readOn = async () => {
    if (running.current) {
      again.current = true;
      return;
    }
    running.current = true;
    try {
      do {
        again.current = false;
        for (;;) {
          const data = await request(AuditMomentsDocument, { first: PAGE, after: cursor.current });
          const page = data.auditTrail.edges.map((edge) => edge.node);
          if (page.length) setEvents((current) => [...current, ...page]);
          cursor.current = data.auditTrail.pageInfo.endCursor ?? cursor.current;
          if (!data.auditTrail.pageInfo.hasNextPage) break;
        }
      } while (again.current);
      setError(undefined);
    } catch (failure) {
      setError(failure);
    } finally {
      running.current = false;
    }
  };
  useEffect(() => void readOn(), []);
  useLive(() => void readOn());
  return { moments: groupMoments(events), error };
};
