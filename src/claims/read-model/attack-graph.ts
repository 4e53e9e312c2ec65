import type Database from 'better-sqlite3';
import { sqlStringList } from '../../read-model/sql-list.js';
import {
  ATTACKING_COUNTERPOINT_STATES,
  ATTACKING_RELATION_KINDS,
  isAttackingCounterpoint,
  isAttackingRelation,
} from '../domain/claim.attacks.js';
import type { CounterpointState, RelationKind } from '../domain/claim.values.js';
import { groundedLabelling, type Attack, type Label } from '../domain/grounded-labelling.js';

/** A claim's label, and the arguments that defeat it (for OUT: its IN attackers; for UNDECIDED, its UNDECIDED ones). */
export interface Standing {
  readonly label: Label;
  readonly defeatedBy: readonly string[];
}

/** A claim whose label moved: from what (null when it entered the graph) to what. */
export interface StandingChange {
  readonly claimId: string;
  readonly from: Label | null;
  readonly to: Standing;
}

interface Node {
  retracted: boolean;
  standing: Standing;
  /** Live attack links into this claim: attacker → the kinds it attacks with (a link is per (to, kind)). */
  readonly attackers: Map<string, Set<RelationKind>>;
  /** This claim's attack links out: target → kinds. Kept while retracted, but a retracted claim attacks nothing. */
  readonly targets: Map<string, Set<RelationKind>>;
  /** Counterpoints on this claim in an attacking state. */
  readonly attackingCounterpoints: Set<string>;
}

const IN: Standing = { label: 'IN', defeatedBy: [] };
/** A retracted claim is out of the graph (docs/architecture.md §3): OUT, defeated by nothing. */
const RETRACTED: Standing = { label: 'OUT', defeatedBy: [] };

const addKind = (map: Map<string, Set<RelationKind>>, key: string, kind: RelationKind): void => {
  const kinds = map.get(key);
  if (kinds) kinds.add(kind);
  else map.set(key, new Set([kind]));
};
const removeKind = (map: Map<string, Set<RelationKind>>, key: string, kind: RelationKind): void => {
  const kinds = map.get(key);
  if (!kinds) return;
  kinds.delete(kind);
  if (kinds.size === 0) map.delete(key);
};

/**
 * The argument graph of one read model, in memory, labelled with grounded semantics after every event that
 * can move a label (docs/architecture.md §3). Event by event, so that each change of a claim's standing is
 * known with the event that caused it, whether the log is projected one event at a time or rebuilt in
 * batches of thousands: the history of standing is the same.
 *
 * A change at a claim can only move the labels of what it attacks, transitively: each event relabels the
 * forward closure of the claims it touched along live attacks, with the attackers outside it keeping their
 * labels (a smaller region is not safe: an even cycle through an outsider can keep a label that no longer
 * holds).
 */
export class AttackGraph {
  private readonly nodes = new Map<string, Node>();

  /** The graph as the read model's tables hold it (the standing projection's own rows included). */
  static load(db: Database.Database): AttackGraph {
    const graph = new AttackGraph();
    const claims = db.prepare('SELECT id, retracted, acceptability, defeated_by FROM claims').raw().iterate();
    for (const [id, retracted, label, defeatedBy] of claims as Iterable<[string, number, Label, string]>) {
      graph.nodes.set(id, {
        ...graph.emptyNode(),
        retracted: retracted === 1,
        standing: { label, defeatedBy: JSON.parse(defeatedBy) as string[] },
      });
    }
    const links = db
      .prepare(
        `SELECT from_id, to_id, kind FROM relations WHERE kind IN (${sqlStringList(ATTACKING_RELATION_KINDS)})`,
      )
      .raw()
      .iterate() as Iterable<[string, string, RelationKind]>;
    for (const [from, to, kind] of links) graph.link(from, to, kind);
    const counterpoints = db
      .prepare(
        `SELECT id, claim_id FROM counterpoints WHERE state IN (${sqlStringList(ATTACKING_COUNTERPOINT_STATES)})`,
      )
      .raw()
      .iterate() as Iterable<[string, string]>;
    for (const [counterpointId, claimId] of counterpoints)
      graph.nodes.get(claimId)?.attackingCounterpoints.add(counterpointId);
    return graph;
  }

  standingOf(claimId: string): Standing | undefined {
    return this.nodes.get(claimId)?.standing;
  }

