import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashToken } from '../../src/auth/bearer-token.js';
import { CLI_ACTOR, SYSTEM_ACTOR } from '../../src/auth/domain/access.values.js';
import {
  BOOTSTRAP_TOKEN_ID,
  createToken,
  ensureBootstrapAdmin,
  hasAnyToken,
  listTokens,
  revokeToken,
} from '../../src/auth/token-admin.js';
import {
  ForbiddenError,
  IllegalStateError,
  NotFoundError,
  ValidationError,
} from '../../src/event-sourcing/errors.js';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import { tempDir } from '../support/temp-dir.js';

describe('token administration (real SqliteEventStore on a temp file)', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: SqliteEventStore;

  beforeEach(() => {
    dir = tempDir('token-admin');
    store = SqliteEventStore.open({ file: join(dir.path, 'events.db') });
  });
  afterEach(async () => {
    await store.close();
    dir.remove();
  });

  it('creates a token: one TokenGranted on access-<tokenId> holding the hash, never the token', async () => {
    const created = await createToken(store, { actorId: 'alice', role: 'ANALYST', by: CLI_ACTOR });
    expect(created.tokenId).toMatch(/^tok_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(created.token).toMatch(/^ct_[A-Za-z0-9_-]{43}$/);

    const events = await store.readStream(`access-${created.tokenId}`);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'TokenGranted',
      data: {
        tokenId: created.tokenId,
        actorId: 'alice',
        role: 'ANALYST',
        tokenHash: hashToken(created.token),
        by: CLI_ACTOR,
      },
      metadata: { actorId: 'cli', actorRole: 'ADMIN' },
    });
    // Not anywhere on disk either: the database file and its write-ahead log, byte for byte.
    const onDisk = ['events.db', 'events.db-wal']
      .map((name) => join(dir.path, name))
      .filter((file) => existsSync(file))
      .map((file) => readFileSync(file).toString('latin1'))
      .join('');
    expect(onDisk).toContain(hashToken(created.token));
    expect(onDisk).not.toContain(created.token.slice(3));
  });

  it('lists every token in grant order, revoked ones marked, without hashes', async () => {
    const alice = await createToken(store, { actorId: 'alice', role: 'ANALYST', by: CLI_ACTOR });
    const bob = await createToken(store, {
      actorId: 'bob',
      role: 'EDITOR',
      by: { id: 'root', role: 'ADMIN' },
    });
    await store.append('claim-x', [
      { eventId: crypto.randomUUID(), type: 'Unrelated', data: {}, metadata: {} },
    ]);
    await revokeToken(store, alice.tokenId, CLI_ACTOR, 'rotated');

    const tokens = await listTokens(store);
    expect(tokens).toEqual([
      {
        tokenId: alice.tokenId,
        actorId: 'alice',
        role: 'ANALYST',
        grantedAt: expect.any(String),
        grantedBy: 'cli',
        revokedAt: expect.any(String),
        revokeReason: 'rotated',
      },
      {
        tokenId: bob.tokenId,
        actorId: 'bob',
        role: 'EDITOR',
        grantedAt: expect.any(String),
        grantedBy: 'root',
        revokedAt: null,
        revokeReason: null,
      },
    ]);
    expect(JSON.stringify(tokens)).not.toContain(hashToken(alice.token));
  });

  it('revokes once: unknown → NotFound, twice → IllegalState, a non-ADMIN → Forbidden', async () => {
    const alice = await createToken(store, { actorId: 'alice', role: 'ANALYST', by: CLI_ACTOR });
    await expect(revokeToken(store, alice.tokenId, { id: 'ed', role: 'EDITOR' })).rejects.toThrow(
      ForbiddenError,
    );
    await revokeToken(store, alice.tokenId, CLI_ACTOR);
    await expect(revokeToken(store, alice.tokenId, CLI_ACTOR)).rejects.toThrow(IllegalStateError);
    await expect(revokeToken(store, 'tok_01JZ8Q7W3N5V6X9Y2A4B6C8D0E', CLI_ACTOR)).rejects.toThrow(
      NotFoundError,
    );
    await expect(revokeToken(store, 'not-an-id', CLI_ACTOR)).rejects.toThrow(ValidationError);
    expect(await store.streamVersion(`access-${alice.tokenId}`)).toBe(2);
  });

  it('refuses to let a non-ADMIN grant, appending nothing', async () => {
    await expect(
      createToken(store, { actorId: 'mallory', role: 'ADMIN', by: { id: 'ed', role: 'EDITOR' } }),
    ).rejects.toThrow(ForbiddenError);
    expect(await store.headPosition()).toBe(0n);
  });

  it('bootstraps an ADMIN token on an empty store, once', async () => {
    expect(await hasAnyToken(store)).toBe(false);
    const token = await ensureBootstrapAdmin(store);
    expect(token).toMatch(/^ct_[A-Za-z0-9_-]{43}$/);
    expect(await hasAnyToken(store)).toBe(true);
    expect(await listTokens(store)).toEqual([
      expect.objectContaining({
        tokenId: BOOTSTRAP_TOKEN_ID,
        actorId: 'admin',
        role: 'ADMIN',
        grantedBy: SYSTEM_ACTOR.id,
      }),
    ]);
    expect(await ensureBootstrapAdmin(store)).toBeUndefined();
  });

  it('does not bootstrap once any token was ever granted, even if all are revoked', async () => {
    const alice = await createToken(store, { actorId: 'alice', role: 'ADMIN', by: CLI_ACTOR });
    await revokeToken(store, alice.tokenId, CLI_ACTOR);
    expect(await ensureBootstrapAdmin(store)).toBeUndefined();
  });

  it('gives the ADMIN token to exactly one of two instances starting together', async () => {
    const second = SqliteEventStore.open({ file: join(dir.path, 'events.db') });
    try {
      const results = await Promise.all([ensureBootstrapAdmin(store), ensureBootstrapAdmin(second)]);
      expect(results.filter((token) => token !== undefined)).toHaveLength(1);
      expect(await listTokens(store)).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});
