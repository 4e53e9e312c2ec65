import { handleCommand, rehydrate } from '../../event-sourcing/handle-command.js';
import type { IdKind } from '../../event-sourcing/id-kinds.js';
import { derivedId, newId } from '../../event-sourcing/ids.js';
import type { Actor } from '../../event-sourcing/metadata.js';
import {
  commandMetadata,
  versionCheck,
  type CommandContext,
  type CommandFunction,
  type MutationInput,
  type MutationResult,
} from '../../event-sourcing/mutation.js';
import { sourceDecider } from '../../sources/domain/source.decider.js';
import { sourceStreamId } from '../../sources/domain/source.stream.js';
import type { ClaimCommand, ClaimCommandType } from '../domain/claim.decider.js';
import { claimDecider } from '../domain/claim.decider.js';
import { claimStreamId } from '../domain/claim.stream.js';
import type {
  CitationInput,
  CounterpointResolution,
  LinkTarget,
  RelationKind,
  SourceLookup,
  Stance,
  TextQuoteSelector,
  Verdict,
} from '../domain/claim.values.js';

/**
 * Every claim command, as the API's requests name them: how a request becomes a domain command (metadata,
 * ids derived from the idempotency key, the reads of other streams a decider needs) and runs. The
 * CommandBus handler (graphql/run-mutation.handler.ts) and the bundle/Argdown import call these same
 * functions, so both go through exactly the rules and limits of the deciders.
 */

export type ProposeClaimRequest = MutationInput & {
  readonly statement: string;
  readonly tags?: readonly string[] | null;
  readonly attributedTo?: string | null;
  readonly sourceId?: string | null;
  readonly quote?: TextQuoteSelector | null;
  readonly note?: string | null;
};
type OnClaim = MutationInput & { readonly claimId: string };
export type ReviseClaimRequest = OnClaim & { readonly statement: string; readonly reason: string };
export type TagClaimRequest = OnClaim & {
  readonly add?: readonly string[] | null;
  readonly remove?: readonly string[] | null;
};
export type AttachEvidenceRequest = OnClaim & {
  readonly stance: Stance;
  readonly summary: string;
  readonly citation: CitationInput;
  readonly reliability?: number | null;
};
export type WithdrawEvidenceRequest = OnClaim & { readonly evidenceId: string; readonly reason: string };
export type RaiseCounterpointRequest = OnClaim & {
  readonly text: string;
  readonly citation?: CitationInput | null;
};
export type RespondToCounterpointRequest = OnClaim & {
  readonly counterpointId: string;
  readonly resolution: CounterpointResolution;
  readonly response: string;
};
export type ReopenCounterpointRequest = OnClaim & {
  readonly counterpointId: string;
  readonly text: string;
  readonly reason: string;
};
/** A link is recorded on its *from* claim's stream, so `expectedVersion` is that claim's version. */
type Link = MutationInput & {
  readonly fromClaimId: string;
  readonly toClaimId: string;
  readonly kind: RelationKind;
};
export type LinkClaimsRequest = Link & { readonly rationale?: string | null };
export type UnlinkClaimsRequest = Link & { readonly reason: string };
export type AssessClaimRequest = OnClaim & {
  readonly verdict: Verdict;
  readonly confidence: number;
  readonly rationale: string;
};
export type WithdrawAssessmentRequest = OnClaim & { readonly reason: string };
export type RetractClaimRequest = OnClaim & { readonly reason: string };
export type ReanchorClaimRequest = OnClaim & {
  readonly sourceId: string;
  readonly quote: TextQuoteSelector;
  readonly reason: string;
};

/**
 * A proposal's claim id: derived from (actor, key) when the request has an idempotency key, so a retry
 * lands on the stream the first call created and is recognised there.
 */
export const proposedClaimId = (actor: Actor, idempotencyKey?: string | null): string =>
  idempotencyKey ? derivedId('claim', actor.id, idempotencyKey) : newId('claim');

/** The id of evidence or a counterpoint a keyed request creates: scoped to its claim's stream. */
export const createdEntityId = (
  kind: Extract<IdKind, 'evidence' | 'counterpoint'>,
  actor: Actor,
  claimId: string,
  idempotencyKey?: string | null,
): string =>
  idempotencyKey ? derivedId(kind, actor.id, idempotencyKey, claimStreamId(claimId)) : newId(kind);

/**
 * The label of a request in its digest (mutation.ts). Stored with every keyed event, so it keeps the
 * spelling of the handler classes that once made these commands, and a retry made before that change is
 * still recognised.
 */
const digestLabel = (type: ClaimCommandType): string => `${type}Handler`;

type Data<Type extends ClaimCommandType> = Extract<ClaimCommand, { type: Type }>['data'];

/** Runs `type` with `data` on the claim's stream, as `request` asked (key, expected version). */
const run = async <Type extends ClaimCommandType>(
  type: Type,
  data: Data<Type>,
  request: MutationInput,
  context: CommandContext,
  newEntityId?: string,
): Promise<MutationResult> => {
  const metadata = commandMetadata(
    context,
    request,
    digestLabel(type),
    newEntityId ? { newId: newEntityId } : {},
  );
  const command = { type, data, metadata } as ClaimCommand;
  const result = await handleCommand(
    context.store,
    claimStreamId(data.claimId),
    claimDecider,
    command,
    versionCheck(request),
  );
  return { subjectId: data.claimId, ...result };
};

