import { IllegalStateError, ValidationError } from '../../event-sourcing/errors.js';
import { isId } from '../../event-sourcing/id-kinds.js';
import {
  optionalText,
  requireOwnerOrEditor,
  requireRole,
  requireText,
  stamp,
} from '../../event-sourcing/guards.js';
import type { Command } from '../../event-sourcing/metadata.js';
import { anchorOf, isSameAnchor, type AnchorRequest } from './claim.anchor.js';
import type {
  ClaimProposed,
  ClaimReanchored,
  ClaimRetracted,
  ClaimRevised,
  ClaimTagged,
} from './claim.events.js';
import {
  requireLiveClaim,
  requireNotRetracted,
  requireReason,
  requireTagCount,
  requireTags,
} from './claim.guards.js';
import type { ClaimState } from './claim.state.js';
import { decisionTable } from './decision-table.js';
import { ATTRIBUTED_TO_MAX_LENGTH, NOTE_MAX_LENGTH, STATEMENT_LENGTH } from './claim.values.js';
import type { SourceLookup, TextQuoteSelector } from './claim.values.js';

/**
 * The claim's own lifecycle: propose, revise, tag, re-anchor, retract (the debate is in claim-debate.decide.ts, the
 * editors' verdicts in claim-assessment.decide.ts).
 * Each command is declared beside the one function that decides it; `lifecycleDecisions` lists them.
 */

export type ProposeClaim = Command<
  'ProposeClaim',
  {
    /** A `clm_` id, generated outside the domain (derived from the idempotency key when there is one). */
    readonly claimId: string;
    readonly statement: string;
    readonly tags?: readonly string[] | null;
    readonly attributedTo?: string | null;
    readonly note?: string | null;
  } & AnchorRequest /* anchoring needs both `sourceId` and `quote` */
>;
export type ReviseClaim = Command<
  'ReviseClaim',
  { readonly claimId: string; readonly statement: string; readonly reason: string }
>;
export type TagClaim = Command<
  'TagClaim',
  {
    readonly claimId: string;
    readonly add?: readonly string[] | null;
    readonly remove?: readonly string[] | null;
  }
>;
export type ReanchorClaim = Command<
  'ReanchorClaim',
  {
    readonly claimId: string;
    readonly sourceId: string;
    readonly quote: TextQuoteSelector;
    readonly reason: string;
    /** The handler's read of the `source-<sourceId>` stream (null: no such source). */
    readonly source: SourceLookup | null;
  }
>;
export type RetractClaim = Command<'RetractClaim', { readonly claimId: string; readonly reason: string }>;

export const proposeClaim = (command: ProposeClaim, state: ClaimState): ClaimProposed[] => {
  const { data, metadata } = command;
  requireRole(metadata.actor, 'ANALYST', 'proposing a claim');
  if (state.status !== 'none') throw new IllegalStateError(`claim ${state.claimId} already exists`);
  if (!isId(data.claimId, 'claim')) {
    throw new ValidationError(`claimId must be a clm_ id, not "${data.claimId}"`, 'claimId');
  }
  const statement = requireText(data.statement, 'statement', STATEMENT_LENGTH);
  const tags = requireTags(data.tags, 'tags');
  requireTagCount(tags, 'tags');
  const attributedTo = optionalText(data.attributedTo, 'attributedTo', ATTRIBUTED_TO_MAX_LENGTH);
  const note = optionalText(data.note, 'note', NOTE_MAX_LENGTH);
  const anchor = anchorOf(data, 'ProposeClaim');
  return [
    {
      type: 'ClaimProposed',
      data: { claimId: data.claimId, statement, tags, attributedTo, anchor, note, ...stamp(metadata) },
    },
  ];
};

