import type { CounterpointState, RelationKind } from './claim.values.js';
import type { Label } from './grounded-labelling.js';

/**
 * A claim's label said in one plain sentence (docs/architecture.md §3), the one statement of it: the API
 * serves it as `Claim.acceptabilityReason`, now and as of a time, and the web app shows it as it is.
 */

/** An argument that defeats the claim (one of its `defeatedBy`), with the words that name it. */
export type Defeater =
  | {
      readonly kind: 'counterpoint';
      readonly id: string;
      readonly state: CounterpointState;
      readonly text: string;
    }
  | {
      readonly kind: 'claim';
      readonly id: string;
      readonly relationKind: RelationKind;
      readonly statement: string;
    }
  /** An id the caller could not find among the claim's counterpoints and incoming links. */
  | { readonly kind: 'argument'; readonly id: string };

export interface Standing {
  readonly label: Label;
  readonly retracted: boolean;
  /** Whether anything attacks the claim at all (an attacking link or counterpoint). */
  readonly attacked: boolean;
  /** Its `defeatedBy`, in that order. */
  readonly defeaters: readonly Defeater[];
}

const MAX_QUOTED = 90;

/** Quoted and shortened for a sentence: 'The communique…'. */
export const shortQuote = (text: string, max = MAX_QUOTED): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `'${flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat}'`;
};

const STATE_WORD: Readonly<Record<CounterpointState, string>> = {
  OPEN: 'open',
  CONCEDED: 'conceded',
  ANSWERED: 'answered',
  DISMISSED: 'dismissed',
};

/** Why one defeater defeats the claim, as a clause: "the open counterpoint '…' stands". */
const clause = (defeater: Defeater, label: Exclude<Label, 'IN'>): string => {
  switch (defeater.kind) {
    case 'counterpoint':
      // Counterpoints are never attacked, so one that defeats a claim always stands.
      return `the ${STATE_WORD[defeater.state]} counterpoint ${shortQuote(defeater.text)} stands`;
    case 'claim': {
      const verb = defeater.relationKind === 'UNDERCUTS' ? 'undercuts' : 'attacks';
      const claim = `the claim ${shortQuote(defeater.statement)} ${verb} it`;
      return label === 'OUT' ? `${claim} and stands (IN)` : `${claim} and is itself undecided`;
    }
    case 'argument':
      return label === 'OUT'
        ? `${defeater.id} attacks it and stands`
        : `${defeater.id} attacks it and is itself undecided`;
    default: {
      const unexpected: never = defeater;
      throw new Error(`unknown defeater ${JSON.stringify(unexpected)}`);
    }
  }
};

const joinClauses = (clauses: readonly string[]): string =>
  clauses.length <= 1 ? (clauses[0] ?? '') : `${clauses.slice(0, -1).join(', ')} and ${clauses.at(-1)}`;

export const acceptabilityReason = ({ label, retracted, attacked, defeaters }: Standing): string => {
  // A retracted claim is out of the argument: OUT, but defeated by nothing, and it attacks nothing.
  if (retracted) {
    return 'OUT because it is retracted: a retracted claim is no longer an argument, so nothing defeats it and it attacks nothing.';
  }
  switch (label) {
    case 'IN':
      return attacked
        ? 'IN because everything that attacks it is itself defeated (OUT).'
        : 'IN because nothing attacks it.';
    case 'OUT':
      return defeaters.length === 0
        ? 'OUT: an argument that stands attacks it.'
        : `OUT because ${joinClauses(defeaters.map((defeater) => clause(defeater, 'OUT')))}.`;
    case 'UNDECIDED':
      return defeaters.length === 0
        ? 'UNDECIDED: its attackers are neither clearly standing nor clearly defeated.'
        : `UNDECIDED because ${joinClauses(defeaters.map((defeater) => clause(defeater, 'UNDECIDED')))}: the attacks go round in a cycle that nothing settles.`;
    default: {
      const unexpected: never = label;
      throw new Error(`unknown label ${String(unexpected)}`);
    }
  }
};
