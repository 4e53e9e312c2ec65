/**
 * Pure translations between the event-store port and `@eventstore/db-client` 6.x. Nothing here talks
 * to a server, so all of it is unit-tested without one.
 *
 * Versions: our version = number of events = ESDB revision + 1 (first event: revision 0n, version 1).
 * Positions: our position is the ESDB commit position. Every event Claimtrail writes goes through a gRPC
 * append, which the server stores as self-committed prepares (an implicit transaction); for those the
 * server reports each event at commit = prepare = the event's own log position, in `$all` reads and in
 * stream reads alike (server `ResolvedEvent.CalculatePosition`, `AllReader`). So `{ commit: p, prepare: p }`
 * names exactly the event we got `p` from, and commit positions strictly increase from event to event.
 * Kurrent's own newer clients build a position from one number the same way. Only events of legacy TCP
 * explicit transactions share a commit position; Claimtrail never writes those.
 */
import {
  ANY,
  ErrorType,
  NO_STREAM,
  START,
  isCommandError,
  type AppendExpectedRevision,
  type CurrentRevision,
  type Position,
  type ReadPosition,
  type RecordedEvent,
} from '@eventstore/db-client';
import {
  ClaimtrailError,
  ConflictError,
  StorageError,
  ValidationError,
} from '../../event-sourcing/errors.js';
import type { JsonObject, StoredEvent } from '../../event-sourcing/event-store.js';

/** An expected version can come straight from a GraphQL argument: a bad one is the caller's mistake. */
const assertVersion = (value: number, name: string): void => {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new ValidationError(`${name} must be a whole number ≥ 0, not ${value}`, name);
  }
};

/** expectedVersion → expectedRevision: undefined skips the check, 0 means "no stream yet". */
export const toExpectedRevision = (expectedVersion: number | undefined): AppendExpectedRevision => {
  if (expectedVersion === undefined) return ANY;
  assertVersion(expectedVersion, 'expectedVersion');
  return expectedVersion === 0 ? NO_STREAM : BigInt(expectedVersion - 1);
};

/** The version after the event at `revision`. */
export const versionOfRevision = (revision: bigint): number => Number(revision) + 1;

/** A stream's version from the server's "current revision" (`no_stream` or -1n when it does not exist). */
export const versionOfCurrentRevision = (current: CurrentRevision): number =>
  current === NO_STREAM || current < 0n ? 0 : versionOfRevision(current);

/** First revision to read for `fromVersion` (versions below 1 mean "from the start"). */
export const fromRevisionOf = (fromVersion: number): typeof START | bigint =>
  fromVersion <= 1 ? START : BigInt(fromVersion - 1);

/** The part of a `WrongExpectedVersionError` the mapping needs. */
export interface WrongExpectedVersionShape {
  readonly streamName: string;
  readonly actualVersion: CurrentRevision;
}

export const toConflictError = (error: WrongExpectedVersionShape, expectedVersion: number): ConflictError =>
  new ConflictError(error.streamName, expectedVersion, versionOfCurrentRevision(error.actualVersion));

/** See the module comment for why commit and prepare are the same number. */
export const toEsdbPosition = (position: bigint): Position => ({ commit: position, prepare: position });

/** `undefined` and 0n both mean "from the start of the log". */
export const toReadPosition = (position: bigint | undefined): ReadPosition =>
  position === undefined || position === 0n ? START : toEsdbPosition(position);

/** Claimtrail's own events: in one of its streams (by prefix), and never a system (`$`) event. */
export const isClaimtrailEvent = (streamId: string, type: string, prefixes: readonly string[]): boolean =>
  !streamId.startsWith('$') &&
  !type.startsWith('$') &&
  prefixes.some((prefix) => streamId.startsWith(prefix));

/** The server sends "no position" as all ones (2^64 − 1); log positions are signed 64-bit numbers. */
const isLogPosition = (position: bigint | undefined): position is bigint =>
  position !== undefined && position >= 0n && position < 2n ** 63n;

const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/**
 * A recorded event as the port's StoredEvent. `commitPosition` is the fallback when the record carries
 * no position of its own. Anything that is not a JSON object in a Claimtrail stream is corruption and
 * fails loudly rather than being skipped, because skipping would leave a hole in the stream's versions.
 */
export const toStoredEvent = (recorded: RecordedEvent, commitPosition?: bigint): StoredEvent => {
  const where = `event ${recorded.id} (stream ${recorded.streamId}, revision ${recorded.revision})`;
  if (!recorded.isJson || !isJsonObject(recorded.data))
    throw new StorageError(`${where} is not a JSON object`);
  const metadata = recorded.metadata ?? {};
  if (!isJsonObject(metadata)) throw new StorageError(`${where} has metadata that is not a JSON object`);
  const position = [recorded.position?.commit, commitPosition].find(isLogPosition);
  if (position === undefined) {
    throw new StorageError(`${where} came without a log position (EventStoreDB 22.6 or later is needed)`);
  }
  return {
    eventId: recorded.id,
    type: recorded.type,
    data: recorded.data,
    metadata,
    streamId: recorded.streamId,
    version: versionOfRevision(recorded.revision),
    position,
    recordedAt: recorded.created,
  };
};

/**
 * `@eventstore/db-client` 6.x parses only `esdb://` and `esdb+discover://`; KurrentDB documents
 * `kurrentdb://` (and `kurrent://`, `kdb://`) for the same syntax. Accept all of them.
 */
export const normalizeConnectionString = (connectionString: string): string =>
  connectionString
    .trim()
    .replace(/^(?:kurrentdb|kurrent|kdb)(\+discover)?:\/\//i, (_match, discover?: string) =>
      discover ? 'esdb+discover://' : 'esdb://',
    );

const TRANSIENT_ERROR_TYPES: ReadonlySet<string> = new Set([
  ErrorType.CANCELLED,
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.NOT_LEADER,
]);

/**
 * Whether a subscription should be re-established after this error. Server cuts (CancelledError,
 * since client 6.0), an unreachable or failing-over cluster, and plain network errors (discovery
 * failures surface as plain Errors) are transient; access denied, bad arguments and our own typed
 * errors (a corrupt event) are not, and end the subscription. Nor is UNKNOWN: the client maps every gRPC
 * status it has no class for to it (INTERNAL, INVALID_ARGUMENT for a position the server rejects, …), so
 * retrying it would loop for ever on a fault that `/ready` must report instead.
 */
export const isTransientError = (error: unknown): boolean => {
  if (error instanceof ClaimtrailError) return false;
  if (error instanceof Error && isCommandError(error)) return TRANSIENT_ERROR_TYPES.has(error.type);
  return error instanceof Error;
};

/** Wrap anything that is not already one of our typed errors; the cause stays attached. */
export const toStorageError = (error: unknown, action: string): ClaimtrailError => {
  if (error instanceof ClaimtrailError) return error;
  const wrapped = new StorageError(
    `EventStoreDB ${action} failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  wrapped.cause = error;
  return wrapped;
};
