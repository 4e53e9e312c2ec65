/**
 * One table of events. The global position is the rowid (INTEGER PRIMARY KEY: no separate index, and never
 * reused because nothing is ever deleted). Event ids are UNIQUE forever, which makes idempotent appends
 * permanent rather than the bounded-cache best effort of EventStoreDB. `store` holds the store's identity,
 * made when the file is first opened (a file from before it gets one then).
 */
export const EVENT_STORE_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY,
  stream_id   TEXT    NOT NULL,
  version     INTEGER NOT NULL,
  event_id    TEXT    NOT NULL UNIQUE,
  type        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  recorded_at INTEGER NOT NULL,
  UNIQUE (stream_id, version)
);
CREATE INDEX IF NOT EXISTS events_recorded_at ON events (recorded_at);
CREATE TABLE IF NOT EXISTS store (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  store_id TEXT    NOT NULL
);
`;

export interface EventRow {
  position: number;
  stream_id: string;
  version: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  recorded_at: number;
}
