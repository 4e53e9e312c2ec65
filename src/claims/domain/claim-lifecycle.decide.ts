import {
  ForbiddenError,
  IllegalStateError,
  NotFoundError,
  ValidationError,
} from '../../event-sourcing/errors.js';
import { isId } from '../../event-sourcing/id-kinds.js';
import { roleAtLeast } from '../../event-sourcing/metadata.js';
import type { Actor } from '../../event-sourcing/metadata.js';
import { optionalText, requireRole, requireText, stamp } from '../../event-sourcing/guards.js';
import { optionalTextProblem, requiredTextProblem } from '../../event-sourcing/text-rules.js';
import { anchorQuote } from '../../sources/domain/text-quote.js';
import type { Command } from '../../event-sourcing/metadata.js';
import {
  type ClaimProposed,
  type ClaimRetracted,
  type ClaimRevised,
  type ClaimTagged,
} from './claim.events.js';
import {
  requireLiveClaim,
  requireNotRetracted,
  requireReason,
  requireTagCount,
  requireTags,
} from './claim.guards.js';
import type { ClaimState, LiveClaim } from './claim.state.js';
import { decisionTable } from './decision-table.js';
import {
  ATTRIBUTED_TO_MAX_LENGTH,
  NOTE_MAX_LENGTH,
  QUOTE_CONTEXT_MAX_LENGTH,
  QUOTE_EXACT_LENGTH,
  STATEMENT_LENGTH,
} from './claim.values.js';
import type { ClaimAnchor, SourceLookup, TextQuoteSelector } from './claim.values.js';

/**
 * The claim's own lifecycle: propose, revise, tag, retract (the debate is in claim-debate.decide.ts, the
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
    /** Anchoring needs both `sourceId` and `quote`. */
    readonly sourceId?: string | null;
    readonly quote?: TextQuoteSelector | null;
    /**
     * The handler's read of the `source-<sourceId>` stream; required when `sourceId` is given.
     * null: no such source.
     */
    readonly source?: SourceLookup | null;
  }
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
export type RetractClaim = Command<'RetractClaim', { readonly claimId: string; readonly reason: string }>;

const isProposer = (claim: LiveClaim, actor: Actor): boolean => claim.createdBy.id === actor.id;

/** The limits of a quote as pasted, before it is looked for in the source. */
const requireQuoteShape = (quote: TextQuoteSelector): void => {
  const exact = requiredTextProblem(typeof quote.exact === 'string' ? quote.exact : '', QUOTE_EXACT_LENGTH);
  if (exact) throw new ValidationError(`quote.exact ${exact}`, 'quote.exact');
  for (const side of ['prefix', 'suffix'] as const) {
    const context = quote[side];
    const problem =
      typeof context === 'string' ? optionalTextProblem(context, QUOTE_CONTEXT_MAX_LENGTH) : undefined;
    if (problem) throw new ValidationError(`quote.${side} ${problem}`, `quote.${side}`);
  }
};

const anchorOf = ({ data }: ProposeClaim): ClaimAnchor | null => {
  const sourceId = optionalText(data.sourceId, 'sourceId', 64);
  const quote = data.quote ?? null;
  if (sourceId === null && quote === null) return null;
  if (sourceId === null)
    throw new ValidationError('a quote needs the sourceId of the source it is from', 'sourceId');
  if (quote === null)
    throw new ValidationError(`anchoring to source ${sourceId} needs a quote from its text`, 'quote');
  requireQuoteShape(quote);
  const { source } = data;
  if (source === undefined || (source !== null && source.sourceId !== sourceId)) {
    throw new Error(`ProposeClaim for source ${sourceId} arrived without the handler's read of that source`);
  }
  if (source === null) throw new NotFoundError(`source ${sourceId} not found`);
  if (source.text === null) {
    throw new ValidationError(
      `source ${sourceId} was registered without a text, so no quote can be anchored in it`,
      'sourceId',
    );
  }
  return { sourceId, quote: anchorQuote(source.text, quote) };
};

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
  const anchor = anchorOf(command);
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
  if (!isProposer(claim, metadata.actor) && !roleAtLeast(metadata.actor.role, 'EDITOR')) {
    throw new ForbiddenError(`only its proposer or an EDITOR may revise claim ${claim.claimId}`);
  }
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

export const retractClaim = (command: RetractClaim, state: ClaimState): ClaimRetracted[] => {
  const { data, metadata } = command;
  requireRole(metadata.actor, 'ANALYST', 'retracting a claim');
  const claim = requireLiveClaim(state, data.claimId);
  if (!isProposer(claim, metadata.actor) && !roleAtLeast(metadata.actor.role, 'EDITOR')) {
    throw new ForbiddenError(`only its proposer or an EDITOR may retract claim ${claim.claimId}`);
  }
  if (claim.retraction !== null) throw new IllegalStateError(`claim ${claim.claimId} is already retracted`);
  const reason = requireReason(data.reason);
  return [{ type: 'ClaimRetracted', data: { claimId: claim.claimId, reason, ...stamp(metadata) } }];
};

export const lifecycleDecisions = decisionTable({
  ProposeClaim: proposeClaim,
  ReviseClaim: reviseClaim,
  TagClaim: tagClaim,
  RetractClaim: retractClaim,
});
