import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../event-sourcing/event-store.js';
import { upcasters } from '../../event-sourcing/upcasters.js';
import type { SourceEvent } from '../domain/source.events.js';
import { evolveSource, initialSourceState } from '../domain/source.state.js';
import { sourceStreamId } from '../domain/source.stream.js';
import { textLengthOf, type SourceView } from '../read-model/source-rows.js';

/**
 * A source as its stored events leave it, whatever the read model has applied: what a mutation answers when
 * the read model is behind its write. The same fold the decider runs, shown as the read model shows it.
 */
@Injectable()
export class SourceAsStored {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async source(sourceId: string): Promise<SourceView | null> {
    const stored = await this.store.readStream(sourceStreamId(sourceId));
    const state = stored
      .map((event) => upcasters.apply(event) as unknown as SourceEvent)
      .reduce(evolveSource, initialSourceState());
    if (state.status !== 'registered') return null;
    const { status: _status, sourceId: id, ...source } = state;
    return { ...source, id, textLength: textLengthOf(source.text) };
  }
}
