import type { ClaimView, RelationView } from '../read-model/claim.views.js';
import { ArgumentGraphState, type GraphRelation } from './argument-graph.state.js';
import { NeighbourhoodGraphs } from './claim-neighbourhood.js';
import { graphEventOf, type GraphEvent } from './graph-event.js';
import {
  HistoricalClaim,
  type HistoricalClaimView,
  type HistoricalRelationView,
  type Moment,
  type StreamSource,
} from './historical-claim.view.js';
import { splitStream, type ClaimStream, type HistoryEvent, type HistoryReader } from './history.reader.js';

export const isHistoricalClaim = (claim: ClaimView): claim is HistoricalClaimView => 'moment' in claim;

export const isHistoricalRelation = (relation: RelationView): relation is HistoricalRelationView =>
  'claimAt' in relation;

/**
 * Claims as they stood at one moment, each folded from its own stream cut at the moment's position, labelled
 * over the argument graph as it stood at the same position. A graph of the moment (argumentGraph) reads the
 * whole graph once and labels its nodes from it; a claim asked for on its own (and the claims at the ends of
 * its relations) is labelled from its neighbourhood when the reader can find links by target, which gives
 * the same labels (claim-neighbourhood.ts) for a few indexed reads instead of every graph event of the log.
 * Lives for one request: the log up to a position never changes, so nothing here can go stale while it
 * lives, and nothing outlives it.
 */
export class ClaimsAtMoment {
  private graph: Promise<ArgumentGraphState> | undefined;
  private neighbourhoods: NeighbourhoodGraphs | undefined;
  private readonly views = new Map<string, Promise<HistoricalClaimView | null>>();

  constructor(
    private readonly reader: HistoryReader,
    readonly moment: Moment,
  ) {}

  /** The whole argument graph of the moment. */
  graphState(): Promise<ArgumentGraphState> {
    this.graph ??= this.reader.graphAt(this.moment.position);
    return this.graph;
  }

  /** The claim at the moment, or null if it had not been proposed yet. `events`: its stream, already cut. */
  claim(claimId: string, events?: readonly HistoryEvent[]): Promise<HistoricalClaimView | null> {
    let view = this.views.get(claimId);
    if (!view) {
      view = this.read(claimId, events);
      this.views.set(claimId, view);
    }
    return view;
  }

  /** Many claims at once (a graph's nodes). Claims that did not exist are left out. */
  async claims(claimIds: readonly string[]): Promise<HistoricalClaimView[]> {
    const missing = claimIds.filter((claimId) => !this.views.has(claimId));
    const { reader, moment } = this;
    if (this.graph && reader.streamOnDemand && missing.length > 0) {
      // With the whole graph at hand, it says which claims existed; their streams are read if a field needs them.
      const graph = await this.graph;
      const source: StreamSource = (claimId) => reader.streamOnDemand!(claimId, moment.position);
      for (const claimId of missing)
        if (!this.views.has(claimId))
          this.views.set(claimId, Promise.resolve(this.viewFrom(graph, claimId, source)));
    } else if (missing.length > 0) this.adopt(reader.claimStreams(moment.position, missing), missing);
    const views = await Promise.all(claimIds.map((claimId) => this.views.get(claimId)!));
    return views.filter((view): view is HistoricalClaimView => view !== null);
  }

  /**
   * Prepares for a graph of every claim of the moment. A reader that reads streams on demand needs only the
   * whole graph; any other reads every claim in one pass over the log and takes the graph from the same
   * events: one scan instead of a scan for the graph and a stream read per claim.
   */
  async everyClaim(): Promise<void> {
    if (this.reader.streamOnDemand) {
      await this.graphState();
      return;
    }
    const streams = await this.reader.claimStreams(this.moment.position, 'all');
    if (!this.graph) {
      const graphEvents = streams
        .flatMap((stream) => stream.events.map((event) => graphEventOf(stream.claimId, event)))
        .filter((event): event is GraphEvent => event !== undefined)
        .sort((left, right) => (left.position < right.position ? -1 : 1));
      this.graph = Promise.resolve(ArgumentGraphState.fold(graphEvents));
    }
    this.adopt(
      Promise.resolve(streams),
      streams.map((stream) => stream.claimId),
    );
  }

  relationView(relation: GraphRelation): HistoricalRelationView {
    return {
      kind: relation.kind,
      fromId: relation.fromClaimId,
      toId: relation.toClaimId,
      rationale: relation.rationale,
      linkedBy: relation.linkedBy,
      linkedAt: relation.linkedAt,
      claimAt: (claimId) => this.claim(claimId),
    };
  }

  private async read(claimId: string, cut?: readonly HistoryEvent[]): Promise<HistoricalClaimView | null> {
    const events = cut ?? (await this.reader.claimEvents(claimId, { toPosition: this.moment.position }));
    const stream = splitStream(claimId, events);
    return stream ? this.view(stream) : null;
  }

  private adopt(streams: Promise<readonly ClaimStream[]>, claimIds: readonly string[]): void {
    const byClaim = streams.then((read) => new Map(read.map((stream) => [stream.claimId, stream])));
    for (const claimId of claimIds) {
      if (this.views.has(claimId)) continue;
      this.views.set(
        claimId,
        byClaim.then((found) => {
          const stream = found.get(claimId);
          return stream ? this.view(stream) : null;
        }),
      );
    }
  }

  /** The whole graph once it is read; until then, the claim's neighbourhood if the reader can find it. */
  private async graphFor(claimId: string): Promise<ArgumentGraphState> {
    const around = this.reader.neighbourhood;
    if (this.graph || !around) return this.graphState();
    this.neighbourhoods ??= new NeighbourhoodGraphs(around, this.moment.position);
    return (await this.neighbourhoods.around(claimId)) ?? this.graphState();
  }

  private async view(stream: ClaimStream): Promise<HistoricalClaimView | null> {
    return this.viewFrom(await this.graphFor(stream.claimId), stream.claimId, stream);
  }

  /** `graph` holds the claim's own graph events up to the moment: whether it had been proposed, or retracted. */
  private viewFrom(
    graph: ArgumentGraphState,
    claimId: string,
    stream: ClaimStream | StreamSource,
  ): HistoricalClaimView | null {
    if (!graph.exists(claimId)) return null;
    // A retracted claim is out of the graph: it stands for nothing (as the read model labels it).
    const retracted = !graph.isLive(claimId);
    const { labels, defeatedBy } = graph.labelling();
    return new HistoricalClaim(claimId, stream, this.moment, {
      acceptability: retracted ? 'OUT' : (labels.get(claimId) ?? 'IN'),
      defeatedBy: retracted ? [] : (defeatedBy.get(claimId) ?? []),
      relations: () => graph.relationsOf(claimId).map((relation) => this.relationView(relation)),
    });
  }
}
