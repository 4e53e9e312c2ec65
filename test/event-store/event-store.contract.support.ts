/**
 * Helpers of the event-store contract suite (event-store.contract.ts). Every stream a test writes is its
 * own: `claim-test-<label>-<uuid>`, inside the `claim-` prefix the EventStoreDB adapter reads and follows.
 */
import { expect } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConflictError, DuplicateEventError } from '../../src/event-sourcing/errors.js';
import type {
  EventStore,
  JsonObject,
  NewEvent,
  StoredEvent,
  Subscription,
} from '../../src/event-sourcing/event-store.js';

/** Set by the suite before each test: a fresh store and the log's head when the test began. */
export interface ContractContext {
  store: EventStore;
  head0: bigint;
}

/** A store that forwards to the current test's store, so that cases can be registered once. */
export const currentStore = (context: ContractContext): EventStore => ({
  append: (...args) => context.store.append(...args),
  readStream: (...args) => context.store.readStream(...args),
  readAll: (...args) => context.store.readAll(...args),
  subscribeAll: (...args) => context.store.subscribeAll(...args),
  streamVersion: (...args) => context.store.streamVersion(...args),
  headPosition: () => context.store.headPosition(),
  storeId: () => context.store.storeId(),
  close: () => context.store.close(),
});

export const streamName = (label: string): string => `claim-test-${label}-${randomUUID()}`;

export const newEvent = (
  type = 'ContractTested',
  data: JsonObject = {},
  metadata: JsonObject = {},
): NewEvent => ({
  eventId: randomUUID(),
  type,
  data,
  metadata,
});

export const numbered = (count: number, offset = 0): NewEvent[] =>
  Array.from({ length: count }, (_, index) =>
    newEvent('ContractTested', { n: offset + index + 1 }, { actorId: 'tester' }),
  );

export const asNew = ({ eventId, type, data, metadata }: StoredEvent): NewEvent => ({
  eventId,
  type,
  data,
  metadata,
});

export const ids = (events: readonly { eventId: string }[]): string[] => events.map((event) => event.eventId);

export const inStreams = (events: readonly StoredEvent[], ...streamIds: string[]): StoredEvent[] =>
  events.filter((event) => streamIds.includes(event.streamId));

export const expectStrictlyIncreasing = (positions: readonly bigint[]): void => {
  positions.slice(1).forEach((position, index) => expect(position).toBeGreaterThan(positions[index]!));
};

export const rejectionOf = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => new Error('expected the call to fail, but it succeeded'),
    (error: unknown) => error,
  );

export const expectConflict = async (
  promise: Promise<unknown>,
  expected: { streamId: string; expectedVersion: number; currentVersion: number },
): Promise<void> => {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(ConflictError);
  expect(error).toMatchObject(expected);
};

export const expectDuplicateEventError = async (promise: Promise<unknown>): Promise<void> => {
  expect(await rejectionOf(promise)).toBeInstanceOf(DuplicateEventError);
};

export const waitFor = async (condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
};

/** Runs a for-await loop over the subscription in the background, recording what it sees. */
export const consume = (subscription: Subscription, ...streamIds: string[]) => {
  const state = {
    own: [] as StoredEvent[],
    positions: [] as bigint[],
    ended: false,
    error: undefined as unknown,
  };
  const loop = (async () => {
    try {
      for await (const event of subscription) {
        state.positions.push(event.position);
        if (streamIds.includes(event.streamId)) state.own.push(event);
      }
    } catch (error) {
      state.error = error;
    }
    state.ended = true;
  })();
  const until = async (count: number) => {
    await waitFor(
      () => state.own.length >= count || state.error !== undefined || state.ended,
      `${count} events`,
    );
    if (state.error !== undefined) throw state.error;
  };
  return { state, loop, until };
};
