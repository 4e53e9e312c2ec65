import type { Command } from '../../event-sourcing/metadata.js';
import type { SourceMetadataInput } from './source.values.js';

export type RegisterSource = Command<
  'RegisterSource',
  {
    /** A `src_` id, generated outside the domain (derived from the idempotency key when there is one). */
    readonly sourceId: string;
    readonly text?: string | null;
  } & SourceMetadataInput
>;

/**
 * Corrects what a source says about itself. Each metadata field given replaces the registered value (null
 * or blank clears an optional one); a field left out (undefined) keeps its value. There is no text: anchors
 * index into the registered text, so it never changes; a different text is a new source.
 */
export type ReviseSource = Command<
  'ReviseSource',
  { readonly sourceId: string; readonly reason: string } & SourceMetadataInput
>;

export type SourceCommand = RegisterSource | ReviseSource;
