/**
 * The PostgreSQL event store's schema, created or migrated at start (postgres-migrations.ts).
 *
 * One table of events. `data` and `metadata` are `json`, not `jsonb`: `json` keeps the exact text it was
 * given, so an event reads back with its keys in the order it was written (a backup of this store is
 * byte-identical to one of the SQLite store, which keeps the text too), and it accepts `\u0000`, which
 * `jsonb` refuses. Nothing queries inside them in SQL, so `jsonb`'s indexing is not missed; and no SQL
 * here extracts a field from them either, because `->>` fails on a document that holds `\u0000` anywhere.
 *
 * Positions are dense and in commit order: every write takes one transaction-scoped advisory lock, then
 * numbers its events after the highest position (docs/decisions/0004-postgres-positions.md). A reader
 * that has seen position n has therefore seen every position below it, for ever: no gap can fill later.
 */

/** The advisory lock every write to the log takes (an arbitrary constant: "Claimtrail" in ASCII, cut to 63 bits). */
export const APPEND_LOCK_KEY = 0x436c61696d747261n;
/** The advisory lock that serialises migrations when several instances start at once. */
export const MIGRATION_LOCK_KEY = 0x436c61696d6d6967n;
/** The channel the append function notifies after a write: a wake-up for subscribers, never the data. */
export const NOTIFY_CHANNEL = 'claimtrail_events';

/** The constraints whose violation (SQLSTATE 23505) the adapter tells apart. */
export const EVENT_ID_CONSTRAINT = 'claimtrail_events_event_id_key';
export const STREAM_VERSION_CONSTRAINT = 'claimtrail_events_stream_version_key';

const EVENTS_TABLE = `
CREATE TABLE IF NOT EXISTS claimtrail_events (
  position    bigint      PRIMARY KEY,
  stream_id   text        NOT NULL,
  version     integer     NOT NULL CHECK (version > 0),
  event_id    text        NOT NULL,
  type        text        NOT NULL,
  data        json        NOT NULL,
  metadata    json        NOT NULL,
  recorded_at timestamptz NOT NULL,
  CONSTRAINT ${EVENT_ID_CONSTRAINT} UNIQUE (event_id),
  CONSTRAINT ${STREAM_VERSION_CONSTRAINT} UNIQUE (stream_id, version)
);
-- positionAt: the last position recorded at or before a moment, one descending walk.
CREATE INDEX IF NOT EXISTS claimtrail_events_recorded_at ON claimtrail_events (recorded_at, position);
`;

/** The store's identity: a read model remembers it, so a read model built from another store is noticed. */
const STORE_TABLE = `
CREATE TABLE IF NOT EXISTS claimtrail_store (
  id             integer     PRIMARY KEY CHECK (id = 1),
  store_id       text        NOT NULL,
  schema_version integer     NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);
`;

/**
 * One call writes a batch of appends (the group commit of one instance) in one transaction: one round trip
 * and one WAL flush for all of them. Each append runs in its own exception block (a subtransaction), so a
 * conflict or a reused id fails that append only and is reported as its outcome; the others commit.
 *
 * In a VOLATILE function under READ COMMITTED every statement takes a fresh snapshot, so the statements
 * after the lock see every write committed before it was granted, and the lock is released only after
 * this transaction's commit is visible: the next writer numbers its events after ours.
 *
 * Recording times never decrease along the log: each batch is stamped with the database's clock (one
 * clock for every instance), or the last recorded time when that clock went back. Milliseconds, as a
 * JavaScript Date holds them, so a time reads back exactly as it was stored.
 *
 * Outcomes: 'ok' (first position and version, the time), 'behind' (the expected version does not exist
 * in the stream), or the name of the violated constraint.
 */
