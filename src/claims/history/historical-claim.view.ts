import type { ClaimEvent } from '../domain/claim.events.js';
import type { LiveClaim } from '../domain/claim.state.js';
import type { Label } from '../domain/grounded-labelling.js';
import type { ClaimView, CounterpointView, EvidenceView, RelationView } from '../read-model/claim.views.js';
import { foldClaim } from '../domain/claim.evolve.js';
import type { ClaimStream, HistoryEvent } from './history.reader.js';

/** A point in the log: everything at or before `position` had happened; nothing after it had. */
export interface Moment {
  readonly position: bigint;
}

/** A claim as it stood at a moment. Its `history` lists only what had happened by then. */
export interface HistoricalClaimView extends ClaimView {
  readonly moment: Moment;
}

/** An anchor as it stood at a moment: its source is shown with the metadata it had then. */
export interface HistoricalAnchor extends NonNullable<ClaimView['anchor']> {
  readonly moment: Moment;
}

export const isHistoricalAnchor = (anchor: NonNullable<ClaimView['anchor']>): anchor is HistoricalAnchor =>
  'moment' in anchor;

/** A link as it stood at a moment: the claims at either end are shown as they stood then, too. */
export interface HistoricalRelationView extends RelationView {
  readonly claimAt: (claimId: string) => Promise<HistoricalClaimView | null>;
}

/** Where a claim's stream is read from when a field first needs it (one function for a whole graph). */
export type StreamSource = (claimId: string) => ClaimStream;

/** What the argument graph of the moment says about the claim. */
export interface Standing {
  readonly acceptability: Label;
  readonly defeatedBy: readonly string[];
  readonly relations: () => HistoricalRelationView[];
}

const asClaimEvent = (event: HistoryEvent): ClaimEvent =>
  ({ type: event.type, data: event.data }) as unknown as ClaimEvent;

const liveClaimOf = (claimId: string, events: readonly HistoryEvent[]): LiveClaim => {
  const state = foldClaim(events.map(asClaimEvent));
  if (state.status !== 'live') throw new Error(`claim ${claimId} has no ClaimProposed in its stream`);
  return state;
};

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
    thread: counterpoint.thread,
  }));

/**
 * A claim's view at a moment whose fields that come from its own stream are folded on first read. A graph of
 * thousands of nodes is mostly asked for ids and labels, which the graph alone answers, so its nodes' streams
 * are folded (and, on the embedded store, read) only if a query asks for more; evidence, the bulk of most
 * streams, is folded only for the `evidence` field (measured in bench/history/RESULTS.md). The fields are
 * getters of the class, which V8 handles as fast as plain fields, where getters defined on each object made
 * building 5,000 views take 50–140 ms. Read the fields; spreading a view copies only id, labels and moment.
 */
export class HistoricalClaim implements HistoricalClaimView {
  readonly id: string;
  readonly acceptability: Label;
  readonly defeatedBy: readonly string[];
  #stream: ClaimStream | StreamSource;
  readonly #relations: () => HistoricalRelationView[];
  #claim: LiveClaim | undefined;
  #evidence: EvidenceView[] | undefined;
  #counterpoints: CounterpointView[] | undefined;
  #relationViews: HistoricalRelationView[] | undefined;

  /** `stream`: the claim's stream, or where to read it from if a field needs it. */
  constructor(
    claimId: string,
    stream: ClaimStream | StreamSource,
    readonly moment: Moment,
    standing: Standing,
  ) {
    this.id = claimId;
    this.acceptability = standing.acceptability;
    this.defeatedBy = standing.defeatedBy;
    this.#stream = stream;
    this.#relations = standing.relations;
  }

  get statement() {
    return this.claim().statement;
  }

  get status() {
    return this.claim().claimStatus;
  }

  get tags() {
    return this.claim().tags;
  }

  get attributedTo() {
    return this.claim().attributedTo;
  }

  get anchor(): HistoricalAnchor | null {
    const { anchor } = this.claim();
    return anchor && { ...anchor, moment: this.moment };
  }

  get assessment() {
    return this.claim().assessment;
  }

  get version() {
    return this.stream().last.version;
  }

  get createdBy() {
    return this.claim().createdBy;
  }

  get createdAt() {
    return this.claim().createdAt;
  }

  get updatedAt() {
    return (this.stream().last.data as { at: string }).at;
  }

  /** Lists keep their identity between reads. */
  get evidence(): readonly EvidenceView[] {
    const [proposed] = this.stream().events;
    return (this.#evidence ??= evidenceViews(liveClaimOf(this.id, [proposed!, ...this.stream().evidence()])));
  }

  get counterpoints(): readonly CounterpointView[] {
    return (this.#counterpoints ??= counterpointViews(this.claim()));
  }

  get relations(): readonly HistoricalRelationView[] {
    return (this.#relationViews ??= this.#relations());
  }

  private stream(): ClaimStream {
    if (typeof this.#stream === 'function') this.#stream = this.#stream(this.id);
    return this.#stream;
  }

  private claim(): LiveClaim {
    return (this.#claim ??= liveClaimOf(this.id, this.stream().events));
  }
}
