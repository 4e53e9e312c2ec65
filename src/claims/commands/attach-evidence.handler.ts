import { CommandHandler } from '@nestjs/cqrs';
import type { CommandMetadata } from '../../event-sourcing/metadata.js';
import { MutationCommand, type MutationInput } from '../../event-sourcing/mutation.js';
import type { AttachEvidence } from '../domain/claim.commands.js';
import type { Stance, CitationInput } from '../domain/claim.values.js';
import { ClaimCommandHandler } from './claim-command.handler.js';

export type AttachEvidenceInput = MutationInput & {
  claimId: string;
  stance: Stance;
  summary: string;
  citation: CitationInput;
  reliability?: number | null;
};

export class AttachEvidenceCommand extends MutationCommand<AttachEvidenceInput> {}

@CommandHandler(AttachEvidenceCommand)
export class AttachEvidenceHandler extends ClaimCommandHandler<AttachEvidenceInput> {
  protected override readonly creates = 'evidence' as const;

  protected toDomain(input: AttachEvidenceInput, metadata: CommandMetadata): AttachEvidence {
    return {
      type: 'AttachEvidence',
      data: {
        claimId: input.claimId,
        stance: input.stance,
        summary: input.summary,
        citation: input.citation,
        reliability: input.reliability ?? null,
      },
      metadata,
    };
  }
}
