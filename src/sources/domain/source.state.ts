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
        /** Events in the source's stream: 1 as registered, one more per revision. */
        readonly version: number;
      });

export type RegisteredSource = Extract<SourceState, { status: 'registered' }>;

export const initialSourceState = (): SourceState => ({ status: 'none' });

export const evolveSource = (state: SourceState, event: SourceEvent): SourceState => {
  switch (event.type) {
    case 'SourceRegistered': {
      const { at, by, ...source } = event.data;
      return {
        status: 'registered',
        ...source,
        registeredBy: by,
        registeredAt: at,
        version: 1,
      };
    }
    case 'SourceRevised':
      // Deciders revise only registered sources; anything else is a corrupt stream.
      if (state.status !== 'registered')
        throw new Error(`SourceRevised before SourceRegistered for ${event.data.sourceId}`);
      return { ...state, ...event.data.changed, version: state.version + 1 };
    default: {
      const unexpected: never = event;
      throw new Error(`unknown source event ${JSON.stringify(unexpected)}`);
    }
  }
};
