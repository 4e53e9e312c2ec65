import { isAttackingCounterpoint, isAttackingRelation } from './domain.js';
import type { ClaimDetail } from './types.js';

/** Quoted and shortened for a sentence: 'The communique…'. */
export const shortQuote = (text: string, max = 90): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `'${flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat}'`;
};

type Explainable = Pick<
  ClaimDetail,
  'id' | 'acceptability' | 'status' | 'defeatedBy' | 'counterpoints' | 'relations'
>;

/** Why one defeater defeats the claim, as a clause: "the open counterpoint '…' stands". */
const because = (claim: Explainable, id: string): string => {
  const counterpoint = claim.counterpoints.find((item) => item.id === id);
  if (counterpoint) {
    const state =
      counterpoint.state === 'OPEN'
        ? 'open'
        : counterpoint.state === 'CONCEDED'
          ? 'conceded'
          : counterpoint.state.toLowerCase();
    return claim.acceptability === 'OUT'
      ? `the ${state} counterpoint ${shortQuote(counterpoint.text)} stands`
      : `the ${state} counterpoint ${shortQuote(counterpoint.text)} is itself undecided`;
  }
  const relation = claim.relations.find(
    (item) => item.from.id === id && item.to.id === claim.id && isAttackingRelation(item.kind),
  );
  if (relation) {
    const verb = relation.kind === 'UNDERCUTS' ? 'undercuts' : 'attacks';
    return claim.acceptability === 'OUT'
      ? `the claim ${shortQuote(relation.from.statement)} ${verb} it and stands (IN)`
      : `the claim ${shortQuote(relation.from.statement)} ${verb} it and is itself undecided`;
  }
  return claim.acceptability === 'OUT'
    ? `${id} attacks it and stands`
    : `${id} attacks it and is itself undecided`;
};

const joinClauses = (clauses: readonly string[]): string =>
  clauses.length <= 1
    ? (clauses[0] ?? '')
    : `${clauses.slice(0, -1).join(', ')} and ${clauses[clauses.length - 1]}`;

/**
 * The claim's label under grounded semantics, explained in words from `defeatedBy`:
 * "OUT because the open counterpoint '…' stands".
 */
export const explainAcceptability = (claim: Explainable): string => {
  const attackers = [
    ...claim.counterpoints.filter((item) => isAttackingCounterpoint(item.state)),
    ...claim.relations.filter((item) => item.to.id === claim.id && isAttackingRelation(item.kind)),
  ];
  const retracted =
    claim.status === 'RETRACTED'
      ? ' (The claim is retracted, so it no longer takes part in the argument.)'
      : '';
  switch (claim.acceptability) {
    case 'IN':
      return attackers.length === 0
        ? `IN because nothing attacks it.${retracted}`
        : `IN because everything that attacks it is itself defeated (OUT).${retracted}`;
    case 'OUT':
      return claim.defeatedBy.length === 0
        ? `OUT: an argument that stands attacks it.${retracted}`
        : `OUT because ${joinClauses(claim.defeatedBy.map((id) => because(claim, id)))}.${retracted}`;
    case 'UNDECIDED':
      return claim.defeatedBy.length === 0
        ? `UNDECIDED: its attackers are neither clearly standing nor clearly defeated.${retracted}`
        : `UNDECIDED because ${joinClauses(claim.defeatedBy.map((id) => because(claim, id)))}: the attacks go round in a cycle that nothing settles.${retracted}`;
  }
};
