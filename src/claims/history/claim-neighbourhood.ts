import { isAttackingRelation } from '../domain/claim.attacks.js';
import { ArgumentGraphState } from './argument-graph.state.js';
import type { GraphEvent } from './graph-event.js';
import type { LinkMade, NeighbourhoodReader } from './history.reader.js';

/**
 * Widens `members` to take in what one claim's label and relations depend on at a moment: the claim, every
 * claim that had linked to it (its relations), and every claim that had made an attack link to a member, up
 * and up. Returns the claims added, or undefined as soon as the members outnumber `limit` (they are then
 * left half-widened: the caller reads the whole graph instead).
 *
 * Grounded labels are directional: a claim's label depends only on the claims it can be reached from along
 * attacks, so a graph folded from the members' streams labels every member as the whole graph does, as long
 * as each member's possible attackers are members too. Members are taken generously (links since unlinked,
 * attackers since retracted, claims linked to a claim by SUPPORTS), which changes no label. Pure but for
 * `linksTo`, called once per step up the graph, and the set it widens.
 */
export const widenNeighbourhood = async (
  members: Set<string>,
  claimId: string,
  linksTo: (toClaimIds: readonly string[]) => Promise<readonly LinkMade[]>,
  limit = Number.POSITIVE_INFINITY,
): Promise<string[] | undefined> => {
  const added: string[] = [];
  const add = (member: string) => {
    if (members.has(member)) return;
    members.add(member);
    added.push(member);
  };
  add(claimId);
  // Every link to the claim itself is one of its relations (if it was a member, its attackers already are).
  for (const { fromClaimId } of await linksTo([claimId])) add(fromClaimId);
  // Further up, only attacks matter.
  for (
    let frontier = added.filter((member) => member !== claimId);
    frontier.length > 0 && members.size <= limit;
  ) {
    const before = added.length;
    for (const { fromClaimId, kind } of await linksTo(frontier))
      if (isAttackingRelation(kind)) add(fromClaimId);
    frontier = added.slice(before);
  }
  return members.size <= limit ? added : undefined;
};

const byPosition = (left: GraphEvent, right: GraphEvent): number =>
  left.position < right.position ? -1 : left.position > right.position ? 1 : 0;

/**
 * Past this many claims a neighbourhood is read as the whole graph: a pass over the log (or a checkpoint)
 * then costs less than finding the claims one step up at a time (measured on a densely attacked 100,000-event
 * log in bench/history/RESULTS.md).
 */
export const NEIGHBOURHOOD_LIMIT = 500;

/**
 * The argument graph around the claims asked about at one moment, folded from their neighbourhoods alone: a
 * few indexed reads instead of every graph event of the log. One neighbourhood grows for the whole moment (a
 * claim and the claims at the ends of its relations share most of theirs), so every claim's links and stream
 * are read once. It stays closed upwards along attacks, so every member is labelled right; `around` answers
 * undefined once it outgrows the limit, and the caller reads the whole graph. Lives as long as its moment:
 * the log up to a position never changes, so nothing here goes stale.
 */
export class NeighbourhoodGraphs {
  private readonly members = new Set<string>();
  /** Claims whose every linker is a member: their relations are complete. */
  private readonly asked = new Set<string>();
  /** The links made to each claim looked up so far (a member found on the way up may be asked about later). */
  private readonly linksByTarget = new Map<string, LinkMade[]>();
  private readonly events: GraphEvent[] = [];
  private graph: ArgumentGraphState | undefined;
  private outgrown = false;
  /** One widening at a time: GraphQL resolves the ends of relations concurrently. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly reader: NeighbourhoodReader,
    private readonly position: bigint,
    private readonly limit = NEIGHBOURHOOD_LIMIT,
  ) {}

  /** A graph in which this claim's label, defeaters and relations are those of the whole graph; or undefined. */
  around(claimId: string): Promise<ArgumentGraphState | undefined> {
    const graph = this.queue.then(() => this.widen(claimId));
    // A failed read leaves the members half-widened: the moment falls back to the whole graph.
    this.queue = graph.catch(() => {
      this.outgrown = true;
    });
    return graph;
  }

  private async widen(claimId: string): Promise<ArgumentGraphState | undefined> {
    if (this.outgrown) return undefined;
    if (!this.asked.has(claimId)) {
      const added = await widenNeighbourhood(
        this.members,
        claimId,
        (targets) => this.linksTo(targets),
        this.limit,
      );
      if (!added) {
        this.outgrown = true;
        return undefined;
      }
      this.asked.add(claimId);
      if (added.length > 0) {
        for (const event of await this.reader.graphEventsOf(added, this.position)) this.events.push(event);
        this.graph = undefined;
      }
    }
    this.graph ??= ArgumentGraphState.fold([...this.events].sort(byPosition));
    return this.graph;
  }

  private async linksTo(targets: readonly string[]): Promise<LinkMade[]> {
    const missing = targets.filter((target) => !this.linksByTarget.has(target));
    if (missing.length > 0) {
      for (const target of missing) this.linksByTarget.set(target, []);
      for (const link of await this.reader.linksTo(missing, this.position))
        this.linksByTarget.get(link.toClaimId)!.push(link);
    }
    return targets.flatMap((target) => this.linksByTarget.get(target)!);
  }
}
