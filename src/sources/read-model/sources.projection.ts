import type Database from 'better-sqlite3';
import type { StoredEvent } from '../../event-sourcing/event-store.js';
import type { Projection } from '../../read-model/projection.js';
import { FULL_TEXT_OPTIONS } from '../../read-model/full-text.js';
import { prepared } from '../../read-model/statement-cache.js';
import type { SourceEvent } from '../domain/source.events.js';
import { SOURCE_METADATA_FIELDS } from '../domain/source.values.js';
import { SOURCE_METADATA_COLUMNS } from './source.columns.js';
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

export const sourcesProjection: Projection = {
  name: 'sources',
  // 2: source_search indexes titles, authors, publishers and texts.
  version: 2,
  handles: new Set(['SourceRegistered']),
  schema: SOURCES_SCHEMA,
  verifiedTables: [
    { name: 'sources', rows: 'SELECT * FROM sources ORDER BY id' },
    {
      name: 'source_search',
      rows: 'SELECT source_id, title, author, publisher, text FROM source_search ORDER BY source_id',
    },
  ],
  apply(db: Database.Database, stored: StoredEvent): void {
    const event = { type: stored.type, data: stored.data } as unknown as SourceEvent;
    const data = event.data;
    // INSERT OR IGNORE: a source is registered once, so a re-applied event changes nothing.
    const { changes } = prepared(
      db,
      `INSERT OR IGNORE INTO sources (id, ${SOURCE_METADATA_COLUMNS}, text, text_hash, text_length, registered_by,
         registered_role, registered_at, seq) VALUES (?, ${SOURCE_METADATA_FIELDS.map(() => '?').join(', ')}, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      data.sourceId,
      ...SOURCE_METADATA_FIELDS.map((field) => data[field]),
      data.text,
      data.textHash,
      textLengthOf(data.text),
      data.by.id,
      data.by.role,
      data.at,
      Number(stored.position),
    );
    if (changes === 0) return;
    prepared(
      db,
      'INSERT INTO source_search (source_id, title, author, publisher, text) VALUES (?, ?, ?, ?, ?)',
    ).run(data.sourceId, data.title, data.author, data.publisher, data.text);
  },
};
