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

/** The metadata fields a revision changed, with their new values and the values they had. */
export type SourceRevised = DomainEvent<
  'SourceRevised',
  {
    readonly sourceId: string;
    readonly changed: Partial<SourceMetadata>;
    readonly previous: Partial<SourceMetadata>;
    readonly reason: string;
    readonly at: string;
    readonly by: Actor;
  }
>;

export type SourceEvent = SourceRegistered | SourceRevised;

export const SOURCE_EVENT_TYPES = [
  'SourceRegistered',
  'SourceRevised',
] as const satisfies readonly SourceEvent['type'][];

/** The editorial reason a source event records (the decider's `reasonOf`). */
export const sourceEventReason = (event: SourceEvent): string | null =>
  event.type === 'SourceRevised' ? event.data.reason : null;
