import { CommandHandler } from '@nestjs/cqrs';
import type { CommandMetadata } from '../../event-sourcing/metadata.js';
import { MutationCommand, type MutationInput } from '../../event-sourcing/mutation.js';
import type { ReviseClaim } from '../domain/claim.commands.js';
import { ClaimCommandHandler } from './claim-command.handler.js';

export type ReviseClaimInput = MutationInput & { claimId: string; statement: string; reason: string };

export class ReviseClaimCommand extends MutationCommand<ReviseClaimInput> {}

@CommandHandler(ReviseClaimCommand)
export class ReviseClaimHandler extends ClaimCommandHandler<ReviseClaimInput> {
  protected override reasonOf(input: ReviseClaimInput): string {
    return input.reason;
  }

  protected toDomain(input: ReviseClaimInput, metadata: CommandMetadata): ReviseClaim {
    return {
      type: 'ReviseClaim',
      data: { claimId: input.claimId, statement: input.statement, reason: input.reason },
      metadata,
    };
  }
}
