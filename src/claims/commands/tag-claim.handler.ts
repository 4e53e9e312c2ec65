import { CommandHandler } from '@nestjs/cqrs';
import type { CommandMetadata } from '../../event-sourcing/metadata.js';
import { MutationCommand, type MutationInput } from '../../event-sourcing/mutation.js';
import type { TagClaim } from '../domain/claim.commands.js';
import { ClaimCommandHandler } from './claim-command.handler.js';

export type TagClaimInput = MutationInput & {
  claimId: string;
  add?: string[] | null;
  remove?: string[] | null;
};

export class TagClaimCommand extends MutationCommand<TagClaimInput> {}

@CommandHandler(TagClaimCommand)
export class TagClaimHandler extends ClaimCommandHandler<TagClaimInput> {
  protected toDomain(input: TagClaimInput, metadata: CommandMetadata): TagClaim {
    return {
      type: 'TagClaim',
      data: { claimId: input.claimId, add: input.add ?? null, remove: input.remove ?? null },
      metadata,
    };
  }
}
