/** The claims linked to any claim of a frontier, in either direction of the link. */
export type LinkedClaims = (frontier: readonly string[]) => Iterable<string> | Promise<Iterable<string>>;
/** Those of `claimIds` that are live (proposed and not retracted), in the order given. */
export type LiveClaims = (claimIds: readonly string[]) => readonly string[] | Promise<readonly string[]>;

/**
 * The neighbourhood `argumentGraph(rootId, depth)` shows (docs/architecture.md §6): the live claims within
 * `depth` links of a live root, following links in either direction and never through a retracted claim
 * (it is out of the graph), root first, then by distance. Breadth first, one lookup per step, so the read
 * model and time travel each answer a whole frontier at once.
 */
export const reachableClaims = async (
  rootId: string,
  depth: number,
  linked: LinkedClaims,
  live: LiveClaims,
): Promise<string[]> => {
  if ((await live([rootId])).length === 0) return [];
  const seen = new Set([rootId]);
  const reached = [rootId];
  let frontier: readonly string[] = [rootId];
  for (let step = 0; step < depth && frontier.length > 0; step++) {
    const candidates: string[] = [];
    for (const claimId of await linked(frontier)) {
      if (seen.has(claimId)) continue;
      seen.add(claimId);
      candidates.push(claimId);
    }
    frontier = await live(candidates);
    reached.push(...frontier);
  }
  return reached;
};
