import { IllegalStateError, NotFoundError } from '../../event-sourcing/errors.js';
import {
  requireOneOf,
  requireOwnerOrEditor,
  requireRole,
  requireText,
  stamp,
} from '../../event-sourcing/guards.js';
import type { Actor, Command } from '../../event-sourcing/metadata.js';
import { holdsPermit, REOPEN_PERMITS, RESOLVE_PERMITS, type Permit } from './claim.permissions.js';
import type { CounterpointRaised, CounterpointReopened, CounterpointResolved } from './claim.events.js';
import {
  requireCitation,
  requireFreshId,
  requireLiveClaim,
  requireNewId,
  requireNotRetracted,
  requireReason,
} from './claim.guards.js';
import type { ClaimState, CounterpointRecord, LiveClaim } from './claim.state.js';
import type { CitationInput, CounterpointResolution } from './claim.values.js';
import { COUNTERPOINT_RESOLUTIONS, COUNTERPOINT_TEXT_LENGTH, REBUTTAL_LENGTH } from './claim.values.js';
import { decisionTable } from './decision-table.js';

/**
 * Counterpoints and their threads (docs/architecture.md §3): an answer is an argument, not a verdict. Any
 * analyst may raise a counterpoint or answer one; conceding it is for the claim's proposer or an editor,
 * dismissing it for an editor; the counterpoint's author (or an editor) may reopen an answered one with a
 * rebuttal, and an editor a dismissed one. Each command is declared beside the one function that decides it.
 */

export type RaiseCounterpoint = Command<
  'RaiseCounterpoint',
  { readonly claimId: string; readonly text: string; readonly citation?: CitationInput | null }
>;
export type RespondToCounterpoint = Command<
  'RespondToCounterpoint',
  {
    readonly claimId: string;
    readonly counterpointId: string;
    readonly resolution: CounterpointResolution;
    readonly response: string;
  }
>;
export type ReopenCounterpoint = Command<
  'ReopenCounterpoint',
  {
    readonly claimId: string;
    readonly counterpointId: string;
    /** The rebuttal: why the response does not settle the counterpoint. */
    readonly text: string;
    readonly reason: string;
  }
>;

const requireCounterpoint = (claim: LiveClaim, counterpointId: string): CounterpointRecord => {
  const counterpoint = claim.counterpoints.find((candidate) => candidate.counterpointId === counterpointId);
  if (counterpoint === undefined) {
    throw new NotFoundError(`counterpoint ${counterpointId} not found on claim ${claim.claimId}`);
  }
  return counterpoint;
};

export const raiseCounterpoint = (command: RaiseCounterpoint, state: ClaimState): CounterpointRaised[] => {
  const { data, metadata } = command;
  requireRole(metadata.actor, 'ANALYST', 'raising a counterpoint');
  const claim = requireLiveClaim(state, data.claimId);
  requireNotRetracted(claim, 'raising a counterpoint');
  const counterpointId = requireNewId(metadata, 'counterpoint', 'raising a counterpoint');
  requireFreshId(claim, counterpointId);
  const text = requireText(data.text, 'text', COUNTERPOINT_TEXT_LENGTH);
  const citation =
    data.citation === null || data.citation === undefined ? null : requireCitation(data.citation, 'citation');
  return [
    {
      type: 'CounterpointRaised',
      data: { claimId: claim.claimId, counterpointId, text, citation, ...stamp(metadata) },
    },
  ];
};

/** The words of a refusal: who may besides an editor, and what was asked (`concede counterpoint cpt_…`). */
interface Asked {
  readonly owner: Actor;
  readonly who: string;
  readonly action: string;
  /** The same, as a gerund for a role refusal (`dismissing counterpoint cpt_…`). */
  readonly acting: string;
}

