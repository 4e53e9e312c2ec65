import { CommandHandler } from '@nestjs/cqrs';
import type { CommandMetadata } from '../../event-sourcing/metadata.js';
import { MutationCommand, type MutationInput } from '../../event-sourcing/mutation.js';
import type { RetractClaim } from '../domain/claim.commands.js';
import { ClaimCommandHandler } from './claim-command.handler.js';

export type RetractClaimInput = MutationInput & { claimId: string; reason: string };

export class RetractClaimCommand extends MutationCommand<RetractClaimInput> {}

@CommandHandler(RetractClaimCommand)
export class RetractClaimHandler extends ClaimCommandHandler<RetractClaimInput> {
  protected override reasonOf(input: RetractClaimInput): string {
    return input.reason;
  }

  protected toDomain(input: RetractClaimInput, metadata: CommandMetadata): RetractClaim {
    return { type: 'RetractClaim', data: { claimId: input.claimId, reason: input.reason }, metadata };
  }
}
