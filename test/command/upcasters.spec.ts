import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { claimDecider } from '../../src/claims/domain/claim.decider.js';
import type { WithdrawEvidence } from '../../src/claims/domain/claim-debate.decide.js';
import { IllegalStateError, NotFoundError } from '../../src/event-sourcing/errors.js';
import type { StoredEvent } from '../../src/event-sourcing/event-store.js';
import { handleCommand } from '../../src/event-sourcing/handle-command.js';
import { newId, randomEventId } from '../../src/event-sourcing/ids.js';
import {
  CURRENT_SCHEMA_VERSION,
  UpcasterRegistry,
  upcasters,
  type Upcaster,
} from '../../src/event-sourcing/upcasters.js';
import { alice, attachEvidence, claimStream, metadata, proposeClaim } from '../support/claim-helpers.js';
import {
  createStorePlace,
  noteSkippedPostgres,
  STORE_KINDS,
  type LocalStore,
  type StorePlace,
} from '../support/store-places.js';

/**
 * A hypothetical history of EvidenceAttached: in shape 1 the evidence id was `id`, the citation was `source`
 * and there was no `reliability`; shape 2 is today's.
 */
const evidenceV1toV2: Upcaster = {
  type: 'EvidenceAttached',
  fromVersion: 1,
  upcast: ({ id, source, ...rest }) => ({ ...rest, evidenceId: id, citation: source, reliability: null }),
};

const citation = {
  url: 'https://example.org/communique',
  title: 'Dushanbe summit communique',
  publisher: null,
  author: null,
  publishedAt: null,
  accessedAt: null,
  quote: null,
};

const storedEvent = (type: string, data: Record<string, unknown>, schemaVersion?: number): StoredEvent => ({
  eventId: randomEventId(),
  type,
  data,
  metadata: schemaVersion === undefined ? { actorId: 'alice' } : { actorId: 'alice', schemaVersion },
  streamId: 'claim-x',
  version: 2,
  position: 7n,
  recordedAt: new Date('2025-10-28T09:30:00Z'),
});

const by = { id: 'alice', role: 'ANALYST' };
const v1Data = (evidenceId: string, claimId = 'clm_x') => ({
  claimId,
  id: evidenceId,
  stance: 'SUPPORTS',
  summary: 'The communique names a joint secretariat',
  source: citation,
  at: '2025-10-28T09:30:00.000Z',
  by,
});

describe('UpcasterRegistry', () => {
  const registry = new UpcasterRegistry([evidenceV1toV2], 2);

  it('turns a stored older shape into the current shape and reports the current schemaVersion', () => {
    const old = storedEvent('EvidenceAttached', v1Data('evd_1'), 1);
    const upcast = registry.apply(old);
    expect(upcast.data).toEqual({
      claimId: 'clm_x',
      evidenceId: 'evd_1',
      stance: 'SUPPORTS',
      summary: 'The communique names a joint secretariat',
      citation,
      reliability: null,
      at: '2025-10-28T09:30:00.000Z',
      by,
    });
    expect(upcast.metadata['schemaVersion']).toBe(2);
    expect(upcast.metadata['actorId']).toBe('alice');
    // Everything else about the stored event stays as stored, and the stored object is not mutated.
    expect({ ...upcast, data: undefined, metadata: undefined }).toEqual({
      ...old,
      data: undefined,
      metadata: undefined,
    });
    expect(old.data).toEqual(v1Data('evd_1'));
    expect(old.metadata['schemaVersion']).toBe(1);
  });

  it('treats an event without schemaVersion as version 1', () => {
    const upcast = registry.apply(storedEvent('EvidenceAttached', v1Data('evd_2')));
    expect(upcast.data['evidenceId']).toBe('evd_2');
    expect(upcast.metadata['schemaVersion']).toBe(2);
  });

  it('passes events at the current version through untouched', () => {
    const current = storedEvent('EvidenceAttached', { evidenceId: 'evd_3', citation, reliability: 0.5 }, 2);
    expect(registry.apply(current)).toBe(current);
  });

  it('passes events of types without upcasters through untouched', () => {
    const proposed = storedEvent('ClaimProposed', { claimId: 'clm_x', statement: 'abc' }, 1);
    expect(registry.apply(proposed).data).toBe(proposed.data);
  });

  it('steps through several versions in order', () => {
    const chain = new UpcasterRegistry(
      [
        {
          type: 'T',
          fromVersion: 2,
          upcast: (data) => ({ ...data, steps: [...(data['steps'] as string[]), '2→3'] }),
        },
        {
          type: 'T',
          fromVersion: 1,
          upcast: (data) => ({ ...data, steps: [...(data['steps'] as string[]), '1→2'] }),
        },
      ],
      3,
    );
    const upcast = chain.apply(storedEvent('T', { steps: [] }, 1));
    expect(upcast.data['steps']).toEqual(['1→2', '2→3']);
    expect(upcast.metadata['schemaVersion']).toBe(3);
    expect(chain.apply(storedEvent('T', { steps: [] }, 2)).data['steps']).toEqual(['2→3']);
  });

  it('the registry in force is empty while every stored shape is current', () => {
    const event = storedEvent('EvidenceAttached', { evidenceId: 'evd_4' }, CURRENT_SCHEMA_VERSION);
    expect(upcasters.apply(event)).toBe(event);
  });
});

