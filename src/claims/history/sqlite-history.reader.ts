import Database from 'better-sqlite3';
import { CLAIM_EVENT_TYPES } from '../domain/claim.events.js';
import type { StoredEvent } from '../../event-sourcing/event-store.js';
import { upcasters as defaultUpcasters, type UpcasterRegistry } from '../../event-sourcing/upcasters.js';
import type { SqliteEventStore } from '../../event-store/sqlite/sqlite-event-store.js';
import type { ArgumentGraphState } from './argument-graph.state.js';
import { GraphCheckpoints } from './graph-checkpoints.js';
import { GRAPH_EVENT_TYPES, type GraphEvent } from './graph-event.js';
import {
  EventStoreHistoryReader,
  splitStream,
  type ClaimStream,
  type HistoryEvent,
  type HistoryReader,
  type LinkMade,
  type NeighbourhoodReader,
  type StreamCut,
} from './history.reader.js';
import {
  ALL_CLAIM_HEADERS,
  CLAIM_EVENTS,
  CLAIM_HEADERS,
  EVIDENCE_EVENTS,
  GRAPH_ROWS,
  LAST_EVENT,
  LINK_TARGET_INDEX,
  LINKS_TO,
  STREAM_GRAPH_ROWS,
  toGraphEvent,
  type ClaimEventRow,
  type GraphRow,
  type LinkRow,
} from './sqlite-history.sql.js';
import { claimStreamId, claimIdOfStream } from '../domain/claim.stream.js';

/**
 * An event whose data is parsed when first read. A fold that never looks at an event's data (the evidence of
 * a graph node nobody asks about) never pays for parsing it.
 */
class LazyEvent implements HistoryEvent {
  private parsed: StoredEvent['data'] | undefined;

  constructor(
    readonly type: string,
    private readonly raw: string,
    readonly version: number,
    readonly position: bigint,
  ) {}

  get data(): StoredEvent['data'] {
    return (this.parsed ??= JSON.parse(this.raw) as StoredEvent['data']);
  }
}

/**
 * Whether events of these types are read as stored: an upcaster for any of them would have to see the whole
 * event, which the SQL projection of a few fields skips.
 */
const storedAsRead = (registry: UpcasterRegistry, types: readonly string[]): boolean =>
  types.every((type) => {
    const probe: StoredEvent = {
      eventId: '',
      type,
      data: {},
      metadata: { schemaVersion: 1 },
      streamId: '',
      version: 1,
      position: 0n,
      recordedAt: new Date(0),
    };
    return registry.apply(probe) === probe;
  });

/** Memory-mapped reads: scans of the log skip a read() call per page (measured 25–30% less time). */
const MMAP_BYTES = 1 << 30;

/**
 * A read-only connection of the history reader's own, tuned for scans; the store's own connection when its
 * database is in memory (no other connection can see it).
 */
const openReadConnection = (store: SqliteEventStore): { db: Database.Database; own: boolean } => {
  const file = store.database.name;
  if (file === ':memory:' || file === '') return { db: store.database, own: false };
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 10000');
  db.pragma(`mmap_size = ${MMAP_BYTES}`);
  return { db, own: true };
};

/**
 * Time travel on the embedded store: the same answers as the port-based reader, from indexed SQL on the
 * events table (per-stream reads on the (stream_id, version) index, the log cut by rowid, the time lookup on
 * the recorded_at index). Reads only events at or before positions the store has committed, so its own
 * connection sees everything it asks for.
 */
export class SqliteHistoryReader implements HistoryReader {
  private readonly db: Database.Database;
  private readonly ownConnection: boolean;
  private readonly fallback: EventStoreHistoryReader;
  private readonly graphs = new GraphCheckpoints((afterPosition, toPosition) =>
    this.graphEvents(toPosition, afterPosition),
  );
  /** No upcaster touches these types, so rows can be read as stored (and parsed lazily, or in SQL). */
  private readonly claimsAsStored: boolean;
  private readonly graphAsStored: boolean;
  private statements:
    | Record<
        'graph' | 'streamGraph' | 'links' | 'claim' | 'headers' | 'header' | 'last' | 'evidence',
        Database.Statement
      >
    | undefined;
  /** Absent when an upcaster reshapes graph events: the SQL reads stored fields, so the whole graph is read. */
  readonly neighbourhood: NeighbourhoodReader | undefined;

  constructor(
    private readonly store: SqliteEventStore,
    private readonly registry: UpcasterRegistry = defaultUpcasters,
  ) {
    // On the store's connection, the one that may write the schema; the read connection sees it at once.
    store.database.exec(LINK_TARGET_INDEX);
    ({ db: this.db, own: this.ownConnection } = openReadConnection(store));
    this.fallback = new EventStoreHistoryReader(store, registry);
    this.claimsAsStored = storedAsRead(registry, CLAIM_EVENT_TYPES);
    this.graphAsStored = storedAsRead(registry, GRAPH_EVENT_TYPES);
    this.neighbourhood = this.graphAsStored
      ? {
          linksTo: async (toClaimIds, toPosition) => this.linksTo(toClaimIds, toPosition),
          graphEventsOf: async (claimIds, toPosition) => this.graphEventsOf(claimIds, toPosition),
        }
      : undefined;
  }

  positionAt(until: Date): Promise<bigint> {
    return this.store.positionAt(until);
  }

  async claimEvents(claimId: string, cut: StreamCut): Promise<HistoryEvent[]> {
    return this.readClaim(claimId, cut);
  }

