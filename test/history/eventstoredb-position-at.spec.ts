import { describe, expect, it } from '@jest/globals';
import { BACKWARDS, END, type EventStoreDBClient } from '@eventstore/db-client';
import { EventStoreDbReads } from '../../src/event-store/eventstoredb/eventstoredb-reads.js';

interface FakeRecord {
  readonly streamId: string;
  readonly type: string;
  readonly commit: bigint;
  readonly created: Date;
}

/**
 * Just enough of the client's `readAll` for the backwards walk: the log newest first, cancellable. What the
 * walk asks for is recorded, so the spec can see it reads backwards from the end and stops early.
 */
const fakeClient = (log: readonly FakeRecord[]) => {
  const calls: Array<{ direction: unknown; fromPosition: unknown; delivered: number; cancelled: boolean }> =
    [];
  const client = {
    readAll(options: { direction: unknown; fromPosition: unknown }) {
      const call = {
        direction: options.direction,
        fromPosition: options.fromPosition,
        delivered: 0,
        cancelled: false,
      };
      calls.push(call);
      const newestFirst = [...log].reverse();
      return {
        async *[Symbol.asyncIterator]() {
          for (const record of newestFirst) {
            if (call.cancelled) return;
            call.delivered++;
            yield {
              event: {
                id: `id-${record.commit}`,
                streamId: record.streamId,
                type: record.type,
                revision: 0n,
                created: record.created,
                isJson: true,
                data: {},
                metadata: {},
                position: { commit: record.commit, prepare: record.commit },
              },
              commitPosition: record.commit,
            };
          }
        },
        async cancel() {
          call.cancelled = true;
        },
      };
    },
  };
  return { client: client as unknown as EventStoreDBClient, calls };
};

const at = (minute: number) => new Date(Date.UTC(2025, 9, 28, 0, minute));

describe('EventStoreDB positionAt: the last Claimtrail event recorded by a time', () => {
  const log: FakeRecord[] = [
    { streamId: 'claim-a', type: 'ClaimProposed', commit: 100n, created: at(1) },
    { streamId: '$stats-1', type: '$statsCollected', commit: 150n, created: at(2) },
    { streamId: 'claim-a', type: 'ClaimTagged', commit: 200n, created: at(3) },
    { streamId: 'other-app', type: 'Something', commit: 250n, created: at(4) },
    { streamId: 'claim-b', type: 'ClaimProposed', commit: 300n, created: at(5) },
    { streamId: 'claim-b', type: 'ClaimTagged', commit: 400n, created: at(7) },
  ];

  it('walks $all backwards from the end and stops at the first Claimtrail event old enough', async () => {
    const { client, calls } = fakeClient(log);
    const reads = new EventStoreDbReads(client, ['claim-', 'source-', 'access-']);
    expect(await reads.positionAt(at(6))).toBe(300n);
    expect(calls[0]).toMatchObject({
      direction: BACKWARDS,
      fromPosition: END,
      delivered: 2,
      cancelled: true,
    });
  });

  it('skips system and foreign events, includes an event recorded exactly then, and is 0n before the first', async () => {
    const { client } = fakeClient(log);
    const reads = new EventStoreDbReads(client, ['claim-', 'source-', 'access-']);
    expect(await reads.positionAt(at(4))).toBe(200n);
    expect(await reads.positionAt(at(3))).toBe(200n);
    expect(await reads.positionAt(at(8))).toBe(400n);
    expect(await reads.positionAt(at(0))).toBe(0n);
  });
});
