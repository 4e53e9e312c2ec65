import { Inject } from '@nestjs/common';
import type { ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '../../event-sourcing/event-store.js';
import { handleCommand } from '../../event-sourcing/handle-command.js';
import { derivedId, newId } from '../../event-sourcing/ids.js';
import { type IdKind } from '../../event-sourcing/id-kinds.js';
import type { CommandMetadata } from '../../event-sourcing/metadata.js';
import {
  commandMetadata,
  type MutationCommand,
  type MutationInput,
  type MutationResult,
} from '../../event-sourcing/mutation.js';
import { Projector } from '../../read-model/projector.js';
import type { ClaimCommand } from '../domain/claim.commands.js';
import { claimDecider } from '../domain/claim.decider.js';

export const claimStream = (claimId: string): string => `claim-${claimId}`;

/**
 * The one path of every claim mutation: build metadata (actor, time, ids), let the subclass map the
 * input to a domain command, run it through `handleCommand`, and wait until the local read model has
 * applied the appended events, so that the client reads its own write.
 */
export abstract class ClaimCommandHandler<
  Input extends MutationInput & { claimId: string },
> implements ICommandHandler<MutationCommand<Input>, MutationResult> {
  /** The kind of entity the command creates, if any (its id goes in metadata.newId). */
  protected readonly creates: IdKind | undefined = undefined;

  constructor(
    @Inject(EVENT_STORE) protected readonly store: EventStore,
    @Inject(Projector) private readonly projector: Projector,
  ) {}

  protected abstract toDomain(input: Input, metadata: CommandMetadata): ClaimCommand | Promise<ClaimCommand>;

  /** Editorial reason stored in the event metadata. */
  protected reasonOf(_input: Input): string | undefined {
    return undefined;
  }

  async execute({ input, context }: MutationCommand<Input>): Promise<MutationResult> {
    const stream = claimStream(input.claimId);
    const newIdFor = (kind: IdKind) =>
      input.idempotencyKey ? derivedId(kind, context.actor.id, input.idempotencyKey, stream) : newId(kind);
    const metadata = commandMetadata(context, input, this.constructor.name, {
      ...(this.creates ? { newId: newIdFor(this.creates) } : {}),
      ...(this.reasonOf(input) ? { reason: this.reasonOf(input) } : {}),
    });
    const command = await this.toDomain(input, metadata);
    const result = await handleCommand(this.store, stream, claimDecider, command, {
      ...(input.expectedVersion != null ? { expectedVersion: input.expectedVersion } : {}),
    });
    const last = result.events.at(-1);
    if (last) await this.projector.waitFor(last.position, 5000, { giveUpOnFault: true });
    return { subjectId: input.claimId, events: result.events, duplicate: result.duplicate };
  }
}
