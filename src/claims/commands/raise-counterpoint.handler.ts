import { CommandHandler } from '@nestjs/cqrs';
import type { CommandMetadata } from '../../event-sourcing/metadata.js';
import { MutationCommand, type MutationInput } from '../../event-sourcing/mutation.js';
import type { RaiseCounterpoint } from '../domain/claim.commands.js';
import type { CitationInput } from '../domain/claim.values.js';
import { ClaimCommandHandler } from './claim-command.handler.js';

export type RaiseCounterpointInput = MutationInput & {
  claimId: string;
  text: string;
  citation?: CitationInput | null;
};

export class RaiseCounterpointCommand extends MutationCommand<RaiseCounterpointInput> {}

@CommandHandler(RaiseCounterpointCommand)
export class RaiseCounterpointHandler extends ClaimCommandHandler<RaiseCounterpointInput> {
  protected override readonly creates = 'counterpoint' as const;

  protected toDomain(input: RaiseCounterpointInput, metadata: CommandMetadata): RaiseCounterpoint {
    return {
      type: 'RaiseCounterpoint',
      data: { claimId: input.claimId, text: input.text, citation: input.citation ?? null },
      metadata,
    };
  }
}
