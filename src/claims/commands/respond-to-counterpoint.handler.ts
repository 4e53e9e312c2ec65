import { CommandHandler } from '@nestjs/cqrs';
import type { CommandMetadata } from '../../event-sourcing/metadata.js';
import { MutationCommand, type MutationInput } from '../../event-sourcing/mutation.js';
import type { RespondToCounterpoint } from '../domain/claim.commands.js';
import type { CounterpointResolution } from '../domain/claim.values.js';
import { ClaimCommandHandler } from './claim-command.handler.js';

export type RespondToCounterpointInput = MutationInput & {
  claimId: string;
  counterpointId: string;
  resolution: CounterpointResolution;
  response: string;
};

export class RespondToCounterpointCommand extends MutationCommand<RespondToCounterpointInput> {}

@CommandHandler(RespondToCounterpointCommand)
export class RespondToCounterpointHandler extends ClaimCommandHandler<RespondToCounterpointInput> {
  protected override reasonOf(input: RespondToCounterpointInput): string {
    return input.response;
  }

  protected toDomain(input: RespondToCounterpointInput, metadata: CommandMetadata): RespondToCounterpoint {
    return {
      type: 'RespondToCounterpoint',
      data: {
        claimId: input.claimId,
        counterpointId: input.counterpointId,
        resolution: input.resolution,
        response: input.response,
      },
      metadata,
    };
  }
}
