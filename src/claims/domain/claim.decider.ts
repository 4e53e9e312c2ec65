import type { Decider } from '../../event-sourcing/decider.js';
import { assessmentDecisions } from './claim-assessment.decide.js';
import { counterpointDecisions } from './claim-counterpoints.decide.js';
import { debateDecisions } from './claim-debate.decide.js';
import { lifecycleDecisions } from './claim-lifecycle.decide.js';
import { claimEventReason, type ClaimEvent } from './claim.events.js';
import { evolveClaim, foldClaim } from './claim.evolve.js';
import { initialClaimState, type ClaimState } from './claim.state.js';

/** Every claim command's decide function, by command type: one mutation of contract.graphql each. */
const decisions = {
  ...lifecycleDecisions,
  ...debateDecisions,
  ...counterpointDecisions,
  ...assessmentDecisions,
};
type Decisions = typeof decisions;

export type ClaimCommandType = keyof Decisions;

/** Every claim command type, for specs that must cover them all (the role matrix). */
export const CLAIM_COMMAND_TYPES = Object.keys(decisions) as readonly ClaimCommandType[];

/**
 * Claim commands, one per mutation. Every command names its claim (`claimId`, the stream `claim-<claimId>`);
 * ids of created evidence and counterpoints arrive in `metadata.newId`. Enum-typed fields are still checked
 * at run time: the domain does not trust its callers' types.
 */
export type ClaimCommand = { [Type in ClaimCommandType]: Parameters<Decisions[Type]>[0] }[ClaimCommandType];

export const decideClaim = (command: ClaimCommand, state: ClaimState): ClaimEvent[] => {
  const decide = decisions[command.type] as
    ((command: ClaimCommand, state: ClaimState) => readonly ClaimEvent[]) | undefined;
  if (decide === undefined) throw new Error(`unknown claim command ${JSON.stringify(command)}`);
  return [...decide(command, state)];
};

export const claimDecider: Decider<ClaimCommand, ClaimEvent, ClaimState> = {
  initialState: initialClaimState,
  evolve: evolveClaim,
  decide: decideClaim,
  fold: foldClaim,
  reasonOf: claimEventReason,
};
