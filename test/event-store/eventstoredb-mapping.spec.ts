import { describe, expect, it } from '@jest/globals';
import {
  AccessDeniedError,
  ANY,
  CancelledError,
  DeadlineExceededError,
  EventStoreDBClient,
  NO_STREAM,
  START,
  StreamNotFoundError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
  type RecordedEvent,
} from '@eventstore/db-client';
import { ConflictError, StorageError, ValidationError } from '../../src/event-sourcing/errors.js';
import {
  fromRevisionOf,
  isClaimtrailEvent,
  isTransientError,
  normalizeConnectionString,
  toConflictError,
  toEsdbPosition,
  toExpectedRevision,
  toReadPosition,
  toStorageError,
  toStoredEvent,
  versionOfCurrentRevision,
  versionOfRevision,
} from '../../src/event-store/eventstoredb/eventstoredb-mapping.js';
import { STREAM_PREFIXES } from '../../src/stream-prefixes.js';

const recorded = (overrides: Partial<Record<keyof RecordedEvent, unknown>> = {}): RecordedEvent =>
  ({
    streamId: 'claim-1',
    id: '6f1c2b9e-3d4a-4c8b-9e2f-0a1b2c3d4e5f',
    isJson: true,
    revision: 4n,
    type: 'ClaimRecorded',
    created: new Date('2026-11-27T10:00:00.123Z'),
    data: { text: 'Central Asia moved from object to subject' },
    metadata: { actorId: 'analyst-1' },
    position: { commit: 987_654_321_012n, prepare: 987_654_321_012n },
    ...overrides,
  }) as RecordedEvent;

