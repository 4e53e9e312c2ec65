import type { Actor, Role } from '../../event-sourcing/metadata.js';

export interface SourceView {
  readonly id: string;
  readonly title: string;
  readonly url: string | null;
  readonly author: string | null;
  readonly publisher: string | null;
  readonly publishedAt: string | null;
  readonly language: string | null;
  readonly text: string | null;
  readonly textHash: string | null;
  readonly textLength: number | null;
  readonly registeredBy: Actor;
  readonly registeredAt: string;
}

const COLUMN_NAMES = [
  'id',
  'title',
  'url',
  'author',
  'publisher',
  'published_at',
  'language',
  'text',
  'text_hash',
  'text_length',
  'registered_by',
  'registered_role',
  'registered_at',
  'seq',
] as const;
export const SOURCE_COLUMNS = COLUMN_NAMES.join(', ');
/** Qualified, for queries that join source_search (whose columns share some of these names). */
export const SOURCE_COLUMNS_OF_SOURCES = COLUMN_NAMES.map((name) => `sources.${name}`).join(', ');

export const toSourceView = (row: Record<string, unknown>): SourceView => ({
  id: row['id'] as string,
  title: row['title'] as string,
  url: row['url'] as string | null,
  author: row['author'] as string | null,
  publisher: row['publisher'] as string | null,
  publishedAt: row['published_at'] as string | null,
  language: row['language'] as string | null,
  text: row['text'] as string | null,
  textHash: row['text_hash'] as string | null,
  textLength: row['text_length'] as number | null,
  registeredBy: { id: row['registered_by'] as string, role: row['registered_role'] as Role },
  registeredAt: row['registered_at'] as string,
});
