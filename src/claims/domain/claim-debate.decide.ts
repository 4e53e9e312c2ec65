import { IllegalStateError, NotFoundError, ValidationError } from '../../event-sourcing/errors.js';
import {
  optionalProse,
  optionalUnitInterval,
  requireOneOf,
  requireRole,
  requireText,
  stamp,
} from '../../event-sourcing/guards.js';
import type { Command } from '../../event-sourcing/metadata.js';
import type {
  ClaimLinked,
  ClaimUnlinked,
  CounterpointRaised,
  CounterpointResolved,
  EvidenceAttached,
  EvidenceWithdrawn,
} from './claim.events.js';
import {
  requireCitation,
  requireLiveClaim,
  requireNewId,
  requireNotRetracted,
  requireReason,
} from './claim.guards.js';
import { isSameRelation } from './claim.state.js';
import type { ClaimState, LiveClaim } from './claim.state.js';
import { decisionTable } from './decision-table.js';
import type {
  CitationInput,
  CounterpointResolution,
  LinkTarget,
  RelationKind,
  Stance,
} from './claim.values.js';
import {
  COUNTERPOINT_RESOLUTIONS,
  COUNTERPOINT_TEXT_LENGTH,
  REASON_LENGTH,
  RELATION_KINDS,
  STANCES,
  SUMMARY_LENGTH,
} from './claim.values.js';

/**
 * The debate around a claim: evidence, counterpoints and links to other claims. Each command is declared
 * beside the one function that decides it; `debateDecisions` lists them for the decider.
 */

export type AttachEvidence = Command<
  'AttachEvidence',
  {
    readonly claimId: string;
    readonly stance: Stance;
    readonly summary: string;
    readonly citation: CitationInput;
    readonly reliability?: number | null;
  }
>;
export type WithdrawEvidence = Command<
  'WithdrawEvidence',
  { readonly claimId: string; readonly evidenceId: string; readonly reason: string }
>;
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
export type LinkClaims = Command<
  'LinkClaims',
  {
    /** The *from* claim: the link is recorded on its stream. */
    readonly claimId: string;
    readonly toClaimId: string;
    readonly kind: RelationKind;
    readonly rationale?: string | null;
    /** The handler's read of the `claim-<toClaimId>` stream. */
    readonly target: LinkTarget;
  }
>;
export type UnlinkClaims = Command<
  'UnlinkClaims',
  {
    readonly claimId: string;
    readonly toClaimId: string;
    readonly kind: RelationKind;
    readonly reason: string;
  }
>;

const requireFreshId = (claim: LiveClaim, id: string): void => {
  const taken =
    claim.evidence.some((evidence) => evidence.evidenceId === id) ||
    claim.counterpoints.some((counterpoint) => counterpoint.counterpointId === id);
  if (taken) throw new IllegalStateError(`claim ${claim.claimId} already has an entry with id ${id}`);
};

export const attachEvidence = (command: AttachEvidence, state: ClaimState): EvidenceAttached[] => {
  const { data, metadata } = command;
  requireRole(metadata.actor, 'ANALYST', 'attaching evidence');
  const claim = requireLiveClaim(state, data.claimId);
  requireNotRetracted(claim, 'attaching evidence');
  const evidenceId = requireNewId(metadata, 'evidence', 'attaching evidence');
  requireFreshId(claim, evidenceId);
  const stance = requireOneOf(data.stance, STANCES, 'stance');
  const summary = requireText(data.summary, 'summary', SUMMARY_LENGTH);
  const citation = requireCitation(data.citation, 'citation');
  const reliability = optionalUnitInterval(data.reliability, 'reliability');
  return [
    {
      type: 'EvidenceAttached',
      data: {
        claimId: claim.claimId,
        evidenceId,
        stance,
        summary,
        citation,
        reliability,
        ...stamp(metadata),
      },
    },
  ];
};