/** The read of `source-<sourceId>` an anchoring decider needs: the source's text, or null when there is none. */
const readSource = async (context: CommandContext, sourceId: string): Promise<SourceLookup | null> => {
  const { state } = await rehydrate(context.store, sourceStreamId(sourceId), sourceDecider);
  return state.status === 'registered' ? { sourceId, text: state.text } : null;
};

/** The read of the link target's stream a link's decider needs. */
const readLinkTarget = async (context: CommandContext, claimId: string): Promise<LinkTarget> => {
  const { state } = await rehydrate(context.store, claimStreamId(claimId), claimDecider);
  return {
    claimId,
    exists: state.status === 'live',
    retracted: state.status === 'live' && state.retraction !== null,
  };
};

const proposeClaim: CommandFunction<ProposeClaimRequest> = async (request, context) => {
  const claimId = proposedClaimId(context.actor, request.idempotencyKey);
  const sourceId = request.sourceId ?? null;
  const data: Data<'ProposeClaim'> = {
    claimId,
    statement: request.statement,
    tags: request.tags ?? null,
    attributedTo: request.attributedTo ?? null,
    note: request.note ?? null,
    sourceId,
    quote: request.quote ?? null,
    source: sourceId === null ? null : await readSource(context, sourceId),
  };
  return run('ProposeClaim', data, request, context);
};

const reanchorClaim: CommandFunction<ReanchorClaimRequest> = async (request, context) =>
  run(
    'ReanchorClaim',
    {
      claimId: request.claimId,
      sourceId: request.sourceId,
      quote: request.quote,
      reason: request.reason,
      source: await readSource(context, request.sourceId),
    },
    request,
    context,
  );

const linkClaims: CommandFunction<LinkClaimsRequest> = async (request, context) =>
  run(
    'LinkClaims',
    {
      claimId: request.fromClaimId,
      toClaimId: request.toClaimId,
      kind: request.kind,
      rationale: request.rationale ?? null,
      target: await readLinkTarget(context, request.toClaimId),
    },
    request,
    context,
  );

export const claimCommands = {
  proposeClaim,
  reviseClaim: (request: ReviseClaimRequest, context: CommandContext) =>
    run(
      'ReviseClaim',
      { claimId: request.claimId, statement: request.statement, reason: request.reason },
      request,
      context,
    ),
  tagClaim: (request: TagClaimRequest, context: CommandContext) =>
    run(
      'TagClaim',
      { claimId: request.claimId, add: request.add ?? null, remove: request.remove ?? null },
      request,
      context,
    ),
  attachEvidence: (request: AttachEvidenceRequest, context: CommandContext) =>
    run(
      'AttachEvidence',
      {
        claimId: request.claimId,
        stance: request.stance,
        summary: request.summary,
        citation: request.citation,
        reliability: request.reliability ?? null,
      },
      request,
      context,
      createdEntityId('evidence', context.actor, request.claimId, request.idempotencyKey),
    ),
  withdrawEvidence: (request: WithdrawEvidenceRequest, context: CommandContext) =>
    run(
      'WithdrawEvidence',
      { claimId: request.claimId, evidenceId: request.evidenceId, reason: request.reason },
      request,
      context,
    ),
  raiseCounterpoint: (request: RaiseCounterpointRequest, context: CommandContext) =>
    run(
      'RaiseCounterpoint',
      { claimId: request.claimId, text: request.text, citation: request.citation ?? null },
      request,
      context,
      createdEntityId('counterpoint', context.actor, request.claimId, request.idempotencyKey),
    ),
  respondToCounterpoint: (request: RespondToCounterpointRequest, context: CommandContext) =>
    run(
      'RespondToCounterpoint',
      {
        claimId: request.claimId,
        counterpointId: request.counterpointId,
        resolution: request.resolution,
        response: request.response,
      },
      request,
      context,
    ),
  reopenCounterpoint: (request: ReopenCounterpointRequest, context: CommandContext) =>
    run(
      'ReopenCounterpoint',
      {
        claimId: request.claimId,
        counterpointId: request.counterpointId,
        text: request.text,
        reason: request.reason,
      },
      request,
      context,
    ),
  linkClaims,
  unlinkClaims: (request: UnlinkClaimsRequest, context: CommandContext) =>
    run(
      'UnlinkClaims',
      {
        claimId: request.fromClaimId,
        toClaimId: request.toClaimId,
        kind: request.kind,
        reason: request.reason,
      },
      request,
      context,
    ),
  assessClaim: (request: AssessClaimRequest, context: CommandContext) =>
    run(
      'AssessClaim',
      {
        claimId: request.claimId,
        verdict: request.verdict,
        confidence: request.confidence,
        rationale: request.rationale,
      },
      request,
      context,
    ),
  withdrawAssessment: (request: WithdrawAssessmentRequest, context: CommandContext) =>
    run('WithdrawAssessment', { claimId: request.claimId, reason: request.reason }, request, context),
  reanchorClaim,
  retractClaim: (request: RetractClaimRequest, context: CommandContext) =>
    run('RetractClaim', { claimId: request.claimId, reason: request.reason }, request, context),
} satisfies Record<string, CommandFunction<never>>;
