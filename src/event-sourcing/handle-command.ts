import { setTimeout as sleep } from 'node:timers/promises';
import { fold, type Decider, type DomainEvent } from './decider.js';
import { ConflictError, DuplicateEventError, ValidationError } from './errors.js';
import type { EventStore, NewEvent, StoredEvent, StreamEvent } from './event-store.js';
import { deterministicEventId, randomEventId } from './ids.js';
import { KeyedQueue } from './keyed-queue.js';
import type { Command, EventMetadata } from './metadata.js';
import { isKeyedEventId, StreamStates, type FoldedStream } from './stream-states.js';
import { upcasters as defaultUpcasters, type UpcasterRegistry } from './upcasters.js';

export interface HandleCommandOptions {
  /** The version the caller saw. A mismatch is a ConflictError, never a retry. */
  readonly expectedVersion?: number;
  /** Retries of read-decide-append after a conflict with another process (only without expectedVersion). */
  readonly maxAttempts?: number;
}

export interface CommandResult {
  readonly streamId: string;
  /** The events this command appended, or those of the first run when it was an idempotent retry. */
  readonly events: readonly StoredEvent[];
  readonly nextVersion: number;
  /** True when an idempotent retry appended nothing. */
  readonly duplicate: boolean;
}

const BASE_BACKOFF_MS = 2;
const MAX_BACKOFF_MS = 200;

/** Full jitter: spreads writers that collided so that they do not collide again in lock-step. */
export const backoffMs = (attempt: number, random: () => number = Math.random): number =>
  random() * Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** attempt);

const sameStreamQueue = new KeyedQueue();
const streamStates = new StreamStates();

const eventMetadata = (command: Command, reason: string | null, schemaVersion: number): EventMetadata => ({
  actorId: command.metadata.actor.id,
  actorRole: command.metadata.actor.role,
  reason,
  correlationId: command.metadata.correlationId ?? randomEventId(),
  causationId: command.metadata.causationId ?? null,
  idempotencyKey: command.metadata.idempotencyKey ?? null,
  ...(command.metadata.requestDigest ? { requestDigest: command.metadata.requestDigest } : {}),
  occurredAt: command.metadata.now,
  schemaVersion,
});

/**
 * Idempotency keys are scoped to the actor (two analysts may reuse each other's keys harmlessly), not to the
 * stream: a keyed event's id is derived from the actor, the key and its index alone, so the store's unique
 * event ids refuse the key reused on another claim or source as they refuse any id stored twice.
 */
const KEYED_EVENT_SCOPE = 'idempotent-request';
const keyedEventId = (scope: string, command: Command, index: number): string =>
  deterministicEventId(scope, `${command.metadata.actor.id}\u0000${command.metadata.idempotencyKey}`, index);

const eventIdFor = (command: Command, index: number): string =>
  command.metadata.idempotencyKey === undefined
    ? randomEventId()
    : keyedEventId(KEYED_EVENT_SCOPE, command, index);

/** Before keys were scoped to the actor alone, a keyed id was derived from its stream too: still recognised. */
const streamScopedEventId = (streamId: string, command: Command, index: number): string =>
  keyedEventId(streamId, command, index);

/** The events a previous run of this idempotent command appended, if it ran (with either form of id). */
const previousRun = (
  stream: readonly StoredEvent[],
  streamId: string,
  command: Command,
): StoredEvent[] | undefined => {
  if (command.metadata.idempotencyKey === undefined) return undefined;
  for (const idAt of [
    (index: number) => eventIdFor(command, index),
    (index: number) => streamScopedEventId(streamId, command, index),
  ]) {
    const start = stream.findIndex((event) => event.eventId === idAt(0));
    if (start < 0) continue;
    const run = [stream[start]!];
    while (stream[start + run.length]?.eventId === idAt(run.length)) run.push(stream[start + run.length]!);
    return run;
  }
  return undefined;
};

const reusedKeyError = (command: Command): ValidationError =>
  new ValidationError(
    `idempotency key "${command.metadata.idempotencyKey}" was already used for a different request; a retry must repeat the request exactly, anything else needs a new key`,
    'idempotencyKey',
  );

/** A key is for retrying one request: the previous run must have come from the same request. */
const refuseReusedKey = (previous: StoredEvent, command: Command): void => {
  const digest = previous.metadata['requestDigest'];
  if (
    typeof digest !== 'string' ||
    command.metadata.requestDigest === undefined ||
    digest === command.metadata.requestDigest
  )
    return;
  throw reusedKeyError(command);
};

/** Only ever extended with ids that are stored, so one set is shared by a stream's successive entries. */
const keyedIdsOf = (
  events: readonly { readonly eventId: string }[],
  into = new Set<string>(),
): Set<string> => {
  for (const event of events) if (isKeyedEventId(event.eventId)) into.add(event.eventId);
  return into;
};

type Folded<S> = FoldedStream & { readonly state: S };

/** A stream's events from `fromVersion`, in today's shapes: the store's lighter read when it has one. */
const readForFold = async (
  store: EventStore,
  streamId: string,
  fromVersion: number,
  registry: UpcasterRegistry,
): Promise<readonly StreamEvent[]> => {
  if (!store.readStreamEvents) {
    return (await store.readStream(streamId, { fromVersion })).map((event) => {
      const { eventId, type, data, version } = registry.apply(event);
      return { eventId, type, data, version, schemaVersion: registry.currentVersion };
    });
  }
  return (await store.readStreamEvents(streamId, fromVersion)).map((event) =>
    event.schemaVersion >= registry.currentVersion
      ? event
      : {
          ...event,
          data: registry.upcastData(event.type, event.data, event.schemaVersion),
          schemaVersion: registry.currentVersion,
        },
  );
};

