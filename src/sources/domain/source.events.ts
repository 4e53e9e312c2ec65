import type { DomainEvent } from '../../event-sourcing/decider.js';
import type { Actor } from '../../event-sourcing/metadata.js';
import type { SourceMetadata } from './source.values.js';

/** Stored event type names never change (docs/architecture.md §2); a change of shape adds an upcaster. */

export type SourceRegistered = DomainEvent<
  'SourceRegistered',
  { readonly sourceId: string } & SourceMetadata & {
      /** Kept verbatim (never trimmed): quote offsets index into it. */
      readonly text: string | null;
      /** SHA-256 of `text` (UTF-8), lower-case hex; null when there is no text. */
      readonly textHash: string | null;
      readonly at: string;
      readonly by: Actor;
    }
>;

export type SourceEvent = SourceRegistered;

export const SOURCE_EVENT_TYPES = ['SourceRegistered'] as const satisfies readonly SourceEvent['type'][];
