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

export type SourceCommand = RegisterSource;
