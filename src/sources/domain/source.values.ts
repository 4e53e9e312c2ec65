/**
 * What a source says about itself, the one list of its fields: registered with it, shown by the API and the
 * exports, stored as read-model columns. The text is apart: kept verbatim, because anchors index into it.
 */
export interface SourceMetadata {
  readonly title: string;
  readonly url: string | null;
  readonly author: string | null;
  readonly publisher: string | null;
  readonly publishedAt: string | null;
  readonly language: string | null;
}

export const SOURCE_METADATA_FIELDS = [
  'title',
  'url',
  'author',
  'publisher',
  'publishedAt',
  'language',
] as const satisfies readonly (keyof SourceMetadata)[];

export type SourceMetadataField = (typeof SOURCE_METADATA_FIELDS)[number];

// Fails to compile when SourceMetadata gains a field the list does not name.
const everyFieldListed: [Exclude<keyof SourceMetadata, SourceMetadataField>] extends [never] ? true : never =
  true;
void everyFieldListed;

/** A source's metadata as a request gives it: any field may be missing or null (the title is then refused). */
export type SourceMetadataInput = { readonly [Field in SourceMetadataField]?: string | null };
