import type { Provider } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../event-sourcing/event-store.js';
import { SqliteEventStore } from '../../event-store/sqlite/sqlite-event-store.js';
import { ArgumentGraphAtHandler } from './argument-graph-at.handler.js';
import { ClaimAtService } from './claim-at.service.js';
import { GraphAtService } from './graph-at.service.js';
import { EventStoreHistoryReader, HISTORY_READER, type HistoryReader } from './history.reader.js';
import { SqliteHistoryReader } from './sqlite-history.reader.js';

/** The embedded store gets the SQL reader; any other adapter is read through the port. */
export const historyReaderFor = (store: EventStore): HistoryReader =>
  store instanceof SqliteEventStore ? new SqliteHistoryReader(store) : new EventStoreHistoryReader(store);

/** Time travel, for the module that serves claims and the argument graph. */
export const HISTORY_PROVIDERS: Provider[] = [
  { provide: HISTORY_READER, inject: [EVENT_STORE], useFactory: historyReaderFor },
  ClaimAtService,
  GraphAtService,
  ArgumentGraphAtHandler,
];
