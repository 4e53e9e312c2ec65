import { isAttackingCounterpoint, isAttackingRelation } from '../domain/claim.attacks.js';
import type { CounterpointState, RelationKind } from '../domain/claim.values.js';
import { groundedLabelling, type Attack, type Label, type Labelling } from '../domain/grounded-labelling.js';
import type { Actor } from '../../event-sourcing/metadata.js';
import type { GraphEvent } from './graph-event.js';

/** A live link, with the position of the event that made it (relations are listed in that order). */
export interface GraphRelation {
  readonly fromClaimId: string;
  readonly toClaimId: string;
  readonly kind: RelationKind;
  readonly rationale: string | null;
  readonly linkedBy: Actor;
  readonly linkedAt: string;
  readonly position: bigint;
}

interface GraphClaim {
  /** The only state that may change this claim; states folded on from it copy it first. */
  readonly owner: ArgumentGraphState;
  retracted: boolean;
  /** Keyed by `toClaimId|kind`: a (to, kind) link exists at most once (docs/architecture.md §3). */
  readonly relations: Map<string, GraphRelation>;
  readonly counterpoints: Map<string, CounterpointState>;
}

const relationKey = (toClaimId: string, kind: RelationKind): string => `${toClaimId}|${kind}`;

/**
 * The argument graph as a fold of graph events: which claims exist, which are retracted, their live links and
 * the state of their counterpoints. Built once from the log up to a position, then only read; labels and the
 * index of incoming links are computed on first use.
 */
export class ArgumentGraphState {
  private incoming: Map<string, GraphRelation[]> | undefined;
  private labels: Labelling | undefined;
  /** Claims the events folded on from `earlier` changed; only their labels, and those downstream, can move. */
  private readonly changed = new Set<string>();

  private constructor(
    private readonly claims: Map<string, GraphClaim>,
    /** Kept until this graph is labelled (its labels are the start), then let go. */
    private earlier: ArgumentGraphState | undefined,
  ) {}

  /**
   * The graph after `events`, or after `earlier`'s events and then these (the events that followed them in
   * the log). `earlier` is left as it was: the new state shares its claims and copies only those the events
   * change, so folding on from a checkpoint costs the events and a copy of the map of claims; its labels
   * are `earlier`'s, relabelled where the events reach.
   */
  static fold(events: Iterable<GraphEvent>, earlier?: ArgumentGraphState): ArgumentGraphState {
    const graph = new ArgumentGraphState(new Map(earlier?.claims), earlier);
    for (const event of events) graph.apply(event);
    return graph;
  }

  private apply(event: GraphEvent): void {
    if (this.earlier) this.changed.add(event.claimId);
    if (event.type === 'ClaimProposed') {
      this.claims.set(event.claimId, {
        owner: this,
        retracted: false,
        relations: new Map(),
        counterpoints: new Map(),
      });
      return;
    }
    const shared = this.claims.get(event.claimId);
    // The deciders append nothing to a claim before its proposal; such an event cannot change the graph.
    if (!shared) return;
    const claim = shared.owner === this ? shared : this.own(event.claimId, shared);
    switch (event.type) {
      case 'ClaimRetracted':
        claim.retracted = true;
        break;
      case 'ClaimLinked': {
        const { claimId, toClaimId, kind, rationale, by, at, position } = event;
        claim.relations.set(relationKey(toClaimId, kind), {
          fromClaimId: claimId,
          toClaimId,
          kind,
          rationale,
          linkedBy: by,
          linkedAt: at,
          position,
        });
        break;
      }
      case 'ClaimUnlinked':
        claim.relations.delete(relationKey(event.toClaimId, event.kind));
        break;
      case 'CounterpointRaised':
      case 'CounterpointReopened':
        claim.counterpoints.set(event.counterpointId, 'OPEN');
        break;
      case 'CounterpointResolved':
        claim.counterpoints.set(event.counterpointId, event.resolution);
        break;
      default: {
        const unexpected: never = event;
        throw new Error(`unknown graph event ${JSON.stringify(unexpected)}`);
      }
    }
  }

  exists(claimId: string): boolean {
    return this.claims.has(claimId);
  }

  isLive(claimId: string): boolean {
    const claim = this.claims.get(claimId);
    return claim !== undefined && !claim.retracted;
  }

  /** Every claim that is not retracted, in the order they were proposed. */
  liveClaimIds(): string[] {
    const live: string[] = [];
    for (const [claimId, claim] of this.claims) if (!claim.retracted) live.push(claimId);
    return live;
  }

  /** Links from the claim, in no particular order. */
  linksFrom(claimId: string): GraphRelation[] {
    return [...(this.claims.get(claimId)?.relations.values() ?? [])];
  }

