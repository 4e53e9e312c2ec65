import type { JsonObject, StoredEvent, StreamEvent } from '../../event-sourcing/event-store.js';
import type { EventRow } from './postgres-event-store.schema.js';

/** node-postgres hands `bigint` columns over as strings (they may exceed 2^53); positions stay bigints. */
export const toStoredEvent = (row: EventRow): StoredEvent => ({
  eventId: row.event_id,
  type: row.type,
  data: row.data as JsonObject,
  metadata: row.metadata as JsonObject,
  streamId: row.stream_id,
  version: row.version,
  position: BigInt(row.position),
  recordedAt: row.recorded_at,
});

export interface StreamEventRow {
  event_id: string;
  type: string;
  data: JsonObject;
  version: number;
  metadata: JsonObject;
}

/** The schema version comes from the metadata in JavaScript: SQL's `->>` fails on documents holding `\u0000`. */
export const toStreamEvent = (row: StreamEventRow): StreamEvent => {
  const schemaVersion = row.metadata['schemaVersion'];
  return {
    eventId: row.event_id,
    type: row.type,
    data: row.data,
    version: row.version,
    schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : 1,
  };
};
