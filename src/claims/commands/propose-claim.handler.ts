import { CommandHandler } from '@nestjs/cqrs';
import { fold } from '../../event-sourcing/decider.js';
import { derivedId, newId } from '../../event-sourcing/ids.js';
import type { CommandMetadata } from '../../event-sourcing/metadata.js';
import { MutationCommand, type MutationInput, type MutationResult } from '../../event-sourcing/mutation.js';
import { sourceDecider } from '../../sources/domain/source.decider.js';
import type { SourceEvent } from '../../sources/domain/source.events.js';
import type { ProposeClaim } from '../domain/claim.commands.js';
import type { TextQuoteSelector } from '../domain/claim.values.js';
import { ClaimCommandHandler } from './claim-command.handler.js';

export type ProposeClaimInput = MutationInput & {
  statement: string;
  tags?: string[] | null;
  attributedTo?: string | null;
  sourceId?: string | null;
  quote?: TextQuoteSelector | null;
  note?: string | null;
};

export class ProposeClaimCommand extends MutationCommand<ProposeClaimInput> {}

@CommandHandler(ProposeClaimCommand)
export class ProposeClaimHandler extends ClaimCommandHandler<ProposeClaimInput & { claimId: string }> {
  /**
   * A retried proposal must find the claim the first call created: with an idempotency key the new id
   * is derived from (actor, key), so the retry lands on the same stream and is recognised there.
   */
  override execute({ input, context }: ProposeClaimCommand): Promise<MutationResult> {
    const claimId = input.idempotencyKey
      ? derivedId('claim', context.actor.id, input.idempotencyKey)
      : newId('claim');
    return super.execute({ input: { ...input, claimId }, context });
  }

  protected override reasonOf(input: ProposeClaimInput): string | undefined {
    return input.note ?? undefined;
  }

  protected async toDomain(
    input: ProposeClaimInput & { claimId: string },
    metadata: CommandMetadata,
  ): Promise<ProposeClaim> {
    let source: ProposeClaim['data']['source'] = null;
    if (input.sourceId) {
      const state = fold(
        sourceDecider,
        (await this.store.readStream(`source-${input.sourceId}`)).map(
          (event) => ({ type: event.type, data: event.data }) as unknown as SourceEvent,
        ),
      );
      source = state.status === 'registered' ? { sourceId: input.sourceId, text: state.text } : null;
    }
    return {
      type: 'ProposeClaim',
      data: {
        claimId: input.claimId,
        statement: input.statement,
        tags: input.tags ?? null,
        attributedTo: input.attributedTo ?? null,
        note: input.note ?? null,
        sourceId: input.sourceId ?? null,
        quote: input.quote ?? null,
        source,
      },
      metadata,
    };
  }
}
