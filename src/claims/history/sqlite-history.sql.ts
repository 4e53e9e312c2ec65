import type { CounterpointResolution, RelationKind } from '../domain/claim.values.js';
import { CLAIM_EVENT_TYPES } from '../domain/claim.events.js';
import type { Actor } from '../../event-sourcing/metadata.js';
import { GRAPH_EVENT_TYPES, type GraphEvent } from './graph-event.js';
import { EVIDENCE_EVENT_TYPES } from './history.reader.js';
import { claimIdOfStream } from '../domain/claim.stream.js';

/** The SQL of the SQLite history reader, and the rows it returns. */

/** Read as arrays (better-sqlite3's raw mode, measured a third cheaper than objects), in GRAPH_COLUMNS order. */
export type GraphRow = readonly [
  position: number,
  streamId: string,
  type: GraphEvent['type'],
  /** The whole data of a ClaimLinked event (it names the actor and time the relation shows). */
  link: string | null,
  /** toClaimId of an unlink, counterpointId of a counterpoint event (raised, resolved, reopened). */
  ref: string | null,
  /** kind of an unlink, resolution of a counterpoint. */
  detail: string | null,
];

interface LinkData {
  readonly toClaimId: string;
  readonly kind: RelationKind;
  readonly rationale: string | null;
  readonly at: string;
  readonly by: Actor;
}

const quoted = (types: Iterable<string>) => [...types].map((type) => `'${type}'`).join(', ');

// The small fields are pulled out by SQLite so that most rows never reach JSON.parse.
const GRAPH_COLUMNS = `position, stream_id, type,
  CASE type WHEN 'ClaimLinked' THEN data END AS link,
  CASE type WHEN 'ClaimUnlinked' THEN json_extract(data, '$.toClaimId')
            WHEN 'CounterpointRaised' THEN json_extract(data, '$.counterpointId')
            WHEN 'CounterpointResolved' THEN json_extract(data, '$.counterpointId')
            WHEN 'CounterpointReopened' THEN json_extract(data, '$.counterpointId') END AS ref,
  CASE type WHEN 'ClaimUnlinked' THEN json_extract(data, '$.kind')
            WHEN 'CounterpointResolved' THEN json_extract(data, '$.resolution') END AS detail`;

// Only the types the graph folds (they occur only in claim streams). A range on stream_id would lead the
// planner to the (stream_id, version) index and a sort, measured slower than the rowid walk.
export const GRAPH_ROWS = `SELECT ${GRAPH_COLUMNS} FROM events
WHERE position > ? AND position <= ? AND type IN (${quoted(GRAPH_EVENT_TYPES)})
ORDER BY position`;

// The same for a few streams (a JSON array of stream ids), on the (stream_id, version) index.
export const STREAM_GRAPH_ROWS = `SELECT ${GRAPH_COLUMNS} FROM events
WHERE stream_id IN (SELECT value FROM json_each(?)) AND position <= ? AND type IN (${quoted(GRAPH_EVENT_TYPES)})`;

/**
 * The links made to a claim, found by their target: what labelling one claim from its neighbourhood needs
 * (claim-neighbourhood.ts). Partial, so appends pay for it only on ClaimLinked rows. The history reader owns
 * it and creates it (idempotently: an existing log gets it on the first start, one pass over the table);
 * the event store's own schema stays free of claim types. The query must repeat the indexed expression and
 * the `type = 'ClaimLinked'` term exactly, or SQLite cannot use a partial expression index.
 */
export const LINK_TARGET_INDEX = `CREATE INDEX IF NOT EXISTS events_link_target
ON events (json_extract(data, '$.toClaimId')) WHERE type = 'ClaimLinked'`;
export const LINKS_TO = `SELECT stream_id, json_extract(data, '$.toClaimId'), json_extract(data, '$.kind') FROM events
WHERE type = 'ClaimLinked' AND json_extract(data, '$.toClaimId') IN (SELECT value FROM json_each(?)) AND position <= ?`;

const EVIDENCE_TYPES = quoted(EVIDENCE_EVENT_TYPES);
// Rows come back as arrays (better-sqlite3's raw mode: a third less time than objects, measured) in this order.
// METADATA is replaced by NULL when no upcaster needs it.
const COLUMNS = 'type, data, METADATA, version, position, stream_id';
export const CLAIM_EVENTS = `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND version <= ? AND position <= ? ORDER BY version`;
// Every claim at once: the events other than evidence (claim event types occur only in claim streams, so the
// type alone picks the rows). Returning a row costs far more than skipping one, and evidence is about half.
export const ALL_CLAIM_HEADERS = `SELECT ${COLUMNS} FROM events WHERE position <= ?
  AND type IN (${quoted(CLAIM_EVENT_TYPES.filter((type) => !EVIDENCE_EVENT_TYPES.has(type)))}) ORDER BY position`;
// Per claim, on the (stream_id, version) index, each when first needed: its events other than evidence, its
// last event at the cut, its evidence.
export const CLAIM_HEADERS = `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND position <= ?
  AND type NOT IN (${EVIDENCE_TYPES}) ORDER BY version`;
export const LAST_EVENT = `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND position <= ? ORDER BY version DESC LIMIT 1`;
export const EVIDENCE_EVENTS = `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND position <= ? AND type IN (${EVIDENCE_TYPES}) ORDER BY version`;

export type ClaimEventRow = readonly [
  type: string,
  data: string,
  metadata: string | null,
  version: number,
  position: number,
  streamId: string,
];
export type LinkRow = readonly [streamId: string, toClaimId: string, kind: RelationKind];

/** A graph row as the event the graph folds. */
export const toGraphEvent = ([rowPosition, streamId, type, link, ref, detail]: GraphRow): GraphEvent => {
  const claimId = claimIdOfStream(streamId)!;
  const position = BigInt(rowPosition);
  switch (type) {
    case 'ClaimProposed':
    case 'ClaimRetracted':
      return { type, claimId, position };
    case 'ClaimLinked': {
      const { toClaimId, kind, rationale, at, by } = JSON.parse(link!) as LinkData;
      return { type, claimId, position, toClaimId, kind, rationale, by: { id: by.id, role: by.role }, at };
    }
    case 'ClaimUnlinked':
      return { type, claimId, position, toClaimId: ref!, kind: detail as RelationKind };
    case 'CounterpointRaised':
    case 'CounterpointReopened':
      return { type, claimId, position, counterpointId: ref! };
    case 'CounterpointResolved':
      return { type, claimId, position, counterpointId: ref!, resolution: detail as CounterpointResolution };
    default: {
      const unexpected: never = type;
      throw new Error(`unexpected graph event type ${String(unexpected)}`);
    }
  }
};
