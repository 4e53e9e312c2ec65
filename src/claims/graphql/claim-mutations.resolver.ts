import { Inject } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { AuditQueries } from '../../audit/read-model/audit.queries.js';
import { NotFoundError } from '../../event-sourcing/errors.js';
import type { CommandFunction, MutationInput } from '../../event-sourcing/mutation.js';
import { RunMutation, type AnsweredMutation } from '../../graphql/run-mutation.handler.js';
import { ClaimAtService } from '../history/claim-at.service.js';
import { claimCommands } from '../commands/claim-commands.js';
import type { RequestContext } from '../../graphql/graphql.context.js';
import { mutationContext } from '../../graphql/request-actor.js';
import { ClaimsQueries } from '../read-model/claims.queries.js';
import {
  AttachEvidenceInput,
  LinkClaimsInput,
  RaiseCounterpointInput,
  ReopenCounterpointInput,
  RespondToCounterpointInput,
  UnlinkClaimsInput,
  WithdrawEvidenceInput,
} from './claim-debate.inputs.js';
import {
  AssessClaimInput,
  WithdrawAssessmentInput,
  ProposeClaimInput,
  ReanchorClaimInput,
  RetractClaimInput,
  ReviseClaimInput,
  TagClaimInput,
} from './claim.inputs.js';
import { ClaimPayload } from './claim.model.js';

/** Thin: authenticate, hand the input to the CommandBus, answer from the read model (or the events). */
@Resolver()
export class ClaimMutationsResolver {
  constructor(
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(ClaimsQueries) private readonly claims: ClaimsQueries,
    @Inject(AuditQueries) private readonly audit: AuditQueries,
    @Inject(ClaimAtService) private readonly history: ClaimAtService,
  ) {}

  private async run<I extends MutationInput>(
    command: CommandFunction<I>,
    input: I,
    context: RequestContext,
  ): Promise<ClaimPayload> {
    const result: AnsweredMutation = await this.commandBus.execute(
      new RunMutation(command, input, mutationContext(context)),
    );
    // Behind its own write, the read model cannot answer: the claim is folded from the stored events.
    const fromReadModel = result.readModelBehind ? undefined : this.claims.claim(result.subjectId);
    const claim = fromReadModel ?? (await this.history.asStored(result.subjectId));
    if (!claim) throw new NotFoundError(`claim ${result.subjectId} has no stored events`);
    // An idempotent retry appended nothing, and says so (the contract: `events` is then empty).
    const events = result.duplicate ? [] : this.audit.appended(result.events);
    const readModelBehind = fromReadModel === undefined;
    return { claim, events, readModelBehind } as unknown as ClaimPayload;
  }

  @Mutation(() => ClaimPayload)
  proposeClaim(@Args('input') input: ProposeClaimInput, @Context() context: RequestContext) {
    return this.run(claimCommands.proposeClaim, input, context);
  }

  @Mutation(() => ClaimPayload)
  reviseClaim(@Args('input') input: ReviseClaimInput, @Context() context: RequestContext) {
    return this.run(claimCommands.reviseClaim, input, context);
  }

  @Mutation(() => ClaimPayload)
  tagClaim(@Args('input') input: TagClaimInput, @Context() context: RequestContext) {
    return this.run(claimCommands.tagClaim, input, context);
  }

  @Mutation(() => ClaimPayload)
  attachEvidence(@Args('input') input: AttachEvidenceInput, @Context() context: RequestContext) {
    return this.run(claimCommands.attachEvidence, input, context);
  }

  @Mutation(() => ClaimPayload)
  withdrawEvidence(@Args('input') input: WithdrawEvidenceInput, @Context() context: RequestContext) {
    return this.run(claimCommands.withdrawEvidence, input, context);
  }

  @Mutation(() => ClaimPayload)
  raiseCounterpoint(@Args('input') input: RaiseCounterpointInput, @Context() context: RequestContext) {
    return this.run(claimCommands.raiseCounterpoint, input, context);
  }

  @Mutation(() => ClaimPayload)
  respondToCounterpoint(
    @Args('input') input: RespondToCounterpointInput,
    @Context() context: RequestContext,
  ) {
    return this.run(claimCommands.respondToCounterpoint, input, context);
  }

  @Mutation(() => ClaimPayload, {
    description:
      'Rebut the response to a counterpoint: OPEN again (its author or EDITOR+; a dismissal: EDITOR+)',
  })
  reopenCounterpoint(@Args('input') input: ReopenCounterpointInput, @Context() context: RequestContext) {
    return this.run(claimCommands.reopenCounterpoint, input, context);
  }

  @Mutation(() => ClaimPayload)
  linkClaims(@Args('input') input: LinkClaimsInput, @Context() context: RequestContext) {
    return this.run(claimCommands.linkClaims, input, context);
  }

  @Mutation(() => ClaimPayload)
  unlinkClaims(@Args('input') input: UnlinkClaimsInput, @Context() context: RequestContext) {
    return this.run(claimCommands.unlinkClaims, input, context);
  }

  @Mutation(() => ClaimPayload)
  assessClaim(@Args('input') input: AssessClaimInput, @Context() context: RequestContext) {
    return this.run(claimCommands.assessClaim, input, context);
  }

  @Mutation(() => ClaimPayload, { description: 'Take an assessment back (EDITOR or ADMIN; reason required)' })
  withdrawAssessment(@Args('input') input: WithdrawAssessmentInput, @Context() context: RequestContext) {
    return this.run(claimCommands.withdrawAssessment, input, context);
  }

  @Mutation(() => ClaimPayload, {
    description:
      'Anchor the claim to another quote, as proposing would (its proposer or EDITOR+; reason required)',
  })
  reanchorClaim(@Args('input') input: ReanchorClaimInput, @Context() context: RequestContext) {
    return this.run(claimCommands.reanchorClaim, input, context);
  }

  @Mutation(() => ClaimPayload)
  retractClaim(@Args('input') input: RetractClaimInput, @Context() context: RequestContext) {
    return this.run(claimCommands.retractClaim, input, context);
  }
}
