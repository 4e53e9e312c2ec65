import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { hashToken } from '../../src/auth/bearer-token.js';
import { CLI_ACTOR } from '../../src/auth/domain/access.values.js';
import { createToken, revokeToken } from '../../src/auth/token-admin.js';
import { authFixture, type AuthFixture } from './auth-fixture.js';

describe('tokens projection (real SQLite read model)', () => {
  let fixture: AuthFixture;
  beforeEach(() => {
    fixture = authFixture();
  });
  afterEach(() => fixture.close());

  it('writes one row per grant, with the hash and never the token, and marks revocations', async () => {
    const alice = await createToken(fixture.store, { actorId: 'alice', role: 'ANALYST', by: CLI_ACTOR });
    const bob = await createToken(fixture.store, { actorId: 'bob', role: 'EDITOR', by: CLI_ACTOR });
    await revokeToken(fixture.store, bob.tokenId, CLI_ACTOR, 'left');
    await fixture.project();

    const rows = fixture.rows() as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(2);
    const byActor = Object.fromEntries(rows.map((row) => [row['actor_id'], row]));
    expect(byActor['alice']).toMatchObject({
      token_id: alice.tokenId,
      token_hash: hashToken(alice.token),
      role: 'ANALYST',
      granted_by: 'cli',
      revoked_at: null,
      revoke_reason: null,
    });
    expect(byActor['bob']).toMatchObject({
      token_id: bob.tokenId,
      revoke_reason: 'left',
      revoked_at: expect.any(String),
    });
    expect(JSON.stringify(rows)).not.toContain(alice.token);
    expect(JSON.stringify(rows)).not.toContain(bob.token);
  });

  it('is idempotent: applying the same events again changes no row', async () => {
    const carol = await createToken(fixture.store, { actorId: 'carol', role: 'VIEWER', by: CLI_ACTOR });
    await createToken(fixture.store, { actorId: 'dave', role: 'ADMIN', by: CLI_ACTOR });
    await revokeToken(fixture.store, carol.tokenId, CLI_ACTOR, 'first reason');
    await fixture.project();
    const once = fixture.rows();

    await fixture.project();
    expect(fixture.rows()).toEqual(once);

    // Re-delivering just the revocation (at-least-once delivery) keeps the first one's time and position.
    const events = await fixture.store.readAll();
    await fixture.project(events.filter((event) => event.type === 'TokenRevoked'));
    expect(fixture.rows()).toEqual(once);
  });

  it('keeps the first revocation when a second one is applied', async () => {
    const erin = await createToken(fixture.store, { actorId: 'erin', role: 'VIEWER', by: CLI_ACTOR });
    await revokeToken(fixture.store, erin.tokenId, CLI_ACTOR, 'first');
    const [granted, revoked] = await fixture.store.readStream(`access-${erin.tokenId}`);
    await fixture.project([granted!, revoked!]);
    const later = {
      ...revoked!,
      position: revoked!.position + 100n,
      data: { ...revoked!.data, reason: 'second', at: '2100-01-01T00:00:00.000Z' },
    };
    await fixture.project([later]);
    expect(fixture.rows()).toEqual([
      expect.objectContaining({ revoke_reason: 'first', position: Number(revoked!.position) }),
    ]);
  });
});
