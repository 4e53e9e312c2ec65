import { characterCount } from '../../event-sourcing/text-rules.js';

export const SOURCE_TITLE_LENGTH = { min: 1, max: 500 } as const;
export const SOURCE_FIELD_MAX_LENGTH = 500;
/** Characters; the text travels inside one event, and EventStoreDB caps an event at 16 MB by default. */
export const SOURCE_TEXT_MAX_LENGTH = 1_000_000;

// A BCP 47 tag in its common shapes: en, en-GB, zh-Hant-TW, es-419.
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const LANGUAGE_TAG_MAX_LENGTH = 35;

export const languageTagProblem = (tag: string): string | undefined =>
  characterCount(tag) <= LANGUAGE_TAG_MAX_LENGTH && LANGUAGE_TAG.test(tag)
    ? undefined
    : `must be a BCP 47 language tag such as "en" or "en-GB", at most ${LANGUAGE_TAG_MAX_LENGTH} characters, not "${tag}"`;

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
