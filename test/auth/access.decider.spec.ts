import { describe, expect, it } from '@jest/globals';
import { accessDecider } from '../../src/auth/domain/access.decider.js';
import type { AccessCommand } from '../../src/auth/domain/access.commands.js';
import type { AccessEvent, TokenGranted } from '../../src/auth/domain/access.events.js';
import { CLI_ACTOR, SYSTEM_ACTOR } from '../../src/auth/domain/access.values.js';
import { fold } from '../../src/event-sourcing/decider.js';
import {
  ForbiddenError,
  IllegalStateError,
  NotFoundError,
  ValidationError,
} from '../../src/event-sourcing/errors.js';
import type { Actor, CommandMetadata } from '../../src/event-sourcing/metadata.js';

const TOKEN_ID = 'tok_01JZ8Q7W3N5V6X9Y2A4B6C8D0E';
const HASH = 'a'.repeat(64);
const NOW = '2026-01-02T03:04:05.000Z';
const admin: Actor = { id: 'root', role: 'ADMIN' };

const metadata = (actor: Actor = admin): CommandMetadata => ({ actor, now: NOW });

const grant = (
  data: Partial<Extract<AccessCommand, { type: 'GrantToken' }>['data']> = {},
  actor?: Actor,
): AccessCommand => ({
  type: 'GrantToken',
  data: { tokenId: TOKEN_ID, actorId: 'alice', role: 'ANALYST', tokenHash: HASH, ...data },
  metadata: metadata(actor),
});

const revoke = (reason?: string, actor?: Actor): AccessCommand => ({
  type: 'RevokeToken',
  data: { tokenId: TOKEN_ID, ...(reason === undefined ? {} : { reason }) },
  metadata: metadata(actor),
});

const granted: TokenGranted = {
  type: 'TokenGranted',
  data: { tokenId: TOKEN_ID, actorId: 'alice', role: 'ANALYST', tokenHash: HASH, at: NOW, by: admin },
};

const thrown = (run: () => unknown): Error => {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
};

/** Given these events, when this command: the events decided (or the error thrown). */
const given = (...history: AccessEvent[]) => ({
  when: (command: AccessCommand) => () => accessDecider.decide(command, fold(accessDecider, history)),
});

describe('access decider: GrantToken', () => {
  it('grants a token to an actor, recording the hash and who granted it when', () => {
    expect(given().when(grant())()).toEqual([granted]);
  });

  it('lets the CLI and the first-start system actor grant', () => {
    for (const actor of [CLI_ACTOR, SYSTEM_ACTOR]) {
      expect(given().when(grant({}, actor))()[0]!.data).toMatchObject({
        by: { id: actor.id, role: 'ADMIN' },
      });
    }
  });

  it('refuses every role below ADMIN', () => {
    for (const role of ['VIEWER', 'ANALYST', 'EDITOR'] as const) {
      expect(given().when(grant({}, { id: 'eve', role }))).toThrow(ForbiddenError);
    }
  });

  it('refuses a second grant on the same stream', () => {
    expect(given(granted).when(grant())).toThrow(IllegalStateError);
  });

  it.each([
    ['an empty actor id', { actorId: '' }],
    ['an actor id over 100 characters', { actorId: 'a'.repeat(101) }],
    ['an actor id starting with a symbol', { actorId: '.alice' }],
    ['an actor id with a space', { actorId: 'alice smith' }],
    ['the reserved CLI id', { actorId: 'cli' }],
    ['the reserved system id', { actorId: 'system' }],
    ['an unknown role', { role: 'OWNER' }],
    ['a lower-case role (the edge normalises, the domain does not guess)', { role: 'admin' }],
    ['a token id without the tok_ prefix', { tokenId: 'clm_01JZ8Q7W3N5V6X9Y2A4B6C8D0E' }],
    ['a hash that is not SHA-256 hex', { tokenHash: 'A'.repeat(64) }],
  ])('rejects %s', (_label, data) => {
    expect(given().when(grant(data))).toThrow(ValidationError);
  });

  it('accepts the actor id characters the rule allows, up to 100 long', () => {
    for (const actorId of ['a', 'alice.smith@example.org', 'x_y-z', '7'.repeat(100)]) {
      expect(given().when(grant({ actorId }))()[0]!.data).toMatchObject({ actorId });
    }
  });

  it('never repeats a rejected token id or hash in its message', () => {
    const secret = 'ct_' + 'S'.repeat(43);
    for (const data of [{ tokenId: secret }, { tokenHash: secret }]) {
      const error = thrown(given().when(grant(data)));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.message).not.toContain('SSSS');
    }
  });
});

describe('access decider: RevokeToken', () => {
  it('revokes a granted token, with the trimmed reason', () => {
    expect(given(granted).when(revoke('  left the team '))()).toEqual([
      { type: 'TokenRevoked', data: { tokenId: TOKEN_ID, reason: 'left the team', at: NOW, by: admin } },
    ]);
  });

  it('records no reason as null', () => {
    expect(given(granted).when(revoke())()[0]!.data).toMatchObject({ reason: null });
  });

  it('is NotFound for a token never granted', () => {
    expect(given().when(revoke())).toThrow(NotFoundError);
  });

  it('is IllegalState for a token already revoked', () => {
    const revoked = given(granted).when(revoke())();
    expect(given(granted, ...revoked).when(revoke())).toThrow(IllegalStateError);
  });

  it('needs ADMIN', () => {
    expect(given(granted).when(revoke(undefined, { id: 'ed', role: 'EDITOR' }))).toThrow(ForbiddenError);
  });

  it('rejects a reason over 500 characters', () => {
    expect(given(granted).when(revoke('r'.repeat(501)))).toThrow(ValidationError);
  });
});

describe('access state', () => {
  it('folds a grant and a revocation', () => {
    const revoked = given(granted).when(revoke('lost'))();
    expect(fold(accessDecider, [granted, ...revoked])).toMatchObject({
      status: 'revoked',
      actorId: 'alice',
      role: 'ANALYST',
      revokeReason: 'lost',
    });
  });
});