  streamOnDemand(claimId: string, toPosition: bigint): ClaimStream {
    const streamId = claimStreamId(claimId);
    return this.streamRead(streamId, toPosition, () =>
      this.rows(this.prepared().header.all(streamId, toPosition)),
    );
  }

  async claimStreams(toPosition: bigint, claimIds: readonly string[] | 'all'): Promise<ClaimStream[]> {
    if (claimIds !== 'all') {
      const streams: ClaimStream[] = [];
      for (const claimId of claimIds) {
        const stream = splitStream(claimId, await this.claimEvents(claimId, { toPosition }));
        if (stream) streams.push(stream);
      }
      return streams;
    }
    const { headers } = this.prepared();
    const byStream = new Map<string, HistoryEvent[]>();
    for (const row of headers.all(toPosition) as ClaimEventRow[]) {
      const events = byStream.get(row[5]);
      if (events) events.push(this.toEvent(row));
      else byStream.set(row[5], [this.toEvent(row)]);
    }
    return [...byStream].map(([streamId, events]) => this.streamRead(streamId, toPosition, () => events));
  }

  async graphEvents(toPosition: bigint, afterPosition = 0n): Promise<GraphEvent[]> {
    if (!this.graphAsStored) return this.fallback.graphEvents(toPosition, afterPosition);
    return (this.prepared().graph.all(afterPosition, toPosition) as GraphRow[]).map(toGraphEvent);
  }

  graphAt(toPosition: bigint): Promise<ArgumentGraphState> {
    return this.graphs.at(toPosition);
  }

  private linksTo(toClaimIds: readonly string[], toPosition: bigint): LinkMade[] {
    const rows = this.prepared().links.all(JSON.stringify(toClaimIds), toPosition) as LinkRow[];
    return rows.map(([streamId, toClaimId, kind]) => ({
      fromClaimId: claimIdOfStream(streamId)!,
      toClaimId,
      kind,
    }));
  }

  private graphEventsOf(claimIds: readonly string[], toPosition: bigint): GraphEvent[] {
    const streamIds = JSON.stringify(claimIds.map(claimStreamId));
    return (this.prepared().streamGraph.all(streamIds, toPosition) as GraphRow[]).map(toGraphEvent);
  }

  /** Closes the reader's own connection (Nest calls this on shutdown). */
  onApplicationShutdown(): void {
    if (this.ownConnection && this.db.open) this.db.close();
  }

  /**
   * A stream cut at a position whose parts are read on first use, each by its own indexed query, on the
   * reader's synchronous connection (the log up to the cut never changes): a view that is asked only for its
   * version reads one row, one asked for its statement reads the events other than evidence.
   */
  private streamRead(streamId: string, toPosition: bigint, readEvents: () => HistoryEvent[]): ClaimStream {
    const { last, evidence } = this.prepared();
    let events: HistoryEvent[] | undefined;
    let lastEvent: HistoryEvent | undefined;
    let evidenceEvents: HistoryEvent[] | undefined;
    const readLast = () => {
      const row = last.get(streamId, toPosition) as ClaimEventRow | undefined;
      if (!row) throw new Error(`stream ${streamId} has no events up to position ${toPosition}`);
      return this.toEvent(row);
    };
    const readEvidence = () => this.rows(evidence.all(streamId, toPosition));
    return {
      claimId: claimIdOfStream(streamId)!,
      get events() {
        return (events ??= readEvents());
      },
      get last() {
        return (lastEvent ??= readLast());
      },
      evidence: () => (evidenceEvents ??= readEvidence()),
    };
  }

  private rows(rows: unknown[]): HistoryEvent[] {
    return (rows as ClaimEventRow[]).map((row) => this.toEvent(row));
  }

  private readClaim(claimId: string, { toVersion, toPosition }: StreamCut): HistoryEvent[] {
    const rows = this.prepared().claim.all(
      claimStreamId(claimId),
      toVersion ?? Number.MAX_SAFE_INTEGER,
      toPosition ?? BigInt(Number.MAX_SAFE_INTEGER),
    ) as ClaimEventRow[];
    return rows.map((row) => this.toEvent(row));
  }

  private toEvent([type, data, metadata, version, position, streamId]: ClaimEventRow): HistoryEvent {
    if (this.claimsAsStored) return new LazyEvent(type, data, version, BigInt(position));
    const stored: StoredEvent = {
      eventId: '',
      type,
      data: JSON.parse(data) as StoredEvent['data'],
      metadata: JSON.parse(metadata!) as StoredEvent['metadata'],
      streamId,
      version,
      position: BigInt(position),
      recordedAt: new Date(0),
    };
    const upcast = this.registry.apply(stored);
    return { type: upcast.type, data: upcast.data, version, position: stored.position };
  }

  private prepared() {
    // Metadata only matters to upcasters (its schemaVersion); without any, it is not even fetched.
    const raw = (sql: string) =>
      this.db.prepare(sql.replace('METADATA', this.claimsAsStored ? 'NULL' : 'metadata')).raw();
    this.statements ??= {
      graph: this.db.prepare(GRAPH_ROWS).raw(),
      streamGraph: this.db.prepare(STREAM_GRAPH_ROWS).raw(),
      links: this.db.prepare(LINKS_TO).raw(),
      claim: raw(CLAIM_EVENTS),
      headers: raw(ALL_CLAIM_HEADERS),
      header: raw(CLAIM_HEADERS),
      last: raw(LAST_EVENT),
      evidence: raw(EVIDENCE_EVENTS),
    };
    return this.statements;
  }
}
