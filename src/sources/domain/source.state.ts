import type { Actor } from '../../event-sourcing/metadata.js';
import type { SourceEvent } from './source.events.js';
import type { SourceMetadata } from './source.values.js';

export type SourceState =
  | { readonly status: 'none' }
  | ({ readonly status: 'registered'; readonly sourceId: string } & SourceMetadata & {
        readonly text: string | null;
        readonly textHash: string | null;
        readonly registeredBy: Actor;
        readonly registeredAt: string;
      });

export type RegisteredSource = Extract<SourceState, { status: 'registered' }>;

export const initialSourceState = (): SourceState => ({ status: 'none' });

export const evolveSource = (_state: SourceState, event: SourceEvent): SourceState => {
  switch (event.type) {
    case 'SourceRegistered': {
      const { at, by, ...source } = event.data;
      return { status: 'registered', ...source, registeredBy: by, registeredAt: at };
    }
    default: {
      const unexpected: never = event.type;
      throw new Error(`unknown source event ${String(unexpected)}`);
    }
  }
};