  /** Links from and to the claim, in the order they were made (as the read model lists them). */
  relationsOf(claimId: string): GraphRelation[] {
    const outgoing = [...(this.claims.get(claimId)?.relations.values() ?? [])];
    const incoming = (this.incomingIndex().get(claimId) ?? []).filter(
      (relation) => relation.fromClaimId !== claimId,
    );
    return [...outgoing, ...incoming].sort((left, right) =>
      left.position < right.position ? -1 : left.position > right.position ? 1 : 0,
    );
  }

  /**
   * Grounded labels over the live claims and their counterpoints (docs/architecture.md §3). Retracted claims are out of the
   * graph: they attack nothing and are not labelled here.
   */
  labelling(): Labelling {
    this.labels ??= this.earlier ? this.relabelled(this.earlier) : this.labelled(this.liveClaimIds());
    this.earlier = undefined;
    return this.labels;
  }

  /** The claims linked to any of these, in either direction (for reachableClaims). */
  linkedTo(claimIds: readonly string[]): string[] {
    return claimIds.flatMap((claimId) =>
      this.relationsOf(claimId).map((relation) =>
        relation.fromClaimId === claimId ? relation.toClaimId : relation.fromClaimId,
      ),
    );
  }

  /** Labels of these live claims, their attackers outside them keeping the labels `fixed` gives them. */
  private labelled(nodes: readonly string[], fixed?: ReadonlyMap<string, Label>): Labelling {
    const labelledNodes = new Set(nodes);
    const attacks: Attack[] = [];
    for (const [claimId, claim] of this.claims) {
      if (claim.retracted) continue;
      for (const relation of claim.relations.values()) {
        if (isAttackingRelation(relation.kind) && labelledNodes.has(relation.toClaimId))
          attacks.push({ from: claimId, to: relation.toClaimId });
      }
    }
    for (const claimId of nodes) {
      for (const [counterpointId, state] of this.claims.get(claimId)!.counterpoints) {
        if (isAttackingCounterpoint(state)) attacks.push({ from: counterpointId, to: claimId });
      }
    }
    // Counterpoints are never attacked: left out of the nodes, groundedLabelling counts them IN.
    return groundedLabelling(nodes, attacks, fixed);
  }

  /**
   * Labels after folding on from `earlier`. A claim's label depends only on the claims above it along attacks
   * (grounded labels are directional), so only the claims the new events changed, and those downstream of
   * them (along attacks now, or from a changed claim's attacks before), can have moved; the others keep
   * `earlier`'s labels, and the moved ones are labelled with those as their outside attackers' labels.
   */
  private relabelled(earlier: ArgumentGraphState): Labelling {
    const before = earlier.labelling();
    const affected = new Set<string>();
    const pending: string[] = [];
    const reach = (claimId: string) => {
      if (affected.has(claimId)) return;
      affected.add(claimId);
      pending.push(claimId);
    };
    for (const claimId of this.changed) {
      reach(claimId);
      for (const target of earlier.attackTargets(claimId)) reach(target);
    }
    while (pending.length > 0) for (const target of this.attackTargets(pending.pop()!)) reach(target);
    // Most of the graph moved: labelling all of it costs less than merging.
    if (affected.size * 2 > this.claims.size) return this.labelled(this.liveClaimIds());
    const moved = this.labelled(
      [...affected].filter((claimId) => this.isLive(claimId)),
      before.labels,
    );
    const labels = new Map(before.labels);
    const defeatedBy = new Map(before.defeatedBy);
    for (const claimId of affected) {
      labels.delete(claimId);
      defeatedBy.delete(claimId);
    }
    for (const [claimId, label] of moved.labels) labels.set(claimId, label);
    for (const [claimId, culprits] of moved.defeatedBy) defeatedBy.set(claimId, culprits);
    return { labels, defeatedBy };
  }

  /** Where the claim's attack links lead (none once it is retracted). */
  private attackTargets(claimId: string): string[] {
    const claim = this.claims.get(claimId);
    if (!claim || claim.retracted) return [];
    const targets: string[] = [];
    for (const relation of claim.relations.values())
      if (isAttackingRelation(relation.kind)) targets.push(relation.toClaimId);
    return targets;
  }

  private own(claimId: string, claim: GraphClaim): GraphClaim {
    const copy = {
      owner: this,
      retracted: claim.retracted,
      relations: new Map(claim.relations),
      counterpoints: new Map(claim.counterpoints),
    };
    this.claims.set(claimId, copy);
    return copy;
  }

  private incomingIndex(): Map<string, GraphRelation[]> {
    if (this.incoming) return this.incoming;
    const index = new Map<string, GraphRelation[]>();
    for (const claim of this.claims.values()) {
      for (const relation of claim.relations.values()) {
        const list = index.get(relation.toClaimId);
        if (list) list.push(relation);
        else index.set(relation.toClaimId, [relation]);
      }
    }
    this.incoming = index;
    return index;
  }
}