export const withdrawEvidence = (command: WithdrawEvidence, state: ClaimState): EvidenceWithdrawn[] => {
  const { data, metadata } = command;
  requireRole(metadata.actor, 'ANALYST', 'withdrawing evidence');
  const claim = requireLiveClaim(state, data.claimId);
  const evidence = claim.evidence.find((candidate) => candidate.evidenceId === data.evidenceId);
  if (evidence === undefined) {
    throw new NotFoundError(`evidence ${data.evidenceId} not found on claim ${claim.claimId}`);
  }
  if (evidence.withdrawn) throw new IllegalStateError(`evidence ${evidence.evidenceId} is already withdrawn`);
  const reason = requireReason(data.reason);
  return [
    {
      type: 'EvidenceWithdrawn',
      data: { claimId: claim.claimId, evidenceId: evidence.evidenceId, reason, ...stamp(metadata) },
    },
  ];
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

export const respondToCounterpoint = (
  command: RespondToCounterpoint,
  state: ClaimState,
): CounterpointResolved[] => {
  const { data, metadata } = command;
  requireRole(metadata.actor, 'ANALYST', 'responding to a counterpoint');
  const claim = requireLiveClaim(state, data.claimId);
  const counterpoint = claim.counterpoints.find(
    (candidate) => candidate.counterpointId === data.counterpointId,
  );
  if (counterpoint === undefined) {
    throw new NotFoundError(`counterpoint ${data.counterpointId} not found on claim ${claim.claimId}`);
  }
  if (counterpoint.state !== 'OPEN') {
    throw new IllegalStateError(
      `counterpoint ${counterpoint.counterpointId} is already ${counterpoint.state}`,
    );
  }
  const resolution = requireOneOf(data.resolution, COUNTERPOINT_RESOLUTIONS, 'resolution');
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

export const linkClaims = (command: LinkClaims, state: ClaimState): ClaimLinked[] => {
  const { data, metadata } = command;
  requireRole(metadata.actor, 'ANALYST', 'linking claims');
  const claim = requireLiveClaim(state, data.claimId);
  requireNotRetracted(claim, 'linking it to other claims');
  if (data.toClaimId === claim.claimId)
    throw new ValidationError('a claim cannot be linked to itself', 'toClaimId');
  const kind = requireOneOf(data.kind, RELATION_KINDS, 'kind');
  const rationale = optionalProse(data.rationale, 'rationale', REASON_LENGTH);
  const { target } = data;
  if (target.claimId !== data.toClaimId) {
    throw new Error(
      `LinkClaims to ${data.toClaimId} arrived with the handler's read of claim ${target.claimId}`,
    );
  }
  if (!target.exists) throw new NotFoundError(`claim ${data.toClaimId} not found`);
  if (target.retracted) {
    throw new IllegalStateError(`claim ${data.toClaimId} is retracted; it can no longer be linked to`);
  }
  if (claim.relations.some((relation) => isSameRelation(relation, data.toClaimId, kind))) {
    throw new IllegalStateError(
      `claim ${claim.claimId} already has a ${kind} link to claim ${data.toClaimId}`,
    );
  }
  return [
    {
      type: 'ClaimLinked',
      data: { claimId: claim.claimId, toClaimId: data.toClaimId, kind, rationale, ...stamp(metadata) },
    },
  ];
};

export const unlinkClaims = (command: UnlinkClaims, state: ClaimState): ClaimUnlinked[] => {
  const { data, metadata } = command;
  requireRole(metadata.actor, 'ANALYST', 'unlinking claims');
  const claim = requireLiveClaim(state, data.claimId);
  const kind = requireOneOf(data.kind, RELATION_KINDS, 'kind');
  if (!claim.relations.some((relation) => isSameRelation(relation, data.toClaimId, kind))) {
    throw new NotFoundError(`claim ${claim.claimId} has no ${kind} link to claim ${data.toClaimId}`);
  }
  const reason = requireReason(data.reason);
  return [
    {
      type: 'ClaimUnlinked',
      data: { claimId: claim.claimId, toClaimId: data.toClaimId, kind, reason, ...stamp(metadata) },
    },
  ];
};

export const debateDecisions = decisionTable({
  AttachEvidence: attachEvidence,
  WithdrawEvidence: withdrawEvidence,
  RaiseCounterpoint: raiseCounterpoint,
  RespondToCounterpoint: respondToCounterpoint,
  LinkClaims: linkClaims,
  UnlinkClaims: unlinkClaims,
});
