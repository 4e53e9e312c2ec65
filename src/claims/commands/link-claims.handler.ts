import { CommandHandler } from '@nestjs/cqrs';
import { fold } from '../../event-sourcing/decider.js';
import type { CommandMetadata } from '../../event-sourcing/metadata.js';
import { MutationCommand, type MutationInput } from '../../event-sourcing/mutation.js';
import type { LinkClaims } from '../domain/claim.commands.js';
import { claimDecider } from '../domain/claim.decider.js';
import type { ClaimEvent } from '../domain/claim.events.js';
import type { RelationKind } from '../domain/claim.values.js';
import { ClaimCommandHandler, claimStream } from './claim-command.handler.js';

export type LinkClaimsInput = MutationInput & {
  claimId: string;
  toClaimId: string;
  kind: RelationKind;
  rationale?: string | null;
};

export class LinkClaimsCommand extends MutationCommand<LinkClaimsInput> {}

@CommandHandler(LinkClaimsCommand)
export class LinkClaimsHandler extends ClaimCommandHandler<LinkClaimsInput> {
  /** The target lives in another stream: read it at decision time and hand the decider what it needs. */
  protected async toDomain(input: LinkClaimsInput, metadata: CommandMetadata): Promise<LinkClaims> {
    const events = await this.store.readStream(claimStream(input.toClaimId));
    const target = fold(
      claimDecider,
      events.map((event) => ({ type: event.type, data: event.data }) as unknown as ClaimEvent),
    );
    return {
      type: 'LinkClaims',
      data: {
        claimId: input.claimId,
        toClaimId: input.toClaimId,
        kind: input.kind,
        rationale: input.rationale ?? null,
        target: {
          claimId: input.toClaimId,
          exists: target.status === 'live',
          retracted: target.status === 'live' && target.claimStatus === 'RETRACTED',
        },
      },
      metadata,
    };
  }
}
