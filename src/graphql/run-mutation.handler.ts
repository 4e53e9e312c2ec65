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
 * A mutation's result as its resolver answers it. `readModelBehind`: the read model had not applied the
 * appended events within the wait (it is stopped on a fault, or far behind), so the answer must be built
 * from the events themselves. Once an append succeeded the answer is a success, never an error: a client
 * told otherwise would retry and write twice.
 */
export interface AnsweredMutation extends MutationResult {
  readonly readModelBehind: boolean;
}

/** How long a mutation waits for its own write to reach the read model before answering from the events. */
const READ_YOUR_WRITES_MS = 5000;

/**
 * The one CommandBus handler: runs a feature's command function against the server's store, then waits
 * until the local read model has applied the appended events, so the client reads its own write.
 */
@CommandHandler(RunMutation)
export class RunMutationHandler implements ICommandHandler<RunMutation, AnsweredMutation> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(Projector) private readonly projector: Projector,
  ) {}

  async execute({ command, request, context }: RunMutation): Promise<AnsweredMutation> {
    const result = await command(request, { ...context, store: this.store });
    const last = result.events.at(-1);
    const applied =
      last === undefined ||
      (await this.projector.waitFor(last.position, READ_YOUR_WRITES_MS, { giveUpOnFault: true }));
    return { ...result, readModelBehind: !applied };
  }
}
