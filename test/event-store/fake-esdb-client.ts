/**
 * A stand-in for the parts of `@eventstore/db-client`'s client that the append path uses, so that the
 * adapter's control flow can be exercised where no server runs. It follows the server's documented
 * rules for expected revisions and id-based idempotency (KurrentDB `IndexWriter.CheckCommit`), and the
 * client's error shapes; it is not a substitute for the contract suite against a real server.
 */
import { Readable } from 'node:stream';
import {
  ANY,
  BACKWARDS,
  END,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendResult,
  type AppendToStreamOptions,
  type EventData,
  type EventStoreDBClient,
  type ReadStreamOptions,
  type RecordedEvent,
} from '@eventstore/db-client';

interface FakeRecord {
  readonly streamId: string;
  readonly id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly created: Date;
}

type Proposed = { id: string; type: string; data: unknown; metadata?: unknown };

export class FakeEsdbClient {
  readonly appendCalls: Array<{ streamName: string; ids: string[]; expectedRevision: unknown }> = [];
  /** Runs once, just before the next append reaches the fake server: stages a concurrent writer. */
  beforeNextAppend: (() => void) | undefined;
  private readonly streams = new Map<string, FakeRecord[]>();
  private nextPosition = 4096n;

  asClient(): EventStoreDBClient {
    return this as unknown as EventStoreDBClient;
  }

  /** An unconditional write, as another process would make it. */
  write(streamName: string, events: readonly Proposed[]): void {
    const stream = this.streams.get(streamName) ?? [];
    this.streams.set(streamName, stream);
    for (const event of events) {
      stream.push({
        streamId: streamName,
        id: event.id,
        type: event.type,
        // Stored as bytes would be: a bigint or a cycle would fail here, as in the real client.
        data: JSON.stringify(event.data),
        metadata: JSON.stringify(event.metadata ?? {}),
        revision: BigInt(stream.length),
        position: (this.nextPosition += 137n),
        created: new Date(),
      });
    }
  }

  eventIds(streamName: string): string[] {
    return (this.streams.get(streamName) ?? []).map((record) => record.id);
  }

  async appendToStream(
    streamName: string,
    events: EventData | EventData[],
    { expectedRevision = ANY }: AppendToStreamOptions = {},
  ): Promise<AppendResult> {
    const proposed = (Array.isArray(events) ? events : [events]) as Proposed[];
    this.appendCalls.push({ streamName, ids: proposed.map((event) => event.id), expectedRevision });
    const staged = this.beforeNextAppend;
    this.beforeNextAppend = undefined;
    staged?.();

    const stream = this.streams.get(streamName) ?? [];
    const current = BigInt(stream.length) - 1n;
    const wrongExpectedVersion = () =>
      new WrongExpectedVersionError(undefined, {
        streamName,
        expected: expectedRevision,
        current: current < 0n ? NO_STREAM : current,
      });
    const idempotent = (lastRevision: bigint): AppendResult => ({
      success: true,
      nextExpectedRevision: lastRevision,
    });

    if (expectedRevision === ANY) {
      const found = proposed.map((event) => stream.find((record) => record.id === event.id));
      if (found[0] !== undefined) {
        if (found.some((record) => record === undefined)) throw wrongExpectedVersion();
        return idempotent(found.at(-1)!.revision);
      }
    } else if (typeof expectedRevision === 'bigint' || expectedRevision === NO_STREAM) {
      const expected = expectedRevision === NO_STREAM ? -1n : expectedRevision;
      if (expected > current) throw wrongExpectedVersion();
      if (expected < current) {
        const matches = proposed.every(
          (event, index) => stream[Number(expected) + 1 + index]?.id === event.id,
        );
        if (!matches) throw wrongExpectedVersion();
        return idempotent(expected + BigInt(proposed.length));
      }
    }
    this.write(streamName, proposed);
    const last = this.streams.get(streamName)!.at(-1)!;
    return {
      success: true,
      nextExpectedRevision: last.revision,
      position: { commit: last.position, prepare: last.position },
    };
  }

  /** Every call of readAll, so tests can count walks of `$all`. */
  readonly readAllCalls: Array<{ direction: unknown; fromPosition: unknown }> = [];

  /** `$all` in log order (or backwards from the end), every stream's records interleaved by position. */
  readAll(options: { direction?: unknown; fromPosition?: unknown; maxCount?: number } = {}) {
    this.readAllCalls.push({ direction: options.direction, fromPosition: options.fromPosition });
    const records = [...this.streams.values()].flat().sort((a, b) => (a.position < b.position ? -1 : 1));
    const ordered = options.direction === BACKWARDS ? records.reverse() : records;
    const limit = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const toRecorded = (record: FakeRecord) => this.recorded(record);
    async function* read() {
      for (const record of ordered.slice(0, limit))
        yield { event: toRecorded(record), commitPosition: record.position };
    }
    const readable = Readable.from(read());
    return Object.assign(readable, { cancel: async () => void readable.destroy() });
  }

  private recorded(record: FakeRecord): RecordedEvent {
    return {
      streamId: record.streamId,
      id: record.id,
      isJson: true,
      revision: record.revision,
      type: record.type,
      created: record.created,
      data: JSON.parse(record.data) as unknown,
      metadata: JSON.parse(record.metadata) as unknown,
      position: { commit: record.position, prepare: record.position },
    } as RecordedEvent;
  }

  readStream(streamName: string, options: ReadStreamOptions = {}) {
    const { fromRevision = START, direction, maxCount = Number.MAX_SAFE_INTEGER } = options;
    const stream = this.streams.get(streamName);
    const toRecorded = (record: FakeRecord): RecordedEvent => this.recorded(record);
    async function* read() {
      if (!stream || stream.length === 0) throw new StreamNotFoundError(undefined, streamName);
      const ordered = direction === BACKWARDS ? [...stream].reverse() : stream;
      const start =
        fromRevision === START || fromRevision === END
          ? 0
          : ordered.findIndex((record) =>
              direction === BACKWARDS ? record.revision <= fromRevision : record.revision >= fromRevision,
            );
      if (start < 0) return;
      for (const record of ordered.slice(start, start + Number(maxCount)))
        yield { event: toRecorded(record) };
    }
    const readable = Readable.from(read());
    return Object.assign(readable, { cancel: async () => void readable.destroy() });
  }
}
