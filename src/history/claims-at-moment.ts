import type { ClaimEvent } from '../claims/domain/claim.events.js';
import type { LiveClaim } from '../claims/domain/claim.state.js';
import type { ClaimView, CounterpointView, EvidenceView, RelationView } from '../claims/read-model/claim.views.js';
import { ArgumentGraphState, type GraphRelation } from './argument-graph.state.js';
import { foldClaim } from './claim.fold.js';
import { graphEventOf, type GraphEvent } from './graph-event.js';
import { splitStream, type ClaimStream, type HistoryEvent, type HistoryReader } from './history.reader.js';

/** A point in the log: everything at or before `position` had happened; nothing after it had. */
export interface Moment {
  readonly position: bigint;
}

/** A claim as it stood at a moment. Its `history` lists only what had happened by then. */
export interface HistoricalClaimView extends ClaimView {
  readonly moment: Moment;
}

/** A link as it stood at a moment: the claims at either end are shown as they stood then, too. */
export interface HistoricalRelationView extends RelationView {
  readonly claimAt: (claimId: string) => Promise<HistoricalClaimView | null>;
}

export const isHistoricalClaim = (claim: ClaimView): claim is HistoricalClaimView => 'moment' in claim;

export const isHistoricalRelation = (relation: RelationView): relation is HistoricalRelationView =>
  'claimAt' in relation;

const asClaimEvent = (event: HistoryEvent): ClaimEvent => ({ type: event.type, data: event.data }) as unknown as ClaimEvent;

const evidenceViews = (claim: LiveClaim): EvidenceView[] =>
  claim.evidence.map((evidence) => ({
    id: evidence.evidenceId,
    claimId: claim.claimId,
    stance: evidence.stance,
    summary: evidence.summary,
    citation: evidence.citation,
    reliability: evidence.reliability,
    addedBy: evidence.addedBy,
    addedAt: evidence.addedAt,
    withdrawn: evidence.withdrawn,
    withdrawnReason: evidence.withdrawnReason,
  }));

const counterpointViews = (claim: LiveClaim): CounterpointView[] =>
  claim.counterpoints.map((counterpoint) => ({
    id: counterpoint.counterpointId,
    claimId: claim.claimId,
    text: counterpoint.text,
    state: counterpoint.state,
    citation: counterpoint.citation,
    raisedBy: counterpoint.raisedBy,
    raisedAt: counterpoint.raisedAt,
    response: counterpoint.response,
    respondedBy: counterpoint.respondedBy,
    respondedAt: counterpoint.respondedAt,
  }));

/**
 * Claims as they stood at one moment, each folded from its own stream cut at the moment's position, labelled
 * over the argument graph folded from the log up to the same position. Lives for one request: the log up to
 * a position never changes, so nothing here can go stale while it lives, and nothing outlives it.
 */
export class ClaimsAtMoment {
  private graph: Promise<ArgumentGraphState> | undefined;
  private readonly views = new Map<string, Promise<HistoricalClaimView | null>>();

  constructor(
    private readonly reader: HistoryReader,
    readonly moment: Moment,
  ) {}

  graphState(): Promise<ArgumentGraphState> {
    this.graph ??= this.reader.graphEvents(this.moment.position).then((events) => ArgumentGraphState.fold(events));
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
    if (missing.length > 0) this.adopt(this.reader.claimStreams(this.moment.position, missing), missing);
    const views = await Promise.all(claimIds.map((claimId) => this.views.get(claimId)!));
    return views.filter((view): view is HistoricalClaimView => view !== null);
  }

  /**
   * Reads every claim of the moment in one pass over the log, and takes the graph from the same events: for
   * a graph of all claims, one scan instead of a scan for the graph and a stream read per claim.
   */
  async everyClaim(): Promise<void> {
    const streams = await this.reader.claimStreams(this.moment.position, 'all');
    if (!this.graph) {
      const graphEvents = streams
        .flatMap((stream) => stream.events.map((event) => graphEventOf(stream.claimId, event)))
        .filter((event): event is GraphEvent => event !== undefined)
        .sort((left, right) => (left.position < right.position ? -1 : 1));
      this.graph = Promise.resolve(ArgumentGraphState.fold(graphEvents));
    }
    this.adopt(Promise.resolve(streams), streams.map((stream) => stream.claimId));
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
      this.views.set(claimId, byClaim.then((found) => {
        const stream = found.get(claimId);
        return stream ? this.view(stream) : null;
      }));
    }
  }

  /**
   * The fold leaves evidence out and folds it only when the `evidence` field is read: evidence is the bulk of
   * most streams, and a graph's nodes are rarely asked for theirs (measured in bench/history/RESULTS.md).
   */
  private async view(stream: ClaimStream): Promise<HistoricalClaimView | null> {
    const { claimId, events, last } = stream;
    const [proposed] = events;
    const state = foldClaim(events.map(asClaimEvent));
    if (!proposed || state.status === 'none') return null;
    const graph = await this.graphState();
    const retracted = state.retraction !== null;
    const { labels, defeatedBy } = graph.labelling();
    let evidence: EvidenceView[] | undefined;
    const view: Omit<HistoricalClaimView, 'evidence'> = {
      id: state.claimId,
      statement: state.statement,
      status: state.claimStatus,
      tags: state.tags,
      attributedTo: state.attributedTo,
      anchor: state.anchor,
      assessment: state.assessment,
      // A retracted claim is out of the graph: it stands for nothing (as the read model labels it).
      acceptability: retracted ? 'OUT' : (labels.get(claimId) ?? 'IN'),
      defeatedBy: retracted ? [] : (defeatedBy.get(claimId) ?? []),
      version: last.version,
      createdBy: state.createdBy,
      createdAt: state.createdAt,
      updatedAt: (last.data as { at: string }).at,
      counterpoints: counterpointViews(state),
      relations: graph.relationsOf(claimId).map((relation) => this.relationView(relation)),
      moment: this.moment,
    };
    return Object.defineProperty(view, 'evidence', {
      enumerable: true,
      get: () => {
        if (!evidence) {
          const withEvidence = foldClaim([proposed, ...stream.evidence()].map(asClaimEvent));
          evidence = withEvidence.status === 'live' ? evidenceViews(withEvidence) : [];
        }
        return evidence;
      },
    }) as HistoricalClaimView;
  }
}
