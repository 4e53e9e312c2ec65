import type { ClaimEventType } from '../domain/claim.events.js';
import type { RelationKind } from '../domain/claim.values.js';
import type { EventStore, StoredEvent } from '../../event-sourcing/event-store.js';
import { upcasters as defaultUpcasters, type UpcasterRegistry } from '../../event-sourcing/upcasters.js';
import type { ArgumentGraphState } from './argument-graph.state.js';
import { GraphCheckpoints } from './graph-checkpoints.js';
import { toGraphEvent, type GraphEvent } from './graph-event.js';
import { claimStreamId, claimIdOfStream } from '../domain/claim.stream.js';

/** Where a claim's stream is cut: after a version, at a global position, or both. */
export interface StreamCut {
  readonly toVersion?: number;
  readonly toPosition?: bigint;
}

/** What a fold needs of a stored event, already upcast to the current shape. */
export type HistoryEvent = Pick<StoredEvent, 'type' | 'data' | 'version' | 'position'>;

/** Evidence events change nothing but the evidence list (and the time of the last change). */
export const EVIDENCE_EVENT_TYPES: ReadonlySet<string> = new Set<ClaimEventType>([
  'EvidenceAttached',
  'EvidenceWithdrawn',
]);

/**
 * A claim's stream cut at a moment, split the way a view is built: evidence is the bulk of most streams and
 * only the `evidence` field needs it, so it is handed over separately and may be read only when asked for.
 */
export interface ClaimStream {
  readonly claimId: string;
  /** The events other than evidence, in stream order; the first is the proposal. */
  readonly events: readonly HistoryEvent[];
  /** The last event at the cut, evidence or not: the claim's version and the time of its last change. */
  readonly last: HistoryEvent;
  /** The evidence events in stream order. */
  evidence(): readonly HistoryEvent[];
}

/** A stream read whole, split in memory. */
export const splitStream = (claimId: string, events: readonly HistoryEvent[]): ClaimStream | undefined => {
  const last = events.at(-1);
  if (!last) return undefined;
  const evidence = events.filter((event) => EVIDENCE_EVENT_TYPES.has(event.type));
  return {
    claimId,
    events: events.filter((event) => !EVIDENCE_EVENT_TYPES.has(event.type)),
    last,
    evidence: () => evidence,
  };
};

/** A link made from one claim to another (a ClaimLinked event), whatever became of it later. */
export interface LinkMade {
  readonly fromClaimId: string;
  readonly toClaimId: string;
  readonly kind: RelationKind;
}

/** Reads of the log around a few claims rather than all of it, for a reader that finds links by their target. */
export interface NeighbourhoodReader {
  /** The links made to these claims up to `toPosition` (inclusive), in any order. */
  linksTo(toClaimIds: readonly string[], toPosition: bigint): Promise<LinkMade[]>;
  /** The graph events of these claims' streams up to `toPosition` (inclusive), in any order. */
  graphEventsOf(claimIds: readonly string[], toPosition: bigint): Promise<GraphEvent[]>;
}

/** The reads time travel needs. Every answer comes from the event log itself, never from a read model. */
export interface HistoryReader {
  /** Position of the last event recorded at or before `until` (0n: the log was empty then). */
  positionAt(until: Date): Promise<bigint>;
  /** The claim's events up to the cut, in stream order; [] when the claim did not exist. */
  claimEvents(claimId: string, cut: StreamCut): Promise<HistoryEvent[]>;
  /** These claims' streams up to `toPosition`, or every claim's; claims without events are left out. */
  claimStreams(toPosition: bigint, claimIds: readonly string[] | 'all'): Promise<ClaimStream[]>;
  /** The graph events of every claim stream after `afterPosition` (default: from the start) up to `toPosition` (inclusive), in log order. */
  graphEvents(toPosition: bigint, afterPosition?: bigint): Promise<GraphEvent[]>;
  /** The whole argument graph as it stood at `toPosition`, for the caller alone (folded on from checkpoints). */
  graphAt(toPosition: bigint): Promise<ArgumentGraphState>;
  /**
   * Reads around a claim, when this reader can find links by their target (an index): a claim is then
   * labelled from its neighbourhood instead of the whole graph. Absent: the whole graph is read.
   */
  readonly neighbourhood?: NeighbourhoodReader | undefined;
  /**
   * A claim's stream up to `toPosition`, read when first used, for a reader that can read synchronously: a
   * graph's nodes then read their streams only if a field needs them. Only for claims that exist by then.
   */
  streamOnDemand?(claimId: string, toPosition: bigint): ClaimStream;
}

