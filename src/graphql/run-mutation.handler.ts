import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '../event-sourcing/event-store.js';
import type {
  CommandFunction,
  MutationContext,
  MutationInput,
  MutationResult,
} from '../event-sourcing/mutation.js';
import { Projector } from '../read-model/projector.js';

/** A mutation as the CommandBus carries it: the feature's command function, the request and who sent it. */
export class RunMutation<Request extends MutationInput = MutationInput> {
  constructor(
    readonly command: CommandFunction<Request>,
    readonly request: Request,
    readonly context: MutationContext,
  ) {}
}

/**
 * The one CommandBus handler: runs a feature's command function against the server's store, then waits
 * until the local read model has applied the appended events, so the client reads its own write.
 */
@CommandHandler(RunMutation)
export class RunMutationHandler implements ICommandHandler<RunMutation, MutationResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(Projector) private readonly projector: Projector,
  ) {}

  async execute({ command, request, context }: RunMutation): Promise<MutationResult> {
    const result = await command(request, { ...context, store: this.store });
    const last = result.events.at(-1);
    if (last) await this.projector.waitFor(last.position, 5000, { giveUpOnFault: true });
    return result;
  }
}
