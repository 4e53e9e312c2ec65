import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import type { ClaimCommand } from '../../src/claims/domain/claim.decider.js';
import { claimDecider } from '../../src/claims/domain/claim.decider.js';
import type { RelationKind, Verdict } from '../../src/claims/domain/claim.values.js';
import type { EventStore, StoredEvent } from '../../src/event-sourcing/event-store.js';
import { handleCommand } from '../../src/event-sourcing/handle-command.js';
import { newId } from '../../src/event-sourcing/ids.js';
import type { Actor } from '../../src/event-sourcing/metadata.js';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import { ClaimAtService } from '../../src/claims/history/claim-at.service.js';
import { GraphAtService } from '../../src/claims/history/graph-at.service.js';
import { EventStoreHistoryReader, type HistoryReader } from '../../src/claims/history/history.reader.js';
import { SqliteHistoryReader } from '../../src/claims/history/sqlite-history.reader.js';
import { alice, claimStream, erin, metadata } from '../support/claim-helpers.js';
import { tempDir } from '../support/temp-dir.js';

/** The two ways time travel reads the log: indexed SQL on the embedded store, and the port alone. */
export type ReaderKind = 'sqlite' | 'port' | 'port without positionAt';
export const READER_KINDS: readonly ReaderKind[] = ['sqlite', 'port', 'port without positionAt'];

/** The port minus the optional time lookup: what an adapter without `positionAt` offers. */
const withoutPositionAt = (store: EventStore): EventStore => ({
  append: (...args) => store.append(...args),
  readStream: (...args) => store.readStream(...args),
  readAll: (...args) => store.readAll(...args),
  subscribeAll: (...args) => store.subscribeAll(...args),
  streamVersion: (...args) => store.streamVersion(...args),
  headPosition: () => store.headPosition(),
  storeId: () => store.storeId(),
  close: () => store.close(),
});

export const readerFor = (store: SqliteEventStore, kind: ReaderKind): HistoryReader => {
  switch (kind) {
    case 'sqlite':
      return new SqliteHistoryReader(store);
    case 'port':
      return new EventStoreHistoryReader(store);
    case 'port without positionAt':
      return new EventStoreHistoryReader(withoutPositionAt(store));
  }
};

/** Closes what a reader opened of its own (the SQLite reader's read connection). */
export const closeReader = (reader: HistoryReader): void => {
  if (reader instanceof SqliteHistoryReader) reader.onApplicationShutdown();
};

/**
 * A real SQLite event store on a temp file, commands through the real deciders and handleCommand, and the
 * time-travel services over it. `step` returns the stored events and makes sure the clock has moved on, so
 * that every step has a recording time of its own.
 */
export class HistoryEnv {
  private readonly dir = tempDir('history');
  readonly store = SqliteEventStore.open({ file: join(this.dir.path, 'events.db'), synchronous: 'NORMAL' });
  readonly reader: HistoryReader;
  readonly claims: ClaimAtService;
  readonly graphs: GraphAtService;

  constructor(kind: ReaderKind = 'sqlite') {
    this.reader = readerFor(this.store, kind);
    this.claims = new ClaimAtService(this.reader);
    this.graphs = new GraphAtService(this.reader);
  }

  async step(claimId: string, command: ClaimCommand): Promise<StoredEvent> {
    const result = await handleCommand(this.store, claimStream(claimId), claimDecider, command);
    const [event] = result.events;
    if (!event) throw new Error(`${command.type} appended nothing`);
    await clockMovesPast(event.recordedAt);
    return event;
  }

  async propose(
    statement = 'Central Asia moved from geopolitical object to subject',
    actor: Actor = alice,
  ): Promise<{ claimId: string; event: StoredEvent }> {
    const claimId = newId('claim');
    const event = await this.step(claimId, {
      type: 'ProposeClaim',
      data: { claimId, statement, tags: ['central-asia'] },
      metadata: metadata(actor),
    });
    return { claimId, event };
  }

  async close(): Promise<void> {
    closeReader(this.reader);
    await this.store.close();
    this.dir.remove();
  }
}

/** Waits until Date.now() is past `time`, so the next append is recorded strictly later. */
export const clockMovesPast = async (time: Date): Promise<void> => {
  while (Date.now() <= time.getTime() + 1) await sleep(2);
};

/** Just before an event was recorded: the moment before it. */
export const before = (event: StoredEvent): string => new Date(event.recordedAt.getTime() - 1).toISOString();
/** The moment an event was recorded (it is included). */
export const at = (event: StoredEvent): string => event.recordedAt.toISOString();

export const revise = (claimId: string, statement: string, reason = 'Closer to the op-ed'): ClaimCommand => ({
  type: 'ReviseClaim',
  data: { claimId, statement, reason },
  metadata: metadata(alice),
});

export const withdraw = (
  claimId: string,
  evidenceId: string,
  reason = 'The deals were only memoranda',
): ClaimCommand => ({
  type: 'WithdrawEvidence',
  data: { claimId, evidenceId, reason },
  metadata: metadata(alice),
});

export const unlink = (
  claimId: string,
  toClaimId: string,
  kind: RelationKind,
  reason = 'Not an attack after all',
  /** Only the analyst who linked, or an editor, may unlink. */
  actor: Actor = alice,
): ClaimCommand => ({
  type: 'UnlinkClaims',
  data: { claimId, toClaimId, kind, reason },
  metadata: metadata(actor),
});

export const assess = (
  claimId: string,
  verdict: Verdict = 'MISLEADING',
  rationale = 'Overstates the change',
): ClaimCommand => ({
  type: 'AssessClaim',
  data: { claimId, verdict, confidence: 0.7, rationale },
  metadata: metadata(erin),
});
