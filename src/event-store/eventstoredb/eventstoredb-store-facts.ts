import { randomUUID } from 'node:crypto';
import {
  NO_STREAM,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import { StorageError } from '../../event-sourcing/errors.js';
import { drain } from './eventstoredb-reads.js';

/**
 * The stream that holds the store's identity: one event, written by the first instance that asks. It is
 * outside Claimtrail's stream prefixes, so no projection, readAll or subscription ever meets it.
 */
export const STORE_IDENTITY_STREAM = 'claimtrail-store-identity';
const STORE_CREATED = 'StoreCreated';

const readIdentity = async (client: EventStoreDBClient): Promise<string | undefined> => {
  let storeId: string | undefined;
  try {
    await drain(client.readStream(STORE_IDENTITY_STREAM, { maxCount: 1, requiresLeader: true }), (item) => {
      const data = item.event?.data as { storeId?: unknown } | undefined;
      if (typeof data?.storeId === 'string') storeId = data.storeId;
      return false;
    });
  } catch (error) {
    if (error instanceof StreamNotFoundError) return undefined;
    throw error;
  }
  return storeId;
};

/**
 * The cluster's identity: read from its identity stream, or created there with "no stream yet" as the
 * expected revision, so that of two instances starting on a new cluster one writes it and both read the
 * same. A cluster recreated from scratch gets a new one, which is what a kept read model must notice.
 */
export const storeIdentity = async (client: EventStoreDBClient): Promise<string> => {
  const found = await readIdentity(client);
  if (found) return found;
  const storeId = randomUUID();
  try {
    await client.appendToStream(
      STORE_IDENTITY_STREAM,
      jsonEvent({ type: STORE_CREATED, data: { storeId } }),
      {
        expectedRevision: NO_STREAM,
      },
    );
    return storeId;
  } catch (error) {
    if (!(error instanceof WrongExpectedVersionError)) throw error;
    const winner = await readIdentity(client);
    if (!winner) throw new StorageError(`${STORE_IDENTITY_STREAM} exists but holds no store id`);
    return winner;
  }
};

/**
 * The head of Claimtrail's part of `$all` without a walk per call. The client (6.2.1) cannot filter a
 * backwards read of `$all` by stream, so finding the last Claimtrail event means reading back over every
 * system or foreign event after it, which a `/ready` probe every few seconds must not do. The head is the
 * highest of the last walk and every position this process has seen since (its own appends, and events
 * its subscriptions delivered, which come filtered by the server from every writer); a walk runs at most
 * once per `maxAgeMs`, in the background, and only the very first call waits for one.
 */
export class HeadTracker {
  private walked: bigint | undefined;
  private seen = 0n;
  private walkedAt = -Infinity;
  private walking: Promise<bigint> | undefined;
  /** A failed walk is not hidden behind the last good one: the next call walks again, and throws if it fails. */
  private lastWalkFailed = false;

  constructor(
    private readonly walk: () => Promise<bigint>,
    private readonly maxAgeMs = 5_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** A position an append or a subscription has just seen. */
  saw(position: bigint): void {
    if (position > this.seen) this.seen = position;
  }

  async head(): Promise<bigint> {
    if (this.walked === undefined || this.lastWalkFailed) await this.refresh();
    else if (this.now() - this.walkedAt > this.maxAgeMs) void this.refresh().catch(() => undefined);
    const walked = this.walked ?? 0n;
    return walked > this.seen ? walked : this.seen;
  }

  private refresh(): Promise<bigint> {
    this.walking ??= this.walk()
      .then(
        (head) => {
          this.walked = head;
          this.walkedAt = this.now();
          this.lastWalkFailed = false;
          return head;
        },
        (error: unknown) => {
          this.lastWalkFailed = true;
          throw error;
        },
      )
      .finally(() => {
        this.walking = undefined;
      });
    return this.walking;
  }
}