  /** A new claim: IN, attacked by nothing and attacking nothing yet. */
  propose(claimId: string): StandingChange[] {
    if (this.nodes.has(claimId)) return [];
    this.nodes.set(claimId, this.emptyNode());
    return [{ claimId, from: null, to: IN }];
  }

  linked(fromId: string, toId: string, kind: RelationKind): StandingChange[] {
    if (!isAttackingRelation(kind)) return [];
    this.link(fromId, toId, kind);
    return this.relabel([toId]);
  }

  unlinked(fromId: string, toId: string, kind: RelationKind): StandingChange[] {
    if (!isAttackingRelation(kind)) return [];
    const from = this.nodes.get(fromId);
    const to = this.nodes.get(toId);
    if (from) removeKind(from.targets, toId, kind);
    if (to) removeKind(to.attackers, fromId, kind);
    return this.relabel([toId]);
  }

  counterpoint(claimId: string, counterpointId: string, state: CounterpointState): StandingChange[] {
    const node = this.nodes.get(claimId);
    if (!node) return [];
    const attacked = node.attackingCounterpoints.has(counterpointId);
    if (attacked === isAttackingCounterpoint(state)) return [];
    if (attacked) node.attackingCounterpoints.delete(counterpointId);
    else node.attackingCounterpoints.add(counterpointId);
    return this.relabel([claimId]);
  }

  /** Out of the graph: OUT itself, and no longer an attacker of what it attacked. */
  retracted(claimId: string): StandingChange[] {
    const node = this.nodes.get(claimId);
    if (!node || node.retracted) return [];
    node.retracted = true;
    for (const target of node.targets.keys()) this.nodes.get(target)?.attackers.delete(claimId);
    const changes: StandingChange[] =
      node.standing.label === RETRACTED.label && node.standing.defeatedBy.length === 0
        ? []
        : [{ claimId, from: node.standing.label, to: RETRACTED }];
    node.standing = RETRACTED;
    return [...changes, ...this.relabel([...node.targets.keys()])];
  }

  private emptyNode(): Node {
    return {
      retracted: false,
      standing: IN,
      attackers: new Map(),
      targets: new Map(),
      attackingCounterpoints: new Set(),
    };
  }

  private link(fromId: string, toId: string, kind: RelationKind): void {
    const from = this.nodes.get(fromId);
    if (!from) return;
    addKind(from.targets, toId, kind);
    // A retracted claim's links stay recorded, but it attacks nothing.
    if (!from.retracted) {
      const to = this.nodes.get(toId);
      if (to) addKind(to.attackers, fromId, kind);
    }
  }

  /** Relabels the forward closure of `touched` along live attacks; returns the claims whose standing moved. */
  private relabel(touched: readonly string[]): StandingChange[] {
    const closure = new Set<string>();
    const pending = [...touched];
    while (pending.length > 0) {
      const claimId = pending.pop()!;
      const node = this.nodes.get(claimId);
      if (!node || node.retracted || closure.has(claimId)) continue;
      closure.add(claimId);
      for (const target of node.targets.keys()) pending.push(target);
    }
    if (closure.size === 0) return [];
    const attacks: Attack[] = [];
    const fixed = new Map<string, Label>();
    for (const claimId of closure) {
      const node = this.nodes.get(claimId)!;
      for (const attacker of node.attackers.keys()) {
        attacks.push({ from: attacker, to: claimId });
        if (!closure.has(attacker)) fixed.set(attacker, this.nodes.get(attacker)!.standing.label);
      }
      // Counterpoints are never attacked: left out of the nodes, groundedLabelling counts them IN.
      for (const counterpoint of node.attackingCounterpoints)
        attacks.push({ from: counterpoint, to: claimId });
    }
    const { labels, defeatedBy } = groundedLabelling(closure, attacks, fixed);
    const changes: StandingChange[] = [];
    for (const claimId of closure) {
      const node = this.nodes.get(claimId)!;
      const next: Standing = { label: labels.get(claimId)!, defeatedBy: defeatedBy.get(claimId) ?? [] };
      if (next.label === node.standing.label && sameList(next.defeatedBy, node.standing.defeatedBy)) continue;
      changes.push({ claimId, from: node.standing.label, to: next });
      node.standing = next;
    }
    return changes;
  }
}

const sameList = (left: readonly string[], right: readonly string[]): boolean =>
  left.length === right.length && left.every((item, index) => item === right[index]);
