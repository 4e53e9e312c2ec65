import { IllegalStateError, NotFoundError } from '../../event-sourcing/errors.js';
import {
  requireOneOf,
  requireOwnerOrEditor,
  requireRole,
  requireText,
  stamp,
} from '../../event-sourcing/guards.js';
import type { Command } from '../../event-sourcing/metadata.js';
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

/** Who may give each resolution, after the ANALYST minimum: the one statement of the rule. */
const requireMayResolve = (
  command: RespondToCounterpoint,
  claim: LiveClaim,
  resolution: CounterpointResolution,
): void => {
  const { actor } = command.metadata;
  const counterpointId = command.data.counterpointId;
  switch (resolution) {
    case 'ANSWERED':
      return;
    case 'CONCEDED':
      requireOwnerOrEditor(
        actor,
        claim.createdBy,
        'the claim’s proposer',
        `concede counterpoint ${counterpointId}`,
      );
      return;
    case 'DISMISSED':
      requireRole(actor, 'EDITOR', `dismissing counterpoint ${counterpointId} (dismissal is editorial)`);
      return;
    default: {
      const unexpected: never = resolution;
      throw new Error(`unknown resolution ${String(unexpected)}`);
    }
  }
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
  requireMayResolve(command, claim, resolution);
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

/**
 * Who may reopen a counterpoint in each state, after the ANALYST minimum: an answer is rebutted by the
 * counterpoint's author or an editor; a dismissal, being editorial, is undone by an editor alone; a
 * concession grants the point already, and an open counterpoint has nothing to rebut.
 */
const requireMayReopen = (command: ReopenCounterpoint, counterpoint: CounterpointRecord): void => {
  const { actor } = command.metadata;
  const { counterpointId, raisedBy } = counterpoint;
  switch (counterpoint.state) {
    case 'ANSWERED':
      requireOwnerOrEditor(
        actor,
        raisedBy,
        'the counterpoint’s author',
        `reopen counterpoint ${counterpointId}`,
      );
      return;
    case 'DISMISSED':
      requireRole(actor, 'EDITOR', `reopening counterpoint ${counterpointId}, which an editor dismissed,`);
      return;
    case 'CONCEDED':
      throw new IllegalStateError(
        `counterpoint ${counterpointId} was conceded: the claim's side granted it, so there is no answer to rebut`,
      );
    case 'OPEN':
      throw new IllegalStateError(`counterpoint ${counterpointId} is already OPEN`);
    default: {
      const unexpected: never = counterpoint.state;
      throw new Error(`unknown counterpoint state ${String(unexpected)}`);
    }
  }
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
  requireMayReopen(command, counterpoint);
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
