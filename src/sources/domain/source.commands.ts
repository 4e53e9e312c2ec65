import type { Command } from '../../event-sourcing/metadata.js';

export type RegisterSource = Command<
  'RegisterSource',
  {
    /** A `src_` id, generated outside the domain (derived from the idempotency key when there is one). */
    readonly sourceId: string;
    readonly title: string;
    readonly url?: string | null;
    readonly author?: string | null;
    readonly publisher?: string | null;
    readonly publishedAt?: string | null;
    readonly language?: string | null;
    readonly text?: string | null;
  }
>;

export type SourceCommand = RegisterSource;