/** Refuses what `permit` (claim.permissions.ts) does not allow the actor, saying who may. */
const requirePermit = (permit: Permit, actor: Actor, asked: Asked): void => {
  if (holdsPermit(permit, actor, asked.owner)) return;
  switch (permit) {
    case 'EDITOR':
      requireRole(actor, 'EDITOR', asked.acting);
      return;
    case 'OWNER_OR_EDITOR':
      requireOwnerOrEditor(actor, asked.owner, asked.who, asked.action);
      return;
    case 'ANY_ANALYST':
      requireRole(actor, 'ANALYST', asked.acting);
      return;
    case 'NO_ONE':
      throw new Error(`requirePermit is not for what no one may do (${asked.action})`);
    default: {
      const unexpected: never = permit;
      throw new Error(`unknown permit ${String(unexpected)}`);
    }
  }
};

const RESOLUTION_VERBS: Readonly<Record<CounterpointResolution, readonly [string, string]>> = {
  ANSWERED: ['answer', 'answering'],
  CONCEDED: ['concede', 'conceding'],
  DISMISSED: ['dismiss', 'dismissing'],
};

export const respondToCounterpoint = (
  command: RespondToCounterpoint,
  state: ClaimState,
): CounterpointResolved[] => {
  const { data, metadata } = command;
  requireRole(metadata.actor, 'ANALYST', 'responding to a counterpoint');
  const claim = requireLiveClaim(state, data.claimId);
  const counterpoint = requireCounterpoint(claim, data.counterpointId);
  const resolution = requireOneOf(data.resolution, COUNTERPOINT_RESOLUTIONS, 'resolution');
  const [verb, verbing] = RESOLUTION_VERBS[resolution];
  requirePermit(RESOLVE_PERMITS[resolution], metadata.actor, {
    owner: claim.createdBy,
    who: 'the claim’s proposer',
    action: `${verb} counterpoint ${counterpoint.counterpointId}`,
    acting: `${verbing} counterpoint ${counterpoint.counterpointId}${resolution === 'DISMISSED' ? ' (dismissal is editorial)' : ''}`,
  });
  if (counterpoint.state !== 'OPEN') {
    throw new IllegalStateError(
      `counterpoint ${counterpoint.counterpointId} is already ${counterpoint.state}`,
    );
  }
  const response = requireReason(data.response, 'response');
  return [
    {
      type: 'CounterpointResolved',
      data: {
        claimId: claim.claimId,
        counterpointId: counterpoint.counterpointId,
        resolution,
        response,
        ...stamp(metadata),
      },
    },
  ];
};

/** Reopening, by the counterpoint's state (claim.permissions.ts REOPEN_PERMITS). */
const requireMayReopen = (actor: Actor, counterpoint: CounterpointRecord): void => {
  const { counterpointId, state } = counterpoint;
  const permit = REOPEN_PERMITS[state];
  if (permit === 'NO_ONE') {
    throw new IllegalStateError(
      state === 'CONCEDED'
        ? `counterpoint ${counterpointId} was conceded: the claim's side granted it, so there is no answer to rebut`
        : `counterpoint ${counterpointId} is already ${state}`,
    );
  }
  requirePermit(permit, actor, {
    owner: counterpoint.raisedBy,
    who: 'the counterpoint’s author',
    action: `reopen counterpoint ${counterpointId}`,
    acting: `reopening counterpoint ${counterpointId}, which an editor dismissed,`,
  });
};

export const reopenCounterpoint = (
  command: ReopenCounterpoint,
  state: ClaimState,
): CounterpointReopened[] => {
  const { data, metadata } = command;
  requireRole(metadata.actor, 'ANALYST', 'reopening a counterpoint');
  const claim = requireLiveClaim(state, data.claimId);
  requireNotRetracted(claim, 'reopening its counterpoints');
  const counterpoint = requireCounterpoint(claim, data.counterpointId);
  requireMayReopen(metadata.actor, counterpoint);
  const text = requireText(data.text, 'text', REBUTTAL_LENGTH);
  const reason = requireReason(data.reason);
  return [
    {
      type: 'CounterpointReopened',
      data: {
        claimId: claim.claimId,
        counterpointId: counterpoint.counterpointId,
        text,
        reason,
        ...stamp(metadata),
      },
    },
  ];
};

export const counterpointDecisions = decisionTable({
  RaiseCounterpoint: raiseCounterpoint,
  RespondToCounterpoint: respondToCounterpoint,
  ReopenCounterpoint: reopenCounterpoint,
});
