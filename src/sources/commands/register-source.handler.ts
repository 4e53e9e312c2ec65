import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '../../event-sourcing/event-store.js';
import { handleCommand } from '../../event-sourcing/handle-command.js';
import { derivedId, newId } from '../../event-sourcing/ids.js';
import {
  MutationCommand,
  commandMetadata,
  type MutationInput,
  type MutationResult,
} from '../../event-sourcing/mutation.js';
import { Projector } from '../../read-model/projector.js';
import { sourceDecider } from '../domain/source.decider.js';

export type RegisterSourceInput = MutationInput & {
  title: string;
  url?: string | null;
  author?: string | null;
  publisher?: string | null;
  publishedAt?: string | null;
  language?: string | null;
  text?: string | null;
};

export class RegisterSourceCommand extends MutationCommand<RegisterSourceInput> {}

@CommandHandler(RegisterSourceCommand)
export class RegisterSourceHandler implements ICommandHandler<RegisterSourceCommand, MutationResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(Projector) private readonly projector: Projector,
  ) {}

  async execute({ input, context }: RegisterSourceCommand): Promise<MutationResult> {
    // Derived from the key, so a retried registration finds the source the first call created.
    const sourceId = input.idempotencyKey
      ? derivedId('source', context.actor.id, input.idempotencyKey)
      : newId('source');
    const { expectedVersion: _expected, idempotencyKey: _key, ...fields } = input;
    const result = await handleCommand(this.store, `source-${sourceId}`, sourceDecider, {
      type: 'RegisterSource',
      data: { sourceId, ...fields },
      metadata: commandMetadata(context, input, 'RegisterSource'),
    });
    const last = result.events.at(-1);
    if (last) await this.projector.waitFor(last.position, 5000, { giveUpOnFault: true });
    return { subjectId: sourceId, events: result.events, duplicate: result.duplicate };
  }
}