export const reviseClaim = (command: ReviseClaim, state: ClaimState): ClaimRevised[] => {
  const { data, metadata } = command;
  requireRole(metadata.actor, 'ANALYST', 'revising a claim');
  const claim = requireLiveClaim(state, data.claimId);
  requireOwnerOrEditor(metadata.actor, claim.createdBy, 'its proposer', `revise claim ${claim.claimId}`);
  requireNotRetracted(claim, 'revising it');
  const statement = requireText(data.statement, 'statement', STATEMENT_LENGTH);
  const reason = requireReason(data.reason);
  if (statement === claim.statement) {
    throw new IllegalStateError(
      `the revised statement of claim ${claim.claimId} is the same as the current one`,
    );
  }
  return [
    {
      type: 'ClaimRevised',
      data: {
        claimId: claim.claimId,
        statement,
        previousStatement: claim.statement,
        reason,
        ...stamp(metadata),
      },
    },
  ];
};

export const tagClaim = (command: TagClaim, state: ClaimState): ClaimTagged[] => {
  const { data, metadata } = command;
  requireRole(metadata.actor, 'ANALYST', 'tagging a claim');
  const claim = requireLiveClaim(state, data.claimId);
  requireNotRetracted(claim, 'tagging it');
  const add = requireTags(data.add, 'add');
  const remove = requireTags(data.remove, 'remove');
  const both = add.find((tag) => remove.includes(tag));
  if (both !== undefined)
    throw new ValidationError(`tag "${both}" cannot be both added and removed`, 'remove');
  const added = add.filter((tag) => !claim.tags.includes(tag));
  const removed = remove.filter((tag) => claim.tags.includes(tag));
  if (added.length === 0 && removed.length === 0) {
    throw new IllegalStateError(`the change would leave the tags of claim ${claim.claimId} as they are`);
  }
  requireTagCount([...claim.tags.filter((tag) => !removed.includes(tag)), ...added], 'add');
  return [{ type: 'ClaimTagged', data: { claimId: claim.claimId, added, removed, ...stamp(metadata) } }];
};

/**
 * The claim anchored anew, as its proposal would have anchored it (claim.anchor.ts): the quote was
 * mis-selected, or belongs in another source. Its proposer's or an editor's correction, with a reason.
 */
export const reanchorClaim = (command: ReanchorClaim, state: ClaimState): ClaimReanchored[] => {
  const { data, metadata } = command;
  requireRole(metadata.actor, 'ANALYST', 're-anchoring a claim');
  const claim = requireLiveClaim(state, data.claimId);
  requireOwnerOrEditor(metadata.actor, claim.createdBy, 'its proposer', `re-anchor claim ${claim.claimId}`);
  requireNotRetracted(claim, 're-anchoring it');
  const anchor = anchorOf(data, 'ReanchorClaim');
  if (anchor === null) {
    throw new ValidationError(
      're-anchoring needs the sourceId of a source and a quote from its text',
      'quote',
    );
  }
  const reason = requireReason(data.reason);
  if (isSameAnchor(anchor, claim.anchor)) {
    throw new IllegalStateError(
      `claim ${claim.claimId} is already anchored to these words of source ${anchor.sourceId}`,
    );
  }
  return [
    {
      type: 'ClaimReanchored',
      data: { claimId: claim.claimId, anchor, previousAnchor: claim.anchor, reason, ...stamp(metadata) },
    },
  ];
};

export const retractClaim = (command: RetractClaim, state: ClaimState): ClaimRetracted[] => {
  const { data, metadata } = command;
  requireRole(metadata.actor, 'ANALYST', 'retracting a claim');
  const claim = requireLiveClaim(state, data.claimId);
  requireOwnerOrEditor(metadata.actor, claim.createdBy, 'its proposer', `retract claim ${claim.claimId}`);
  if (claim.retraction !== null) throw new IllegalStateError(`claim ${claim.claimId} is already retracted`);
  const reason = requireReason(data.reason);
  return [{ type: 'ClaimRetracted', data: { claimId: claim.claimId, reason, ...stamp(metadata) } }];
};

export const lifecycleDecisions = decisionTable({
  ProposeClaim: proposeClaim,
  ReviseClaim: reviseClaim,
  TagClaim: tagClaim,
  ReanchorClaim: reanchorClaim,
  RetractClaim: retractClaim,
});
