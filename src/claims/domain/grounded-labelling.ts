/**
 * Dung's grounded semantics over claims and counterpoints (docs/architecture.md §3). Pure: the projector feeds it the
 * part of the graph an event can affect, time travel feeds it the graph as it stood.
 */
export const LABELS = ['IN', 'OUT', 'UNDECIDED'] as const;
export type Label = (typeof LABELS)[number];

export interface Attack {
  readonly from: string;
  readonly to: string;
}

export interface Labelling {
  readonly labels: ReadonlyMap<string, Label>;
  /** For each OUT argument its IN attackers; for each UNDECIDED one its UNDECIDED attackers. */
  readonly defeatedBy: ReadonlyMap<string, readonly string[]>;
}

/**
 * Labels `nodes` given the attacks among them. Attackers outside `nodes` keep the label `fixed` gives them
 * (they are upstream of the change, so their labels cannot move); unknown outsiders count as IN.
 */
export const groundedLabelling = (
  nodes: Iterable<string>,
  attacks: readonly Attack[],
  fixed: ReadonlyMap<string, Label> = new Map(),
): Labelling => {
  const attackers = new Map<string, string[]>();
  const targets = new Map<string, string[]>();
  const open = new Set(nodes);
  for (const node of open) attackers.set(node, []);
  for (const { from, to } of attacks) {
    if (!open.has(to)) continue;
    attackers.get(to)!.push(from);
    if (open.has(from)) (targets.get(from) ?? targets.set(from, []).get(from)!).push(to);
  }
  const labels = new Map<string, Label>();
  const labelOf = (node: string): Label | undefined =>
    labels.get(node) ?? (open.has(node) ? undefined : (fixed.get(node) ?? 'IN'));

  // Worklist fixpoint: a node becomes IN once all its attackers are OUT, OUT once one attacker is IN.
  const queue = [...open];
  while (queue.length > 0) {
    const node = queue.pop()!;
    if (labels.has(node)) continue;
    const attackerLabels = attackers.get(node)!.map(labelOf);
    let decided: Label | undefined;
    if (attackerLabels.some((label) => label === 'IN')) decided = 'OUT';
    else if (attackerLabels.every((label) => label === 'OUT')) decided = 'IN';
    if (decided) {
      labels.set(node, decided);
      for (const target of targets.get(node) ?? []) if (!labels.has(target)) queue.push(target);
    }
  }
  for (const node of open) if (!labels.has(node)) labels.set(node, 'UNDECIDED');

  const defeatedBy = new Map<string, readonly string[]>();
  for (const node of open) {
    const label = labels.get(node)!;
    const blocking: Label | undefined =
      label === 'OUT' ? 'IN' : label === 'UNDECIDED' ? 'UNDECIDED' : undefined;
    const culprits = blocking
      ? [...new Set(attackers.get(node)!.filter((attacker) => labelOf(attacker) === blocking))]
      : [];
    defeatedBy.set(node, culprits.sort());
  }
  return { labels, defeatedBy };
};
