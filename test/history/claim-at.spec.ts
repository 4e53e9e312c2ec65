import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ValidationError } from '../../src/event-sourcing/errors.js';
import { newId } from '../../src/event-sourcing/ids.js';
import type { HistoricalRelationView } from '../../src/claims/history/historical-claim.view.js';
import {
  attachEvidence,
  bob,
  linkClaims,
  raiseCounterpoint,
  respondToCounterpoint,
  retractClaim,
  tagClaim,
} from '../support/claim-helpers.js';
import { assess, at, before, HistoryEnv, READER_KINDS, revise, unlink, withdraw } from './history-fixture.js';

/** claim(id, asOf | atVersion) folded from a real SQLite event store, through each way of reading it. */
describe.each(READER_KINDS)('claim as of a moment (%s reader)', (kind) => {
  let env: HistoryEnv;
  beforeEach(() => {
    env = new HistoryEnv(kind);
  });
  afterEach(async () => {
    await env.close();
  });

  const expectValidation = async (promise: Promise<unknown>, field: string) => {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe(field);
  };

  it('shows the statement of each version: revised at v2, v1 still has the old one', async () => {
    const { claimId } = await env.propose('Central Asia moved from object to subject');
    await env.step(claimId, revise(claimId, 'Central Asia became a geopolitical subject'));
    const first = await env.claims.claimAt(claimId, { atVersion: 1 });
    const second = await env.claims.claimAt(claimId, { atVersion: 2 });
    expect(first).toMatchObject({
      id: claimId,
      statement: 'Central Asia moved from object to subject',
      version: 1,
      status: 'OPEN',
    });
    expect(second).toMatchObject({ statement: 'Central Asia became a geopolitical subject', version: 2 });
    expect(first!.updatedAt <= second!.updatedAt).toBe(true);
  });

  it('shows withdrawn evidence as it was before its withdrawal', async () => {
    const { claimId } = await env.propose();
    const evidenceId = newId('evidence');
    await env.step(claimId, attachEvidence(claimId, evidenceId));
    const withdrawal = await env.step(claimId, withdraw(claimId, evidenceId, 'Only memoranda'));
    const beforeWithdrawal = await env.claims.claimAt(claimId, { asOf: before(withdrawal) });
    const afterWithdrawal = await env.claims.claimAt(claimId, { asOf: at(withdrawal) });
    expect(beforeWithdrawal!.evidence).toEqual([
      expect.objectContaining({ id: evidenceId, withdrawn: false, withdrawnReason: null }),
    ]);
    expect(afterWithdrawal!.evidence).toEqual([
      expect.objectContaining({ id: evidenceId, withdrawn: true, withdrawnReason: 'Only memoranda' }),
    ]);
    expect(beforeWithdrawal!.version).toBe(2);
  });

  it('shows a retracted claim live, and standing, before its retraction', async () => {
    const { claimId } = await env.propose();
    await env.step(claimId, tagClaim(claimId, ['summit']));
    const retraction = await env.step(claimId, retractClaim(claimId));
    const live = await env.claims.claimAt(claimId, { atVersion: 2 });
    const retracted = await env.claims.claimAt(claimId, { asOf: at(retraction) });
    expect(live).toMatchObject({
      status: 'OPEN',
      acceptability: 'IN',
      defeatedBy: [],
      tags: ['central-asia', 'summit'],
    });
    expect(retracted).toMatchObject({
      status: 'RETRACTED',
      acceptability: 'OUT',
      defeatedBy: [],
      version: 3,
    });
  });

  it('flips acceptability back when an answered counterpoint is viewed before its answer', async () => {
    const { claimId } = await env.propose();
    const counterpointId = newId('counterpoint');
    await env.step(claimId, raiseCounterpoint(claimId, counterpointId));
    const answer = await env.step(claimId, respondToCounterpoint(claimId, counterpointId, 'ANSWERED'));
    const contested = await env.claims.claimAt(claimId, { asOf: before(answer) });
    const answered = await env.claims.claimAt(claimId, { atVersion: answer.version });
    expect(contested).toMatchObject({
      status: 'CONTESTED',
      acceptability: 'OUT',
      defeatedBy: [counterpointId],
    });
    expect(contested!.counterpoints).toEqual([
      expect.objectContaining({ id: counterpointId, state: 'OPEN', response: null }),
    ]);
    expect(answered).toMatchObject({ status: 'OPEN', acceptability: 'IN', defeatedBy: [] });
    expect(answered!.counterpoints![0]).toMatchObject({
      state: 'ANSWERED',
      respondedBy: { id: 'alice', role: 'ANALYST' },
    });
  });

  it('shows the assessment only from the moment it was made', async () => {
    const { claimId } = await env.propose();
    await env.step(claimId, assess(claimId, 'MIXED'));
    expect(await env.claims.claimAt(claimId, { atVersion: 1 })).toMatchObject({
      status: 'OPEN',
      assessment: null,
    });
    expect(await env.claims.claimAt(claimId, { atVersion: 2 })).toMatchObject({
      status: 'ASSESSED',
      assessment: { verdict: 'MIXED', confidence: 0.7, assessedBy: { id: 'erin', role: 'EDITOR' } },
    });
  });

  it('leaves out a link made later, on both claims', async () => {
    const { claimId: from } = await env.propose('Russia lost its grip on the region');
    const { claimId: to, event: proposed } = await env.propose('Central Asia acts on its own');
    const link = await env.step(from, linkClaims(from, to, 'SUPPORTS'));
    expect((await env.claims.claimAt(from, { atVersion: 1 }))!.relations).toEqual([]);
    expect((await env.claims.claimAt(to, { asOf: at(proposed) }))!.relations).toEqual([]);
    const expected = expect.objectContaining({
      kind: 'SUPPORTS',
      fromId: from,
      toId: to,
      linkedBy: { id: 'alice', role: 'ANALYST' },
    });
    expect((await env.claims.claimAt(from, { atVersion: 2 }))!.relations).toEqual([expected]);
    expect((await env.claims.claimAt(to, { asOf: at(link) }))!.relations).toEqual([expected]);
  });

  it('counts an incoming ATTACKS from another claim from the time it was made until it was unlinked', async () => {
    const { claimId: target } = await env.propose('Central Asia acts on its own');
    const { claimId: attacker } = await env.propose('Moscow still sets the region’s security agenda', bob);
    const attack = await env.step(attacker, linkClaims(attacker, target, 'ATTACKS', bob));
    const removal = await env.step(attacker, unlink(attacker, target, 'ATTACKS', undefined, bob));

    const beforeAttack = await env.claims.claimAt(target, { asOf: before(attack) });
    const underAttack = await env.claims.claimAt(target, { asOf: at(attack) });
    const afterRemoval = await env.claims.claimAt(target, { asOf: at(removal) });
    expect(beforeAttack).toMatchObject({ acceptability: 'IN', defeatedBy: [], relations: [] });
    expect(underAttack).toMatchObject({ acceptability: 'OUT', defeatedBy: [attacker], version: 1 });
    expect(underAttack!.relations).toEqual([
      expect.objectContaining({
        kind: 'ATTACKS',
        fromId: attacker,
        toId: target,
        linkedBy: { id: 'bob', role: 'ANALYST' },
      }),
    ]);
    expect(afterRemoval).toMatchObject({ acceptability: 'IN', defeatedBy: [], relations: [] });
  });

  it('reinstates a claim whose attacker is itself defeated at that moment, and not later', async () => {
    const { claimId: target } = await env.propose('Central Asia acts on its own');
    const { claimId: attacker } = await env.propose('Moscow still sets the region’s security agenda');
    await env.step(attacker, linkClaims(attacker, target, 'ATTACKS'));
    const counterpointId = newId('counterpoint');
    const raised = await env.step(attacker, raiseCounterpoint(attacker, counterpointId));
    const answered = await env.step(attacker, respondToCounterpoint(attacker, counterpointId, 'DISMISSED'));
    expect(await env.claims.claimAt(target, { asOf: at(raised) })).toMatchObject({ acceptability: 'IN' });
    expect(await env.claims.claimAt(target, { asOf: at(answered) })).toMatchObject({
      acceptability: 'OUT',
      defeatedBy: [attacker],
    });
  });

  it('shows the claims at either end of a relation as they stood at the same moment', async () => {
    const { claimId: from } = await env.propose('Russia lost its grip on the region');
    const { claimId: to } = await env.propose('Central Asia acts on its own');
    const link = await env.step(from, linkClaims(from, to, 'ATTACKS'));
    await env.step(to, revise(to, 'Central Asia acts on its own, mostly'));
    await env.step(from, retractClaim(from));
    const seen = await env.claims.claimAt(from, { asOf: at(link) });
    const relation = seen!.relations![0] as HistoricalRelationView;
    const other = await relation.claimAt(relation.toId);
    expect(other).toMatchObject({
      id: to,
      statement: 'Central Asia acts on its own',
      version: 1,
      acceptability: 'OUT',
      defeatedBy: [from],
    });
    expect(await relation.claimAt(relation.fromId)).toMatchObject({ status: 'OPEN', version: 2 });
  });

  it('answers null before the claim existed, and for a claim that never existed', async () => {
    const { claimId: earlier } = await env.propose('An earlier claim');
    const { claimId, event } = await env.propose();
    expect(await env.claims.claimAt(claimId, { asOf: before(event) })).toBeNull();
    expect(await env.claims.claimAt(claimId, { asOf: '2001-01-01T00:00:00Z' })).toBeNull();
    expect(await env.claims.claimAt(earlier, { asOf: before(event) })).toMatchObject({ id: earlier });
    expect(await env.claims.claimAt(newId('claim'), { atVersion: 1 })).toBeNull();
    expect(await env.claims.claimAt(newId('claim'), { asOf: at(event) })).toBeNull();
  });

  it('refuses a version beyond the current one, below 1, and asOf together with atVersion', async () => {
    const { claimId, event } = await env.propose();
    await expectValidation(env.claims.claimAt(claimId, { atVersion: 2 }), 'atVersion');
    await expectValidation(env.claims.claimAt(claimId, { atVersion: 0 }), 'atVersion');
    await expectValidation(env.claims.claimAt(claimId, { atVersion: -3 }), 'atVersion');
    await expectValidation(env.claims.claimAt(claimId, { atVersion: 1, asOf: at(event) }), 'atVersion');
  });

  it('takes a time after the last event as now', async () => {
    const { claimId } = await env.propose();
    await env.step(claimId, tagClaim(claimId, ['summit']));
    expect(await env.claims.claimAt(claimId, { asOf: '2999-01-01T00:00:00Z' })).toMatchObject({
      version: 2,
      tags: ['central-asia', 'summit'],
    });
  });

  it('reads a time in any zone as the same instant', async () => {
    const { claimId } = await env.propose();
    const tagged = await env.step(claimId, tagClaim(claimId, ['summit']));
    const instant = tagged.recordedAt.getTime();
    const istanbul = new Date(instant + 3 * 3600_000).toISOString().replace('Z', '+03:00');
    expect(await env.claims.claimAt(claimId, { asOf: istanbul })).toMatchObject({ version: 2 });
  });
});
