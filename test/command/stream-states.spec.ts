import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { claimDecider } from '../../src/claims/domain/claim.decider.js';
import type { ClaimCommand } from '../../src/claims/domain/claim.decider.js';
import type { ClaimEvent } from '../../src/claims/domain/claim.events.js';
import { evolveClaim } from '../../src/claims/domain/claim.evolve.js';
import { initialClaimState } from '../../src/claims/domain/claim.state.js';
import type { EventStore } from '../../src/event-sourcing/event-store.js';
import { handleCommand, rehydrate } from '../../src/event-sourcing/handle-command.js';
import { newId } from '../../src/event-sourcing/ids.js';
import {
  alice,
  attachEvidence,
  bob,
  claimStream,
  metadata,
  proposeClaim,
  raiseCounterpoint,
  respondToCounterpoint,
  seededRandom,
  tagClaim,
} from '../support/claim-helpers.js';
import type { Actor } from '../../src/event-sourcing/metadata.js';
import {
  createStorePlace,
  noteSkippedPostgres,
  STORE_KINDS,
  type LocalStore,
  type StorePlace,
} from '../support/store-places.js';

noteSkippedPostgres('handleCommand with kept stream states');

/** The real store, with the first version of every stream read written down. */
const recordingReads = (store: LocalStore): { store: EventStore; reads: number[] } => {
  const reads: number[] = [];
  const recording = Object.create(store) as LocalStore;
  recording.readStream = (streamId, options = {}) => {
    reads.push(options.fromVersion ?? 1);
    return store.readStream(streamId, options);
  };
  recording.readStreamEvents = (streamId, fromVersion = 1) => {
    reads.push(fromVersion);
    return store.readStreamEvents(streamId, fromVersion);
  };
  return { store: recording, reads };
};

/** By the analyst who attached it (only they, or an editor, may). */
const withdrawEvidence = (claimId: string, evidenceId: string, actor: Actor): ClaimCommand => ({
  type: 'WithdrawEvidence',
  data: { claimId, evidenceId, reason: 'the communique was misquoted' },
  metadata: metadata(actor),
});

/** Commands keep each stream's folded state and read only what was appended since. */
describe.each(STORE_KINDS)('handleCommand with kept stream states (real %s event store)', (kind) => {
  let place: StorePlace;
  let store: LocalStore;
  let claimId: string;
  let stream: string;

  beforeEach(async () => {
    place = await createStorePlace(kind, 'stream-states');
    store = await place.open();
    claimId = newId('claim');
    stream = claimStream(claimId);
  });
  afterEach(async () => {
    await store.close();
    await place.remove();
  });

  it('reads the whole stream once, then only the events after the last command', async () => {
    const { store: recording, reads } = recordingReads(store);
    await handleCommand(recording, stream, claimDecider, proposeClaim(claimId));
    await handleCommand(recording, stream, claimDecider, attachEvidence(claimId, newId('evidence')));
    await handleCommand(recording, stream, claimDecider, tagClaim(claimId, ['summit']));
    expect(reads).toEqual([1, 2, 3]);
  });

  it('folds in what another connection appended before deciding', async () => {
    await handleCommand(store, stream, claimDecider, proposeClaim(claimId));
    const other = await place.open();
    const evidenceId = newId('evidence');
    await handleCommand(other, stream, claimDecider, attachEvidence(claimId, evidenceId));
    await other.close();
    // Withdrawing needs the evidence `other` attached: a state kept from before it would refuse.
    const withdrawn = await handleCommand(
      store,
      stream,
      claimDecider,
      withdrawEvidence(claimId, evidenceId, alice) as never,
    );
    expect(withdrawn.events.map((event) => [event.type, event.version])).toEqual([['EvidenceWithdrawn', 3]]);
  });

  it('recognises an idempotent retry made after the state was kept', async () => {
    await handleCommand(store, stream, claimDecider, proposeClaim(claimId));
    const keyed = attachEvidence(claimId, newId('evidence'), alice, { idempotencyKey: 'k-kept' });
    const first = await handleCommand(store, stream, claimDecider, keyed);
    await handleCommand(store, stream, claimDecider, tagClaim(claimId, ['summit']));
    const retry = await handleCommand(store, stream, claimDecider, keyed);
    expect(retry.duplicate).toBe(true);
    expect(retry.events.map((event) => event.eventId)).toEqual(first.events.map((event) => event.eventId));
    expect(await store.streamVersion(stream)).toBe(3);
  });

  it('keeps the same state a cold fold of the stream gives, over 200 random commands', async () => {
    const random = seededRandom(7);
    await handleCommand(store, stream, claimDecider, proposeClaim(claimId));
    const evidence: Array<{ id: string; by: Actor }> = [];
    const open: string[] = [];
    const tags: string[] = [];
    for (let step = 0; step < 200; step++) {
      const pick = random();
      let command: ClaimCommand;
      if (pick < 0.35 || evidence.length === 0) {
        evidence.push({ id: newId('evidence'), by: random() < 0.5 ? alice : bob });
        command = attachEvidence(claimId, evidence.at(-1)!.id, evidence.at(-1)!.by);
      } else if (pick < 0.5) {
        const withdrawn = evidence.splice(Math.floor(random() * evidence.length), 1)[0]!;
        command = withdrawEvidence(claimId, withdrawn.id, withdrawn.by);
      } else if (pick < 0.7 || open.length === 0) {
        open.push(newId('counterpoint'));
        command = raiseCounterpoint(claimId, open.at(-1)!, bob);
      } else if (pick < 0.85)
        command = respondToCounterpoint(
          claimId,
          open.shift()!,
          random() < 0.5 ? 'ANSWERED' : 'CONCEDED',
          alice,
        );
      else {
        tags.push(`tag-${step}`);
        command = tagClaim(claimId, [tags.at(-1)!], alice, tags.length > 5 ? [tags.shift()!] : []);
      }
      await handleCommand(store, stream, claimDecider, command as never);
    }
    const kept = await rehydrate(store, stream, claimDecider as never);
    const cold = await place.open();
    const events = (await cold.readStream(stream)).map(
      (event) => ({ type: event.type, data: event.data }) as unknown as ClaimEvent,
    );
    await cold.close();
    expect(kept.version).toBe(events.length);
    expect(kept.state).toEqual(events.reduce(evolveClaim, initialClaimState()));
  });
});
