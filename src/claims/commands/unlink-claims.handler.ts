import { CommandHandler } from '@nestjs/cqrs';
import type { CommandMetadata } from '../../event-sourcing/metadata.js';
import { MutationCommand, type MutationInput } from '../../event-sourcing/mutation.js';
import type { UnlinkClaims } from '../domain/claim.commands.js';
import type { RelationKind } from '../domain/claim.values.js';
import { ClaimCommandHandler } from './claim-command.handler.js';

export type UnlinkClaimsInput = MutationInput & {
  claimId: string;
  toClaimId: string;
  kind: RelationKind;
  reason: string;
};

export class UnlinkClaimsCommand extends MutationCommand<UnlinkClaimsInput> {}

@CommandHandler(UnlinkClaimsCommand)
export class UnlinkClaimsHandler extends ClaimCommandHandler<UnlinkClaimsInput> {
  protected override reasonOf(input: UnlinkClaimsInput): string {
    return input.reason;
  }

  protected toDomain(input: UnlinkClaimsInput, metadata: CommandMetadata): UnlinkClaims {
    return {
      type: 'UnlinkClaims',
      data: { claimId: input.claimId, toClaimId: input.toClaimId, kind: input.kind, reason: input.reason },
      metadata,
    };
  }
}
