import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { UpcasterRegistry } from '../../src/event-sourcing/upcasters.js';
import { ClaimAtService } from '../../src/claims/history/claim-at.service.js';
import { GraphAtService } from '../../src/claims/history/graph-at.service.js';
import { EventStoreHistoryReader } from '../../src/claims/history/history.reader.js';
import { SqliteHistoryReader } from '../../src/claims/history/sqlite-history.reader.js';
import { linkClaims } from '../support/claim-helpers.js';
import { closeReader, HistoryEnv } from './history-fixture.js';

/**
 * Stored shapes never change; upcasters lift old ones on read (docs/architecture.md §2). Time travel reads through them on
 * every path, the SQL shortcuts included: with an upcaster in force for a type, those fall back to whole events.
 */
const registry = new UpcasterRegistry(
  [
    {
      type: 'ClaimProposed',
      fromVersion: 1,
      upcast: (data) => ({ ...data, statement: `${String(data['statement'])} (as upcast)` }),
    },
    {
      type: 'ClaimLinked',
      fromVersion: 1,
      upcast: (data) => ({ ...data, rationale: 'filled in by an upcaster' }),
    },
  ],
  2,
);

describe.each(['sqlite', 'port'] as const)('time travel through upcasters (%s reader)', (kind) => {
  let env: HistoryEnv;
  beforeEach(() => {
    env = new HistoryEnv();
  });
  afterEach(async () => {
    await env.close();
  });

  it('shows claims, relations and graphs in the current shape of their events', async () => {
    const reader =
      kind === 'sqlite'
        ? new SqliteHistoryReader(env.store, registry)
        : new EventStoreHistoryReader(env.store, registry);
    const { claimId: from } = await env.propose('Russia lost its grip on the region');
    const { claimId: to } = await env.propose('Central Asia acts on its own');
    await env.step(from, linkClaims(from, to, 'SUPPORTS'));
    const claim = await new ClaimAtService(reader).claimAt(from, { atVersion: 2 });
    expect(claim).toMatchObject({ statement: 'Russia lost its grip on the region (as upcast)' });
    expect(claim!.relations).toEqual([
      expect.objectContaining({ toId: to, rationale: 'filled in by an upcaster' }),
    ]);
    const graph = await new GraphAtService(reader).graphAt(null, 3, '2999-01-01T00:00:00Z');
    expect(graph.nodes.map((node) => node.statement).sort()).toEqual([
      'Central Asia acts on its own (as upcast)',
      'Russia lost its grip on the region (as upcast)',
    ]);
    expect(graph.edges).toEqual([expect.objectContaining({ rationale: 'filled in by an upcaster' })]);
    const rooted = await new GraphAtService(reader).graphAt(to, 1, '2999-01-01T00:00:00Z');
    expect(rooted.edges).toEqual([expect.objectContaining({ rationale: 'filled in by an upcaster' })]);
    closeReader(reader);
  });
});
