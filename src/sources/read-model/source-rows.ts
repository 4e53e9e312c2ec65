import type { Actor, Role } from '../../event-sourcing/metadata.js';
import { SOURCE_METADATA_FIELDS, type SourceMetadata } from '../domain/source.values.js';
import { columnOf, sourceMetadataOfRow } from './source.columns.js';

export interface SourceView extends SourceMetadata {
  readonly id: string;
  readonly text: string | null;
  readonly textHash: string | null;
  readonly textLength: number | null;
  readonly registeredBy: Actor;
  readonly registeredAt: string;
}

/** A text's length as quote offsets count it (UTF-16 units, as JavaScript strings index). */
export const textLengthOf = (text: string | null): number | null => (text === null ? null : text.length);

const COLUMN_NAMES = [
  'id',
  ...SOURCE_METADATA_FIELDS.map(columnOf),
  'text',
  'text_hash',
  'text_length',
  'registered_by',
  'registered_role',
  'registered_at',
  'seq',
];
export const SOURCE_COLUMNS = COLUMN_NAMES.join(', ');
/** Qualified, for queries that join source_search (whose columns share some of these names). */
export const SOURCE_COLUMNS_OF_SOURCES = COLUMN_NAMES.map((name) => `sources.${name}`).join(', ');

export const toSourceView = (row: Record<string, unknown>): SourceView => ({
  id: row['id'] as string,
  ...sourceMetadataOfRow(row),
  text: row['text'] as string | null,
  textHash: row['text_hash'] as string | null,
  textLength: row['text_length'] as number | null,
  registeredBy: { id: row['registered_by'] as string, role: row['registered_role'] as Role },
  registeredAt: row['registered_at'] as string,
});
