import type Database from 'better-sqlite3';
import type { StoredEvent } from '../../event-sourcing/event-store.js';
import type { Projection } from '../../read-model/projection.js';
import { FULL_TEXT_OPTIONS } from '../../read-model/full-text.js';
import { prepared } from '../../read-model/statement-cache.js';
import {
  SOURCE_EVENT_TYPES,
  type SourceEvent,
  type SourceRegistered,
  type SourceRevised,
} from '../domain/source.events.js';
import { SOURCE_METADATA_FIELDS } from '../domain/source.values.js';
import { columnOf, SOURCE_METADATA_COLUMNS } from './source.columns.js';
import { textLengthOf } from './source-rows.js';

export const SOURCES_SCHEMA = `
CREATE TABLE IF NOT EXISTS sources (
  id              TEXT PRIMARY KEY,
  title           TEXT NOT NULL,
  url             TEXT,
  author          TEXT,
  publisher       TEXT,
  published_at    TEXT,
  language        TEXT,
  text            TEXT,
  text_hash       TEXT,
  text_length     INTEGER,
  registered_by   TEXT NOT NULL,
  registered_role TEXT NOT NULL,
  registered_at   TEXT NOT NULL,
  seq             INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sources_seq ON sources (seq);
-- One row per SourceRevised: the source's metadata as of any time is its registration and the revisions
-- up to then; version is the stream's (2 for the first revision).
CREATE TABLE IF NOT EXISTS source_revisions (
  source_id    TEXT NOT NULL,
  version      INTEGER NOT NULL,
  seq          INTEGER NOT NULL,
  changed      TEXT NOT NULL,
  previous     TEXT NOT NULL,
  reason       TEXT NOT NULL,
  revised_by   TEXT NOT NULL,
  revised_role TEXT NOT NULL,
  revised_at   TEXT NOT NULL,
  PRIMARY KEY (source_id, version)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS source_search USING fts5 (
  source_id UNINDEXED, title, author, publisher, text,
  ${FULL_TEXT_OPTIONS}
);
`;

/** Columns of source_search in order, as `bm25()` weights and `snippet()` numbers name them. */
export const SOURCE_SEARCH_COLUMNS = [
  { name: 'source_id', weight: 0 },
  { name: 'title', weight: 3, field: 'TITLE' },
  { name: 'author', weight: 2, field: 'AUTHOR' },
  { name: 'publisher', weight: 1, field: 'PUBLISHER' },
  { name: 'text', weight: 1, field: 'TEXT' },
] as const;

/** The metadata source_search indexes; a revision of any of them rewrites the source's search row. */
const SEARCHED_FIELDS = ['title', 'author', 'publisher'] as const;

const register = (db: Database.Database, stored: StoredEvent, registered: SourceRegistered['data']): void => {
  // INSERT OR IGNORE: a source is registered once, so a re-applied event changes nothing.
  const { changes } = prepared(
    db,
    `INSERT OR IGNORE INTO sources (id, ${SOURCE_METADATA_COLUMNS}, text, text_hash, text_length, registered_by,
       registered_role, registered_at, seq) VALUES (?, ${SOURCE_METADATA_FIELDS.map(() => '?').join(', ')}, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    registered.sourceId,
    ...SOURCE_METADATA_FIELDS.map((field) => registered[field]),
    registered.text,
    registered.textHash,
    textLengthOf(registered.text),
    registered.by.id,
    registered.by.role,
    registered.at,
    Number(stored.position),
  );
  if (changes === 0) return;
  prepared(
    db,
    'INSERT INTO source_search (source_id, title, author, publisher, text) VALUES (?, ?, ?, ?, ?)',
  ).run(registered.sourceId, registered.title, registered.author, registered.publisher, registered.text);
};

const revise = (db: Database.Database, stored: StoredEvent, data: SourceRevised['data']): void => {
  // The revision row is keyed by version, so a re-applied event inserts nothing and changes nothing.
  const { changes } = prepared(
    db,
    `INSERT OR IGNORE INTO source_revisions (source_id, version, seq, changed, previous, reason, revised_by,
       revised_role, revised_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    data.sourceId,
    stored.version,
    Number(stored.position),
    JSON.stringify(data.changed),
    JSON.stringify(data.previous),
    data.reason,
    data.by.id,
    data.by.role,
    data.at,
  );
  if (changes === 0) return;
  const fields = SOURCE_METADATA_FIELDS.filter((field) => field in data.changed);
  if (fields.length === 0) return;
  // Field names come from the domain's list, never from the event, so the statement's text is fixed.
  prepared(
    db,
    `UPDATE sources SET ${fields.map((field) => `${columnOf(field)} = ?`).join(', ')} WHERE id = ?`,
  ).run(...fields.map((field) => data.changed[field] ?? null), data.sourceId);
  const searched = SEARCHED_FIELDS.filter((field) => field in data.changed);
  if (searched.length === 0) return;
  // FTS5 rewrites a row as a whole; the text is immutable and stays as it was indexed.
  prepared(
    db,
    `UPDATE source_search SET ${searched.map((field) => `${field} = ?`).join(', ')} WHERE source_id = ?`,
  ).run(...searched.map((field) => data.changed[field] ?? null), data.sourceId);
};

export const sourcesProjection: Projection = {
  name: 'sources',
  // 2 meant the revisions on one branch and source_search on the other; 3: both, source_search following
  // revisions.
  version: 3,
  handles: new Set<string>(SOURCE_EVENT_TYPES),
  schema: SOURCES_SCHEMA,
  verifiedTables: [
    { name: 'sources', rows: 'SELECT * FROM sources ORDER BY id' },
    { name: 'source_revisions', rows: 'SELECT * FROM source_revisions ORDER BY source_id, version' },
    {
      name: 'source_search',
      rows: 'SELECT source_id, title, author, publisher, text FROM source_search ORDER BY source_id',
    },
  ],
  apply(db: Database.Database, stored: StoredEvent): void {
    const event = { type: stored.type, data: stored.data } as unknown as SourceEvent;
    switch (event.type) {
      case 'SourceRegistered':
        register(db, stored, event.data);
        return;
      case 'SourceRevised':
        revise(db, stored, event.data);
        return;
      default: {
        const unexpected: never = event;
        throw new Error(`sources projection: unhandled event ${JSON.stringify(unexpected)}`);
      }
    }
  },
};
