import { Inject } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { auditEntryOf } from '../../audit/read-model/audit-entry.js';
import { NotFoundError } from '../../event-sourcing/errors.js';
import type { MutationCommand, MutationInput, MutationResult } from '../../event-sourcing/mutation.js';
import type { RequestContext } from '../../graphql/graphql.context.js';
import { mutationContext } from '../../graphql/request-actor.js';
import { AssessClaimCommand } from '../commands/assess-claim.handler.js';
import { AttachEvidenceCommand } from '../commands/attach-evidence.handler.js';
import { LinkClaimsCommand } from '../commands/link-claims.handler.js';
import { ProposeClaimCommand } from '../commands/propose-claim.handler.js';
import { RaiseCounterpointCommand } from '../commands/raise-counterpoint.handler.js';
import { RespondToCounterpointCommand } from '../commands/respond-to-counterpoint.handler.js';
import { RetractClaimCommand } from '../commands/retract-claim.handler.js';
import { ReviseClaimCommand } from '../commands/revise-claim.handler.js';
import { TagClaimCommand } from '../commands/tag-claim.handler.js';
import { UnlinkClaimsCommand } from '../commands/unlink-claims.handler.js';
import { WithdrawEvidenceCommand } from '../commands/withdraw-evidence.handler.js';
import { ClaimsQueries } from '../read-model/claims.queries.js';
import {
  AttachEvidenceInput,
  LinkClaimsInput,
  RaiseCounterpointInput,
  RespondToCounterpointInput,
  UnlinkClaimsInput,
  WithdrawEvidenceInput,
} from './claim-debate.inputs.js';
import {
  AssessClaimInput,
  ProposeClaimInput,
  RetractClaimInput,
  ReviseClaimInput,
  TagClaimInput,
} from './claim.inputs.js';
import { ClaimPayload } from './claim.model.js';

type CommandClass<I extends MutationInput> = new (
  input: I,
  context: ReturnType<typeof mutationContext>,
) => MutationCommand<I>;

/** Thin: authenticate, hand the input to the CommandBus, answer from the read model. */
@Resolver()
export class ClaimMutationsResolver {
  constructor(
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(ClaimsQueries) private readonly claims: ClaimsQueries,
  ) {}

  private async run<I extends MutationInput>(
    Command: CommandClass<I>,
    input: I,
    context: RequestContext,
  ): Promise<ClaimPayload> {
    const result: MutationResult = await this.commandBus.execute(
      new Command(input, mutationContext(context)),
    );
    const claim = this.claims.claim(result.subjectId);
    if (!claim)
      throw new NotFoundError(`claim ${result.subjectId} is not in the read model yet; retry the query`);
    // An idempotent retry appended nothing, and says so (the contract: `events` is then empty).
    const events = result.duplicate ? [] : result.events.map(auditEntryOf);
    return { claim, events } as unknown as ClaimPayload;
  }

  @Mutation(() => ClaimPayload)
  proposeClaim(@Args('input') input: ProposeClaimInput, @Context() context: RequestContext) {
    return this.run(ProposeClaimCommand, input, context);
  }

  @Mutation(() => ClaimPayload)
  reviseClaim(@Args('input') input: ReviseClaimInput, @Context() context: RequestContext) {
    return this.run(ReviseClaimCommand, input, context);
  }

  @Mutation(() => ClaimPayload)
  tagClaim(@Args('input') input: TagClaimInput, @Context() context: RequestContext) {
    return this.run(TagClaimCommand, input, context);
  }

  @Mutation(() => ClaimPayload)
  attachEvidence(@Args('input') input: AttachEvidenceInput, @Context() context: RequestContext) {
    return this.run(AttachEvidenceCommand, input, context);
  }

  @Mutation(() => ClaimPayload)
  withdrawEvidence(@Args('input') input: WithdrawEvidenceInput, @Context() context: RequestContext) {
    return this.run(WithdrawEvidenceCommand, input, context);
  }

  @Mutation(() => ClaimPayload)
  raiseCounterpoint(@Args('input') input: RaiseCounterpointInput, @Context() context: RequestContext) {
    return this.run(RaiseCounterpointCommand, input, context);
  }

  @Mutation(() => ClaimPayload)
  respondToCounterpoint(
    @Args('input') input: RespondToCounterpointInput,
    @Context() context: RequestContext,
  ) {
    return this.run(RespondToCounterpointCommand, input, context);
  }

  @Mutation(() => ClaimPayload)
  linkClaims(@Args('input') input: LinkClaimsInput, @Context() context: RequestContext) {
    const { fromClaimId, ...rest } = input;
    return this.run(LinkClaimsCommand, { ...rest, claimId: fromClaimId }, context);
  }

  @Mutation(() => ClaimPayload)
  unlinkClaims(@Args('input') input: UnlinkClaimsInput, @Context() context: RequestContext) {
    const { fromClaimId, ...rest } = input;
    return this.run(UnlinkClaimsCommand, { ...rest, claimId: fromClaimId }, context);
  }

  @Mutation(() => ClaimPayload)
  assessClaim(@Args('input') input: AssessClaimInput, @Context() context: RequestContext) {
    return this.run(AssessClaimCommand, input, context);
  }

  @Mutation(() => ClaimPayload)
  retractClaim(@Args('input') input: RetractClaimInput, @Context() context: RequestContext) {
    return this.run(RetractClaimCommand, input, context);
  }
}