describe('EventStoreDB mapping', () => {
  describe('expected version → expected revision', () => {
    it('skips the check without a version, expects no stream at 0, and revision version − 1 after', () => {
      expect(toExpectedRevision(undefined)).toBe(ANY);
      expect(toExpectedRevision(0)).toBe(NO_STREAM);
      expect(toExpectedRevision(1)).toBe(0n);
      expect(toExpectedRevision(42)).toBe(41n);
    });

    it('refuses versions that are not whole numbers ≥ 0', () => {
      expect(() => toExpectedRevision(-1)).toThrow(ValidationError);
      expect(() => toExpectedRevision(1.5)).toThrow(ValidationError);
      expect(() => toExpectedRevision(Number.NaN)).toThrow(ValidationError);
    });
  });

  describe('revisions → versions', () => {
    it('counts events: revision n is version n + 1, a missing stream is version 0', () => {
      expect(versionOfRevision(0n)).toBe(1);
      expect(versionOfRevision(41n)).toBe(42);
      expect(versionOfCurrentRevision(NO_STREAM)).toBe(0);
      expect(versionOfCurrentRevision(-1n)).toBe(0);
      expect(versionOfCurrentRevision(2n)).toBe(3);
    });

    it('reads from the start for version 1 or below, from revision version − 1 otherwise', () => {
      expect(fromRevisionOf(1)).toBe(START);
      expect(fromRevisionOf(0)).toBe(START);
      expect(fromRevisionOf(3)).toBe(2n);
    });
  });

  describe('WrongExpectedVersionError → ConflictError', () => {
    it('reports the current version as the actual revision + 1', () => {
      const error = new WrongExpectedVersionError(undefined, {
        streamName: 'claim-7',
        expected: NO_STREAM,
        current: 2n,
      });
      const conflict = toConflictError(error, 0);
      expect(conflict).toBeInstanceOf(ConflictError);
      expect(conflict).toMatchObject({
        streamId: 'claim-7',
        expectedVersion: 0,
        currentVersion: 3,
        code: 'CONFLICT',
      });
    });

    it('reports version 0 when the stream does not exist', () => {
      const error = new WrongExpectedVersionError(undefined, {
        streamName: 'claim-8',
        expected: 4n,
        current: NO_STREAM,
      });
      expect(toConflictError(error, 5)).toMatchObject({
        streamId: 'claim-8',
        expectedVersion: 5,
        currentVersion: 0,
      });
    });
  });

  describe('recorded event → StoredEvent', () => {
    it('maps revision to version, the commit position to a bigint position, created to recordedAt', () => {
      const stored = toStoredEvent(recorded());
      expect(stored).toEqual({
        eventId: '6f1c2b9e-3d4a-4c8b-9e2f-0a1b2c3d4e5f',
        type: 'ClaimRecorded',
        data: { text: 'Central Asia moved from object to subject' },
        metadata: { actorId: 'analyst-1' },
        streamId: 'claim-1',
        version: 5,
        position: 987_654_321_012n,
        recordedAt: new Date('2026-11-27T10:00:00.123Z'),
      });
      expect(typeof stored.position).toBe('bigint');
    });

    it('keeps positions beyond 2^53 exact', () => {
      const big = 2n ** 60n + 1n;
      expect(toStoredEvent(recorded({ position: { commit: big, prepare: big } })).position).toBe(big);
    });

    it('falls back to the resolved event commit position, and to {} for absent metadata', () => {
      const stored = toStoredEvent(recorded({ position: undefined, metadata: undefined }), 1234n);
      expect(stored.position).toBe(1234n);
      expect(stored.metadata).toEqual({});
    });

    it('ignores the "no position" marker (2^64 − 1) and uses the fallback', () => {
      const none = 2n ** 64n - 1n;
      expect(toStoredEvent(recorded({ position: { commit: none, prepare: none } }), 77n).position).toBe(77n);
      expect(() => toStoredEvent(recorded({ position: { commit: none, prepare: none } }))).toThrow(
        StorageError,
      );
    });

    it('fails loudly on events it cannot represent', () => {
      expect(() => toStoredEvent(recorded({ isJson: false, data: new Uint8Array([1]) }))).toThrow(
        StorageError,
      );
      expect(() => toStoredEvent(recorded({ data: ['an', 'array'] }))).toThrow(StorageError);
      expect(() => toStoredEvent(recorded({ metadata: new Uint8Array([1]) }))).toThrow(StorageError);
      expect(() => toStoredEvent(recorded({ position: undefined }))).toThrow(/log position/);
    });
  });

  describe('positions', () => {
    it('names an event position as commit = prepare', () => {
      expect(toEsdbPosition(4096n)).toEqual({ commit: 4096n, prepare: 4096n });
      expect(toReadPosition(4096n)).toEqual({ commit: 4096n, prepare: 4096n });
    });

    it('reads from the start for no position or 0n', () => {
      expect(toReadPosition(undefined)).toBe(START);
      expect(toReadPosition(0n)).toBe(START);
    });
  });

  it("keeps to Claimtrail's streams and never passes on system events", () => {
    expect(isClaimtrailEvent('claim-123', 'ClaimRecorded', STREAM_PREFIXES)).toBe(true);
    expect(isClaimtrailEvent('source-9', 'SourceImported', STREAM_PREFIXES)).toBe(true);
    expect(isClaimtrailEvent('access-x', 'RoleGranted', STREAM_PREFIXES)).toBe(true);
    expect(isClaimtrailEvent('claim-123', '$metadata', STREAM_PREFIXES)).toBe(false);
    expect(isClaimtrailEvent('$stats-127.0.0.1:2113', '$statsCollected', STREAM_PREFIXES)).toBe(false);
    expect(isClaimtrailEvent('$$claim-123', '$metadata', STREAM_PREFIXES)).toBe(false);
    expect(isClaimtrailEvent('invoice-1', 'InvoiceSent', STREAM_PREFIXES)).toBe(false);
    expect(isClaimtrailEvent('claims', 'ClaimRecorded', STREAM_PREFIXES)).toBe(false);
    expect(isClaimtrailEvent('test-1', 'X', ['test-'])).toBe(true);
  });

  describe('connection strings', () => {
    it('accepts the kurrentdb:// family by rewriting it to the esdb:// syntax client 6.x parses', () => {
      expect(normalizeConnectionString('kurrentdb://node1:2113,node2:2113?tls=false')).toBe(
        'esdb://node1:2113,node2:2113?tls=false',
      );
      expect(normalizeConnectionString('kurrentdb+discover://cluster.local:2113')).toBe(
        'esdb+discover://cluster.local:2113',
      );
      expect(normalizeConnectionString('kdb://admin:changeit@localhost:2113')).toBe(
        'esdb://admin:changeit@localhost:2113',
      );
      expect(normalizeConnectionString('kurrent://localhost')).toBe('esdb://localhost');
      expect(normalizeConnectionString(' esdb://localhost:2113?tls=false ')).toBe(
        'esdb://localhost:2113?tls=false',
      );
    });

    it('produces strings the client parses (no connection is made)', async () => {
      expect(() => EventStoreDBClient.connectionString('kurrentdb://localhost:2113?tls=false')).toThrow(
        /esdb:\/\//,
      );
      const client = EventStoreDBClient.connectionString(
        normalizeConnectionString('kurrentdb://node1:2113,node2:2113,node3:2113?tls=false'),
      );
      await client.dispose();
    });
  });

  describe('errors', () => {
    it('treats server cuts, unavailability and network errors as transient, refusals as final', () => {
      expect(isTransientError(new CancelledError())).toBe(true);
      expect(isTransientError(new UnavailableError())).toBe(true);
      expect(isTransientError(new DeadlineExceededError())).toBe(true);
      expect(isTransientError(new Error('Failed to discover after 10 attempts.'))).toBe(true);
      expect(isTransientError(new AccessDeniedError())).toBe(false);
      expect(isTransientError(new StreamNotFoundError(undefined, 'claim-1'))).toBe(false);
      expect(isTransientError(new StorageError('corrupt event'))).toBe(false);
      expect(isTransientError('not an error')).toBe(false);
    });

    it('does not take UNKNOWN for transient: the client maps every status it has no class for to it', () => {
      expect(isTransientError(new UnknownError())).toBe(false);
    });

    it('wraps client errors in StorageError with the cause attached, and passes typed errors through', () => {
      const cause = new UnavailableError();
      const wrapped = toStorageError(cause, 'append to claim-1');
      expect(wrapped).toBeInstanceOf(StorageError);
      expect(wrapped.code).toBe('INTERNAL');
      expect(wrapped.message).toMatch(/^EventStoreDB append to claim-1 failed/);
      expect(wrapped.cause).toBe(cause);
      const conflict = new ConflictError('claim-1', 1, 2);
      expect(toStorageError(conflict, 'append')).toBe(conflict);
    });
  });
});
