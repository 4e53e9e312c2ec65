import { IllegalStateError, NotFoundError, ValidationError } from '../../event-sourcing/errors.js';
import {
  optionalProse,
  requireOwnerOrEditor,
  optionalUnitInterval,
  requireOneOf,
  requireRole,
  requireText,
  stamp,
} from '../../event-sourcing/guards.js';
import type { Command } from '../../event-sourcing/metadata.js';
import type { ClaimLinked, ClaimUnlinked, EvidenceAttached, EvidenceWithdrawn } from './claim.events.js';
import {
  requireCitation,
  requireFreshId,
  requireLiveClaim,
  requireNewId,
  requireNotRetracted,
  requireReason,
} from './claim.guards.js';
import { isSameRelation } from './claim.state.js';
import type { ClaimState } from './claim.state.js';
import { decisionTable } from './decision-table.js';
import type { CitationInput, LinkTarget, RelationKind, Stance } from './claim.values.js';
import { REASON_LENGTH, RELATION_KINDS, STANCES, SUMMARY_LENGTH } from './claim.values.js';

/**
 * The debate around a claim: evidence and links to other claims (counterpoints are in
 * claim-counterpoints.decide.ts). What one analyst attached or linked, only they or an editor may withdraw
 * or unlink. Each command is declared beside the one function that decides it; `debateDecisions` lists them.
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
  requireOwnerOrEditor(
    metadata.actor,
    evidence.addedBy,
    'the analyst who attached it',
    `withdraw evidence ${evidence.evidenceId}`,
  );
  if (evidence.withdrawn) throw new IllegalStateError(`evidence ${evidence.evidenceId} is already withdrawn`);
  const reason = requireReason(data.reason);
  return [
    {
      type: 'EvidenceWithdrawn',
      data: { claimId: claim.claimId, evidenceId: evidence.evidenceId, reason, ...stamp(metadata) },
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
  const relation = claim.relations.find((candidate) => isSameRelation(candidate, data.toClaimId, kind));
  if (relation === undefined) {
    throw new NotFoundError(`claim ${claim.claimId} has no ${kind} link to claim ${data.toClaimId}`);
  }
  requireOwnerOrEditor(
    metadata.actor,
    relation.linkedBy,
    'the analyst who linked them',
    `remove the ${kind} link from claim ${claim.claimId} to claim ${data.toClaimId}`,
  );
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
  LinkClaims: linkClaims,
  UnlinkClaims: unlinkClaims,
});