const APPEND_FUNCTION = `
CREATE OR REPLACE FUNCTION claimtrail_append(
  stream_ids text[], expected_versions integer[], event_counts integer[],
  event_ids text[], event_types text[], event_data text[], event_metadata text[]
) RETURNS TABLE (outcome text, first_position bigint, first_version integer, stamped_at timestamptz)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  head bigint;
  start_head bigint;
  stamp timestamptz;
  current_version integer;
  offset_in_events integer := 0;
  count_of_events integer;
  violated text;
BEGIN
  PERFORM pg_advisory_xact_lock(${APPEND_LOCK_KEY});
  SELECT coalesce(max(e.position), 0) INTO head FROM claimtrail_events e;
  start_head := head;
  SELECT greatest(date_trunc('milliseconds', clock_timestamp()),
                  (SELECT e.recorded_at FROM claimtrail_events e ORDER BY e.position DESC LIMIT 1))
    INTO stamp;
  FOR i IN 1 .. coalesce(array_length(stream_ids, 1), 0) LOOP
    count_of_events := event_counts[i];
    outcome := NULL; first_position := NULL; first_version := NULL; stamped_at := NULL;
    BEGIN
      IF expected_versions[i] IS NULL THEN
        SELECT coalesce(max(e.version), 0) INTO current_version
          FROM claimtrail_events e WHERE e.stream_id = stream_ids[i];
      ELSE
        current_version := expected_versions[i];
        IF current_version > 0 AND NOT EXISTS (
          SELECT 1 FROM claimtrail_events e WHERE e.stream_id = stream_ids[i] AND e.version = current_version
        ) THEN
          outcome := 'behind';
        END IF;
      END IF;
      IF outcome IS NULL THEN
        INSERT INTO claimtrail_events (position, stream_id, version, event_id, type, data, metadata, recorded_at)
          SELECT head + k, stream_ids[i], current_version + k, event_ids[offset_in_events + k],
                 event_types[offset_in_events + k], event_data[offset_in_events + k]::json,
                 event_metadata[offset_in_events + k]::json, stamp
            FROM generate_series(1, count_of_events) AS k;
        outcome := 'ok';
        first_position := head + 1;
        first_version := current_version + 1;
        stamped_at := stamp;
        head := head + count_of_events;
      END IF;
    EXCEPTION WHEN unique_violation THEN
      GET STACKED DIAGNOSTICS violated = CONSTRAINT_NAME;
      outcome := violated;
    END;
    offset_in_events := offset_in_events + count_of_events;
    RETURN NEXT;
  END LOOP;
  IF head > start_head THEN
    PERFORM pg_notify('${NOTIFY_CHANNEL}', head::text);
  END IF;
END $$;
`;

/**
 * A restore writes events exactly as a backup holds them, after the log's end, under the same lock, with
 * their own recording times; a time earlier than the log's last one is refused, or positionAt would no
 * longer find the right position.
 */
const RESTORE_FUNCTION = `
CREATE OR REPLACE FUNCTION claimtrail_restore(
  stream_ids text[], versions integer[], event_ids text[], event_types text[], event_data text[],
  event_metadata text[], recorded_times timestamptz[]
) RETURNS bigint
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  head bigint;
  last_time timestamptz;
BEGIN
  PERFORM pg_advisory_xact_lock(${APPEND_LOCK_KEY});
  SELECT e.position, e.recorded_at INTO head, last_time FROM claimtrail_events e ORDER BY e.position DESC LIMIT 1;
  head := coalesce(head, 0);
  IF last_time > recorded_times[1] THEN
    RAISE EXCEPTION 'a restored event is recorded before the last event of the log (% < %)', recorded_times[1], last_time
      USING ERRCODE = 'check_violation';
  END IF;
  INSERT INTO claimtrail_events (position, stream_id, version, event_id, type, data, metadata, recorded_at)
    SELECT head + k, stream_ids[k], versions[k], event_ids[k], event_types[k], event_data[k]::json,
           event_metadata[k]::json, recorded_times[k]
      FROM generate_subscripts(stream_ids, 1) AS k;
  head := head + coalesce(array_length(stream_ids, 1), 0);
  PERFORM pg_notify('${NOTIFY_CHANNEL}', head::text);
  RETURN head;
END $$;
`;

/** Each migration once, in order; `schema_version` in claimtrail_store says how far a database has come. */
export const MIGRATIONS: readonly string[] = [
  `${EVENTS_TABLE}${STORE_TABLE}${APPEND_FUNCTION}${RESTORE_FUNCTION}`,
];

export interface EventRow {
  position: string;
  stream_id: string;
  version: number;
  event_id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  recorded_at: Date;
}

export interface AppendOutcomeRow {
  outcome: string;
  first_position: string | null;
  first_version: number | null;
  stamped_at: Date | null;
}
