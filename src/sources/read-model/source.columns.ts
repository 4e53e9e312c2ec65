import {
  SOURCE_METADATA_FIELDS,
  type SourceMetadata,
  type SourceMetadataField,
} from '../domain/source.values.js';

/** The read-model column of a metadata field: `publishedAt` → `published_at`. */
export const columnOf = (field: SourceMetadataField): string =>
  field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** `title, url, author, publisher, published_at, language`: the metadata columns, in the domain's order. */
export const SOURCE_METADATA_COLUMNS = SOURCE_METADATA_FIELDS.map(columnOf).join(', ');

/** The metadata of a `sources` row (a row that selected SOURCE_METADATA_COLUMNS). */
export const sourceMetadataOfRow = (row: Readonly<Record<string, unknown>>): SourceMetadata =>
  Object.fromEntries(
    SOURCE_METADATA_FIELDS.map((field) => [field, row[columnOf(field)] ?? null]),
  ) as unknown as SourceMetadata;
