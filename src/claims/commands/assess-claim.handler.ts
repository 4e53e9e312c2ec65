import { CommandHandler } from '@nestjs/cqrs';
import type { CommandMetadata } from '../../event-sourcing/metadata.js';
import { MutationCommand, type MutationInput } from '../../event-sourcing/mutation.js';
import type { AssessClaim } from '../domain/claim.commands.js';
import type { Verdict } from '../domain/claim.values.js';
import { ClaimCommandHandler } from './claim-command.handler.js';

export type AssessClaimInput = MutationInput & {
  claimId: string;
  verdict: Verdict;
  confidence: number;
  rationale: string;
};

export class AssessClaimCommand extends MutationCommand<AssessClaimInput> {}

@CommandHandler(AssessClaimCommand)
export class AssessClaimHandler extends ClaimCommandHandler<AssessClaimInput> {
  protected override reasonOf(input: AssessClaimInput): string {
    return input.rationale;
  }

  protected toDomain(input: AssessClaimInput, metadata: CommandMetadata): AssessClaim {
    return {
      type: 'AssessClaim',
      data: {
        claimId: input.claimId,
        verdict: input.verdict,
        confidence: input.confidence,
        rationale: input.rationale,
      },
      metadata,
    };
  }
}
