import type { Actor, Role } from '../../event-sourcing/metadata.js';
import {
  SOURCE_METADATA_FIELDS,
  type SourceMetadata,
  type SourceMetadataField,
} from '../domain/source.values.js';
import { columnOf, sourceMetadataOfRow } from './source.columns.js';

export interface SourceView extends SourceMetadata {
  readonly id: string;
  readonly text: string | null;
  readonly textHash: string | null;
  readonly textLength: number | null;
  readonly registeredBy: Actor;
  readonly registeredAt: string;
  /** Events in the source's stream: 1 as registered, one more per revision. */
  readonly version: number;
  /** Present when the view was folded (time travel); otherwise loaded when asked for. */
  readonly revisions?: readonly SourceRevisionView[];
}

/** One correction of a source's metadata: the fields it changed, from what to what. */
export interface SourceRevisionView {
  readonly sourceId: string;
  readonly version: number;
  readonly changes: ReadonlyArray<{
    readonly field: SourceMetadataField;
    readonly from: string | null;
    readonly to: string | null;
  }>;
  readonly reason: string;
  readonly revisedBy: Actor;
  readonly revisedAt: string;
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
/** The source's version: its registration and one event per revision. */
const VERSION = '1 + (SELECT count(*) FROM source_revisions r WHERE r.source_id = sources.id) AS version';
export const SOURCE_COLUMNS = [...COLUMN_NAMES, VERSION].join(', ');
/** Qualified, for queries that join source_search (whose columns share some of these names). */
export const SOURCE_COLUMNS_OF_SOURCES = [...COLUMN_NAMES.map((name) => `sources.${name}`), VERSION].join(
  ', ',
);

export const toSourceView = (row: Record<string, unknown>): SourceView => ({
  id: row['id'] as string,
  ...sourceMetadataOfRow(row),
  text: row['text'] as string | null,
  textHash: row['text_hash'] as string | null,
  textLength: row['text_length'] as number | null,
  registeredBy: { id: row['registered_by'] as string, role: row['registered_role'] as Role },
  registeredAt: row['registered_at'] as string,
  version: row['version'] as number,
});