const asDomainEvent = <E extends DomainEvent>(event: Pick<StreamEvent, 'type' | 'data'>): E =>
  ({ type: event.type, data: event.data }) as unknown as E;

/** A whole stream read and folded with the decider's fold: what a command costs the first time (B3). */
export const foldStream = async <E extends DomainEvent, S>(
  store: EventStore,
  streamId: string,
  decider: Decider<Command, E, S>,
  registry: UpcasterRegistry = defaultUpcasters,
): Promise<Folded<S>> => {
  const events = await readForFold(store, streamId, 1, registry);
  const state = fold(decider, events.map(asDomainEvent<E>));
  return {
    version: events.at(-1)?.version ?? 0,
    state,
    keyedEventIds: keyedIdsOf(events),
    decider,
    registry,
  };
};

/**
 * A stream's state as a command needs it: the whole stream folded the first time; afterwards the state
 * kept from the stream's last command plus only the events appended since, by anyone. B3/B6 measured the
 * whole-stream read and fold as most of a command's cost.
 */
export const rehydrate = async <E extends DomainEvent, S>(
  store: EventStore,
  streamId: string,
  decider: Decider<Command, E, S>,
  registry: UpcasterRegistry = defaultUpcasters,
): Promise<Folded<S>> => {
  const cached = streamStates.get(store, streamId, decider, registry) as Folded<S> | undefined;
  if (!cached) {
    const folded = await foldStream(store, streamId, decider, registry);
    streamStates.set(store, streamId, folded);
    return folded;
  }
  const events = await readForFold(store, streamId, cached.version + 1, registry);
  return events.length === 0 ? cached : foldOn(store, streamId, cached, events);
};

/** `before` with `events` folded on, kept for the stream's next command. */
const foldOn = <E extends DomainEvent, S>(
  store: EventStore,
  streamId: string,
  before: Folded<S>,
  events: readonly Pick<StreamEvent, 'eventId' | 'type' | 'data' | 'version'>[],
): Folded<S> => {
  const decider = before.decider as Decider<Command, E, S>;
  const folded = {
    ...before,
    version: events.at(-1)!.version,
    state: events.reduce((state, event) => decider.evolve(state, asDomainEvent<E>(event)), before.state),
    keyedEventIds: keyedIdsOf(events, before.keyedEventIds),
  };
  streamStates.set(store, streamId, folded);
  return folded;
};

/**
 * Rehydrate, decide, append with the version read. The one path every command takes.
 * Within a process, commands on one stream are queued; across processes a conflict without a caller's
 * expectedVersion re-runs the whole read-decide-append after a jittered backoff.
 */
export const handleCommand = <C extends Command, E extends DomainEvent, S>(
  store: EventStore,
  streamId: string,
  decider: Decider<C, E, S>,
  command: C,
  options: HandleCommandOptions = {},
  registry: UpcasterRegistry = defaultUpcasters,
): Promise<CommandResult> =>
  sameStreamQueue.run(streamId, async () => {
    const maxAttempts = options.expectedVersion === undefined ? (options.maxAttempts ?? 40) : 1;
    for (let attempt = 0; ; attempt++) {
      const current = await rehydrate(store, streamId, decider as Decider<Command, E, S>, registry);
      // Only a stream holding this command's first deterministic id can hold a previous run: read it whole then.
      if (
        command.metadata.idempotencyKey !== undefined &&
        (current.keyedEventIds.has(eventIdFor(command, 0)) ||
          current.keyedEventIds.has(streamScopedEventId(streamId, command, 0)))
      ) {
        const stream = (await store.readStream(streamId)).map((event) => registry.apply(event));
        const retried = previousRun(stream, streamId, command);
        if (retried) {
          refuseReusedKey(retried[0]!, command);
          return { streamId, events: retried, nextVersion: stream.length, duplicate: true };
        }
      }

      const currentVersion = current.version;
      if (options.expectedVersion !== undefined && options.expectedVersion !== currentVersion) {
        throw new ConflictError(streamId, options.expectedVersion, currentVersion);
      }
      const decided = decider.decide(command, current.state);
      if (decided.length === 0)
        return { streamId, events: [], nextVersion: currentVersion, duplicate: false };

      // Written in today's shape, so stamped with the registry's current version: never upcast again.
      const events: NewEvent[] = decided.map((event, index) => ({
        eventId: eventIdFor(command, index),
        type: event.type,
        data: event.data as NewEvent['data'],
        metadata: eventMetadata(
          command,
          decider.reasonOf?.(event) ?? null,
          registry.currentVersion,
        ) as unknown as NewEvent['metadata'],
      }));
      try {
        const result = await store.append(streamId, events, { expectedVersion: currentVersion });
        if (!result.duplicate) foldOn(store, streamId, current, result.events);
        return {
          streamId,
          events: result.events,
          nextVersion: result.nextVersion,
          duplicate: result.duplicate,
        };
      } catch (error) {
        // The key's ids are stored on another stream: the key was used for another request.
        if (error instanceof DuplicateEventError && command.metadata.idempotencyKey !== undefined)
          throw reusedKeyError(command);
        if (
          !(error instanceof ConflictError) ||
          options.expectedVersion !== undefined ||
          attempt + 1 >= maxAttempts
        ) {
          throw error;
        }
        await sleep(backoffMs(attempt));
      }
    }
  });
