import type { JsonObject, RestoredEvent, StoredEvent } from '../../event-sourcing/event-store.js';

/**
 * A backup is NDJSON: a header line, one line per event in log order, and a trailer that counts them, so
 * a file cut short (a full disk, an interrupted copy) is told from a whole one. Positions are left out:
 * they belong to the store that assigned them (an EventStoreDB commit position means nothing to SQLite),
 * and the store restored into numbers the events again, in the same order. Everything else is kept as it
 * was: ids, streams, versions, types, data and metadata as JSON, and the recording time to the millisecond.
 *
 *   {"format":"claimtrail-backup","version":1}
 *   {"eventId":"…","streamId":"claim-…","version":1,"type":"ClaimProposed","data":{…},"metadata":{…},"recordedAt":"2026-…Z"}
 *   {"end":true,"events":1234}
 */
export const BACKUP_FORMAT = 'claimtrail-backup';
export const BACKUP_VERSION = 1;

export const headerLine = (): string =>
  `${JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION })}\n`;

export const eventLine = (event: StoredEvent): string =>
  `${JSON.stringify({
    eventId: event.eventId,
    streamId: event.streamId,
    version: event.version,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt.toISOString(),
  })}\n`;

export const trailerLine = (events: number): string => `${JSON.stringify({ end: true, events })}\n`;

/** A line of a backup that is not what the format says, with the line number to find it by. */
export class BackupFormatError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'BackupFormatError';
  }
}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const parse = (text: string, line: number): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BackupFormatError(line, 'is not JSON');
  }
};

export const parseHeader = (text: string | undefined): void => {
  const header = text === undefined ? undefined : parse(text, 1);
  if (!isObject(header) || header['format'] !== BACKUP_FORMAT)
    throw new BackupFormatError(1, `is not a Claimtrail backup header ({"format":"${BACKUP_FORMAT}",…})`);
  if (header['version'] !== BACKUP_VERSION)
    throw new BackupFormatError(
      1,
      `backup format version ${String(header['version'])} is not ${BACKUP_VERSION}`,
    );
};

/** An event line or the trailer; anything else is a BackupFormatError naming the line. */
export const parseBody = (
  text: string,
  line: number,
): { kind: 'event'; event: RestoredEvent } | { kind: 'end'; events: number } => {
  const value = parse(text, line);
  if (!isObject(value)) throw new BackupFormatError(line, 'is not a JSON object');
  if (value['end'] === true) {
    if (!Number.isSafeInteger(value['events'])) throw new BackupFormatError(line, 'trailer without a count');
    return { kind: 'end', events: value['events'] as number };
  }
  const { eventId, streamId, version, type, data, metadata, recordedAt } = value;
  const text_ = (field: unknown, name: string) => {
    if (typeof field !== 'string' || field.length === 0)
      throw new BackupFormatError(line, `${name} must be a non-empty string`);
    return field;
  };
  if (!Number.isSafeInteger(version) || (version as number) < 1)
    throw new BackupFormatError(line, 'version must be a whole number ≥ 1');
  if (!isObject(data) || !isObject(metadata))
    throw new BackupFormatError(line, 'data and metadata must be JSON objects');
  if (typeof recordedAt !== 'string' || !ISO_TIME.test(recordedAt) || Number.isNaN(Date.parse(recordedAt)))
    throw new BackupFormatError(line, 'recordedAt must be an ISO time in UTC to the millisecond');
  return {
    kind: 'event',
    event: {
      eventId: text_(eventId, 'eventId'),
      streamId: text_(streamId, 'streamId'),
      version: version as number,
      type: text_(type, 'type'),
      data,
      metadata,
      recordedAt: new Date(recordedAt),
    },
  };
};

/**
 * The rules a whole backup must keep, checked event by event in file order: every id once, every
 * stream's versions 1, 2, 3… with no gap, recording times never going back. Holds a set of every id,
 * about 100 bytes an event.
 */
export class BackupChecks {
  private readonly ids = new Set<string>();
  private readonly versions = new Map<string, number>();
  private lastTime = -Infinity;
  count = 0;

  check(event: RestoredEvent, line: number): void {
    if (this.ids.has(event.eventId))
      throw new BackupFormatError(line, `event id ${event.eventId} appears twice`);
    this.ids.add(event.eventId);
    const expected = (this.versions.get(event.streamId) ?? 0) + 1;
    if (event.version !== expected)
      throw new BackupFormatError(
        line,
        `${event.streamId} goes from version ${expected - 1} to ${event.version} (versions must follow one another)`,
      );
    this.versions.set(event.streamId, event.version);
    const time = event.recordedAt.getTime();
    if (time < this.lastTime) throw new BackupFormatError(line, 'recorded before the event before it');
    this.lastTime = time;
    this.count += 1;
  }
}

/** Whether two events are the same in everything a backup keeps (for resuming a restore). */
export const sameEvent = (stored: StoredEvent, restored: RestoredEvent): boolean =>
  stored.eventId === restored.eventId &&
  stored.streamId === restored.streamId &&
  stored.version === restored.version &&
  stored.type === restored.type &&
  stored.recordedAt.getTime() === restored.recordedAt.getTime() &&
  JSON.stringify(stored.data) === JSON.stringify(restored.data) &&
  JSON.stringify(stored.metadata) === JSON.stringify(restored.metadata);