noteSkippedPostgres('handleCommand with an upcaster registry');

describe.each(STORE_KINDS)('handleCommand with an upcaster registry (real %s event store)', (kind) => {
  let place: StorePlace;
  let store: LocalStore;
  let claimId: string;
  let stream: string;
  const registry = new UpcasterRegistry([evidenceV1toV2], 2);
  const oldEvidence = newId('evidence');

  const withdraw = (evidenceId: string): WithdrawEvidence => ({
    type: 'WithdrawEvidence',
    data: { claimId, evidenceId, reason: 'Superseded' },
    metadata: metadata(alice),
  });

  beforeEach(async () => {
    place = await createStorePlace(kind, 'upcasters');
    store = await place.open();
    claimId = newId('claim');
    stream = claimStream(claimId);
    await handleCommand(store, stream, claimDecider, proposeClaim(claimId));
    // A raw event in the old shape, as an older release of Claimtrail stored it.
    await store.append(
      stream,
      [
        {
          eventId: randomEventId(),
          type: 'EvidenceAttached',
          data: v1Data(oldEvidence, claimId),
          metadata: { actorId: 'alice', actorRole: 'ANALYST', schemaVersion: 1 },
        },
      ],
      { expectedVersion: 1 },
    );
  });
  afterEach(async () => {
    await store.close();
    await place.remove();
  });

  it('folds the older stored shape: the old evidence is found by its id and can be withdrawn', async () => {
    const result = await handleCommand(store, stream, claimDecider, withdraw(oldEvidence), {}, registry);
    expect(result.events[0]!.type).toBe('EvidenceWithdrawn');
    expect(result.events[0]!.data['evidenceId']).toBe(oldEvidence);
    expect(result.nextVersion).toBe(3);
  });

  it('folds the older stored shape through readStream too, for stores without the lighter read', async () => {
    const withoutLighterRead = Object.create(store, {
      readStreamEvents: { value: undefined },
    }) as LocalStore;
    const result = await handleCommand(
      withoutLighterRead,
      stream,
      claimDecider,
      withdraw(oldEvidence),
      {},
      registry,
    );
    expect(result.events[0]!.data['evidenceId']).toBe(oldEvidence);
    expect(result.nextVersion).toBe(3);
  });

  it('the decider sees the upcast fields (a second evidence with the old id is refused as taken)', async () => {
    await expect(
      handleCommand(store, stream, claimDecider, attachEvidence(claimId, oldEvidence), {}, registry),
    ).rejects.toBeInstanceOf(IllegalStateError);
  });

  it('without the upcaster the old shape is not understood (so the test above is really about the upcaster)', async () => {
    await expect(handleCommand(store, stream, claimDecider, withdraw(oldEvidence))).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  // Both fail today: handleCommand stamps CURRENT_SCHEMA_VERSION (1) rather than the registry's current version.
  it("writes new events with the registry's current schemaVersion", async () => {
    const attached = await handleCommand(
      store,
      stream,
      claimDecider,
      attachEvidence(claimId, newId('evidence')),
      {},
      registry,
    );
    expect(attached.events[0]!.metadata['schemaVersion']).toBe(2);
    const [stored] = await store.readStream(stream, { fromVersion: 3 });
    expect(stored!.metadata['schemaVersion']).toBe(2);
  });

  it('does not upcast events it has just written in the current shape (evidence attached today can be withdrawn)', async () => {
    const fresh = newId('evidence');
    await handleCommand(store, stream, claimDecider, attachEvidence(claimId, fresh), {}, registry);
    const withdrawn = await handleCommand(store, stream, claimDecider, withdraw(fresh), {}, registry);
    expect(withdrawn.events[0]!.data['evidenceId']).toBe(fresh);
  });
});
