import { CommandHandler } from '@nestjs/cqrs';
import type { CommandMetadata } from '../../event-sourcing/metadata.js';
import { MutationCommand, type MutationInput } from '../../event-sourcing/mutation.js';
import type { WithdrawEvidence } from '../domain/claim.commands.js';
import { ClaimCommandHandler } from './claim-command.handler.js';

export type WithdrawEvidenceInput = MutationInput & { claimId: string; evidenceId: string; reason: string };

export class WithdrawEvidenceCommand extends MutationCommand<WithdrawEvidenceInput> {}

@CommandHandler(WithdrawEvidenceCommand)
export class WithdrawEvidenceHandler extends ClaimCommandHandler<WithdrawEvidenceInput> {
  protected override reasonOf(input: WithdrawEvidenceInput): string {
    return input.reason;
  }

  protected toDomain(input: WithdrawEvidenceInput, metadata: CommandMetadata): WithdrawEvidence {
    return {
      type: 'WithdrawEvidence',
      data: { claimId: input.claimId, evidenceId: input.evidenceId, reason: input.reason },
      metadata,
    };
  }
}
