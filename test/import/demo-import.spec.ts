import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { claimDecider } from '../../src/claims/domain/claim.decider.js';
import { handleCommand } from '../../src/event-sourcing/handle-command.js';
import { newId } from '../../src/event-sourcing/ids.js';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import { bundleDigest } from '../../src/import/bundle.js';
import { DEMO_ACTOR, importDemo } from '../../src/import/demo-import.module.js';
import { buildPlan } from '../../src/import/import-plan.js';
import { alice, proposeClaim } from '../support/claim-helpers.js';
import { ReadModelEnv } from '../support/read-model-env.js';
import { demoBundle, eventShape } from './support.js';

const domainEvents = async (store: SqliteEventStore) =>
  (await store.readAll()).filter(
    (event) => event.streamId.startsWith('claim-') || event.streamId.startsWith('source-'),
  );

describe('the demo import (first start of an empty store)', () => {
  let env: ReadModelEnv;
  beforeEach(() => {
    env = new ReadModelEnv();
  });
  afterEach(async () => {
    await env.close();
  });

  it('imports the op-ed bundle as the demo EDITOR, and nothing on a later start', async () => {
    const summary = await importDemo(env.store);
    expect(summary).toMatchObject({ steps: 77, created: 77, present: 0 });
    const events = await domainEvents(env.store);
    expect(events).toHaveLength(77);
    expect(
      new Set(events.map((event) => JSON.stringify([event.metadata.actorId, event.metadata.actorRole]))),
    ).toEqual(new Set([JSON.stringify(['demo', 'EDITOR'])]));
    const head = await env.store.headPosition();
    expect(await importDemo(env.store)).toMatchObject({ created: 0, present: 77 });
    expect(await env.store.headPosition()).toBe(head);
  });

  it('imports once when two instances start together on one empty store', async () => {
    // Two connections to one file, as two server processes would open it.
    const other = SqliteEventStore.open({ file: env.storeFile });
    try {
      const [first, second] = await Promise.all([importDemo(env.store), importDemo(other)]);
      expect(first!.created + second!.created).toBeGreaterThanOrEqual(77);
      const events = await domainEvents(env.store);
      expect(events).toHaveLength(77);
      expect(events.filter((event) => event.type === 'ClaimProposed')).toHaveLength(24);
    } finally {
      await other.close();
    }
  });

  it('completes a demo that a killed first start left half done', async () => {
    const bundle = demoBundle();
    const plan = buildPlan(bundle, bundleDigest(bundle), DEMO_ACTOR);
    for (const step of plan.steps.slice(0, 20))
      await step.run({ actor: DEMO_ACTOR, correlationId: 'killed', store: env.store });
    expect(await importDemo(env.store)).toMatchObject({ created: 57, present: 20 });

    const clean = new ReadModelEnv();
    try {
      await importDemo(clean.store);
      expect(await eventShape(env.store)).toEqual(await eventShape(clean.store));
    } finally {
      await clean.close();
    }
  });

  it('leaves a store that is in use alone', async () => {
    const claimId = newId('claim');
    await handleCommand(
      env.store,
      `claim-${claimId}`,
      claimDecider,
      proposeClaim(claimId, 'A claim of our own', alice),
    );
    const head = await env.store.headPosition();
    expect(await importDemo(env.store)).toBeUndefined();
    expect(await env.store.headPosition()).toBe(head);
  });
});