export const HISTORY_READER = Symbol('HISTORY_READER');

const PAGE = 5_000;

/**
 * Time travel through the event-store port alone, for any adapter: per-stream reads for claims, paged
 * `readAll` for the graph and for all claims at once. `positionAt` uses the adapter's own lookup when it has one.
 */
export class EventStoreHistoryReader implements HistoryReader {
  private readonly graphs = new GraphCheckpoints((afterPosition, toPosition) =>
    this.graphEvents(toPosition, afterPosition),
  );

  constructor(
    private readonly store: Pick<EventStore, 'readStream' | 'readAll' | 'positionAt'>,
    private readonly registry: UpcasterRegistry = defaultUpcasters,
  ) {}

  async positionAt(until: Date): Promise<bigint> {
    if (this.store.positionAt) return this.store.positionAt(until);
    // Recording times follow the log order, so the scan stops at the first event recorded after `until`.
    let found = 0n;
    for (let from = 0n; ;) {
      const page = await this.store.readAll({ fromPosition: from, limit: PAGE });
      for (const event of page) {
        if (event.recordedAt.getTime() > until.getTime()) return found;
        found = event.position;
      }
      if (page.length < PAGE) return found;
      from = page.at(-1)!.position;
    }
  }

  async claimEvents(claimId: string, { toVersion, toPosition }: StreamCut): Promise<HistoryEvent[]> {
    const stream = await this.store.readStream(claimStreamId(claimId), { toVersion });
    const upTo = toPosition === undefined ? stream : stream.filter((event) => event.position <= toPosition);
    return upTo.map((event) => this.registry.apply(event));
  }

  async claimStreams(toPosition: bigint, claimIds: readonly string[] | 'all'): Promise<ClaimStream[]> {
    if (claimIds !== 'all') {
      const read = await Promise.all(
        claimIds.map(async (claimId) =>
          splitStream(claimId, await this.claimEvents(claimId, { toPosition })),
        ),
      );
      return read.filter((stream): stream is ClaimStream => stream !== undefined);
    }
    const byClaim = new Map<string, HistoryEvent[]>();
    await this.eachClaimEvent(toPosition, (stored) => {
      const claimId = claimIdOfStream(stored.streamId)!;
      const events = byClaim.get(claimId);
      if (events) events.push(stored);
      else byClaim.set(claimId, [stored]);
    });
    return [...byClaim].map(([claimId, events]) => splitStream(claimId, events)!);
  }

  async graphEvents(toPosition: bigint, afterPosition = 0n): Promise<GraphEvent[]> {
    const events: GraphEvent[] = [];
    await this.eachClaimEvent(
      toPosition,
      (stored) => {
        const event = toGraphEvent(stored);
        if (event) events.push(event);
      },
      afterPosition,
    );
    return events;
  }

  graphAt(toPosition: bigint): Promise<ArgumentGraphState> {
    return this.graphs.at(toPosition);
  }

  /** Pages through `readAll` after one position up to another, handing on each claim event, upcast. */
  private async eachClaimEvent(
    toPosition: bigint,
    each: (event: StoredEvent) => void,
    afterPosition = 0n,
  ): Promise<void> {
    for (let from = afterPosition; from < toPosition;) {
      const page = await this.store.readAll({ fromPosition: from, toPosition, limit: PAGE });
      for (const stored of page)
        if (claimIdOfStream(stored.streamId) !== undefined) each(this.registry.apply(stored));
      if (page.length < PAGE) break;
      from = page.at(-1)!.position;
    }
  }
}
