/**
 * The one contract every EventStore adapter must meet (docs/architecture.md §2). Each adapter's spec calls
 * `describeEventStoreContract` with a factory for a fresh store.
 *
 * The cases must also hold against a shared, non-empty EventStoreDB server: every test uses its own
 * streams (`claim-test-…-<uuid>`; the `claim-` prefix is inside what the EventStoreDB adapter reads
 * and follows), positions are compared with `headPosition()` taken at the start of the test, and reads
 * of the whole log are filtered to the test's own streams where other writers could interleave.
 * Positions handed back to the store are always positions the store returned.
 */
import { afterEach, beforeEach, describe } from '@jest/globals';
import type { EventStore } from '../../src/event-sourcing/event-store.js';
import { describeReadCases } from './event-store.contract.reads.js';
import { describeStoreCases } from './event-store.contract.store.js';
import type { ContractContext } from './event-store.contract.support.js';
import { describeWriteCases } from './event-store.contract.writes.js';

export type EventStoreFactory = () => Promise<{ store: EventStore; cleanup: () => Promise<void> }>;

export interface EventStoreContractOptions {
  /**
   * Whether the adapter refuses an event id already stored in *another* stream. True by default;
   * EventStoreDB scopes event ids to a stream and has no index by id, so its adapter cannot.
   */
  readonly rejectsEventIdsOfOtherStreams?: boolean;
}

export const describeEventStoreContract = (
  name: string,
  factory: EventStoreFactory,
  options: EventStoreContractOptions = {},
): void => {
  describe(`EventStore contract: ${name}`, () => {
    const context = {} as ContractContext;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store: context.store, cleanup } = await factory());
      context.head0 = await context.store.headPosition();
    });
    afterEach(async () => {
      await cleanup();
    });

    describeWriteCases(context, options.rejectsEventIdsOfOtherStreams ?? true);
    describeReadCases(context);
    describeStoreCases(context);
  });
};
