import { Inject, Injectable } from '@nestjs/common';
import { parseAsOf } from '../../claims/history/claim-at.service.js';
import { HISTORY_READER, type HistoryReader } from '../../claims/history/history.reader.js';
import { EVENT_STORE, type EventStore } from '../../event-sourcing/event-store.js';
import { upcasters } from '../../event-sourcing/upcasters.js';
import type { SourceEvent } from '../domain/source.events.js';
import { evolveSource, initialSourceState, type SourceState } from '../domain/source.state.js';
import { sourceStreamId } from '../domain/source.stream.js';
import { textLengthOf } from '../read-model/source-rows.js';
import { revisionChanges, type SourceRevisionView, type SourceView } from '../read-model/sources.queries.js';

/**
 * A source as it stood at a moment, folded from its own stream (docs/architecture.md §5: time travel needs
 * no read model): its metadata after the revisions made by then, and those revisions. The text never
 * changes, so a quote's offsets mean the same at every moment.
 */
@Injectable()
export class SourceAtService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: Pick<EventStore, 'readStream'>,
    @Inject(HISTORY_READER) private readonly history: Pick<HistoryReader, 'positionAt'>,
  ) {}

  async asOf(sourceId: string, asOf: string): Promise<SourceView | null> {
    const position = await this.history.positionAt(parseAsOf(asOf));
    return position === 0n ? null : this.at(sourceId, position);
  }

  /**
   * As its stored events leave it, whatever the read model has applied: what a mutation answers when the
   * read model is behind its write.
   */
  asStored(sourceId: string): Promise<SourceView | null> {
    return this.at(sourceId, BigInt(Number.MAX_SAFE_INTEGER));
  }

  /** After every event up to and including `position`; null if it was not registered by then. */
  async at(sourceId: string, position: bigint): Promise<SourceView | null> {
    const stored = await this.store.readStream(sourceStreamId(sourceId));
    let state: SourceState = initialSourceState();
    const revisions: SourceRevisionView[] = [];
    for (const event of stored) {
      if (event.position > position) break;
      const { type, data } = upcasters.apply(event);
      const sourceEvent = { type, data } as unknown as SourceEvent;
      state = evolveSource(state, sourceEvent);
      if (sourceEvent.type === 'SourceRevised') {
        revisions.push({
          sourceId,
          version: event.version,
          changes: revisionChanges(sourceEvent.data.changed, sourceEvent.data.previous),
          reason: sourceEvent.data.reason,
          revisedBy: sourceEvent.data.by,
          revisedAt: sourceEvent.data.at,
        });
      }
    }
    if (state.status !== 'registered') return null;
    const { status: _status, sourceId: _id, registeredBy, registeredAt, version, ...fields } = state;
    return {
      id: sourceId,
      ...fields,
      textLength: textLengthOf(fields.text),
      registeredBy,
      registeredAt,
      version,
      revisions,
    };
  }
}
