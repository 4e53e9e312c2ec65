import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { AuthService, bearerToken, requireReader, requireRole } from '../../src/auth/auth.service.js';
import { generateToken, hashToken, isWellFormedToken } from '../../src/auth/bearer-token.js';
import { CLI_ACTOR } from '../../src/auth/domain/access.values.js';
import { createToken, revokeToken, type CreatedToken } from '../../src/auth/token-admin.js';
import { ForbiddenError, UnauthenticatedError } from '../../src/event-sourcing/errors.js';
import { authFixture, type AuthFixture } from './auth-fixture.js';

const rejection = (run: () => unknown): Error => {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
};

describe('bearer tokens', () => {
  it('are ct_ and 43 base64url characters (32 random bytes), different every time', () => {
    const tokens = new Set(Array.from({ length: 50 }, generateToken));
    expect(tokens.size).toBe(50);
    for (const token of tokens) {
      expect(token).toMatch(/^ct_[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token.slice(3), 'base64url')).toHaveLength(32);
      expect(isWellFormedToken(token)).toBe(true);
    }
  });

  it('hash to lower-case SHA-256 hex', () => {
    expect(hashToken('ct_abc')).toBe('5cc527a520c97c06abf7ff41aeae02689f856d83c267eeb60cb8ba0f49b922f3');
    expect(hashToken(generateToken())).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('AuthService (tokens read model on a real SQLite file)', () => {
  let fixture: AuthFixture;
  let auth: AuthService;
  let alice: CreatedToken;
  let bob: CreatedToken;

  beforeEach(async () => {
    fixture = authFixture();
    alice = await createToken(fixture.store, { actorId: 'alice', role: 'ANALYST', by: CLI_ACTOR });
    bob = await createToken(fixture.store, { actorId: 'bob', role: 'EDITOR', by: CLI_ACTOR });
    await revokeToken(fixture.store, bob.tokenId, CLI_ACTOR);
    await fixture.project();
    auth = new AuthService(fixture.db);
  });
  afterEach(() => fixture.close());

  it('returns the actor of a valid token, whatever the case of the scheme', () => {
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
      expect(auth.authenticate(`${scheme} ${alice.token}`)).toEqual({ id: 'alice', role: 'ANALYST' });
    }
    expect(auth.authenticate(`  Bearer \t${alice.token}  `)).toEqual({ id: 'alice', role: 'ANALYST' });
  });

  it('returns undefined without an Authorization header, so the caller can decide', () => {
    expect(auth.authenticate(undefined)).toBeUndefined();
  });

  it('rejects a revoked token, without echoing it', () => {
    const error = rejection(() => auth.authenticate(`Bearer ${bob.token}`));
    expect(error).toBeInstanceOf(UnauthenticatedError);
    expect(error.message).toMatch(/revoked/);
    expect(error.message).not.toContain(bob.token.slice(3, 13));
  });

  it('rejects a well-formed token nobody granted', () => {
    const stranger = generateToken();
    const error = rejection(() => auth.authenticate(`Bearer ${stranger}`));
    expect(error).toBeInstanceOf(UnauthenticatedError);
    expect(error.message).toMatch(/not recognised/);
    expect(error.message).not.toContain(stranger.slice(3, 13));
  });

  it('takes effect once the projector has applied a revocation', async () => {
    await revokeToken(fixture.store, alice.tokenId, CLI_ACTOR, 'rotated');
    await fixture.project();
    expect(() => auth.authenticate(`Bearer ${alice.token}`)).toThrow(UnauthenticatedError);
  });

  const secretTail = 'Zq9Zq9Zq9Zq9Zq9Zq9Zq9Zq9Zq9Zq9Zq9Zq9Zq9Zq9';
  it.each([
    ['empty header', ''],
    ['only the scheme', 'Bearer'],
    ['the scheme and blanks', 'Bearer   '],
    ['another scheme', `Basic ${Buffer.from('alice:pw').toString('base64')}`],
    ['another scheme carrying a real-looking token', `Token ct_${secretTail}`],
    ['a token without the ct_ prefix', `Bearer xx_${secretTail}`],
    ['a token without any prefix', `Bearer ${secretTail}`],
    ['a token one character short', `Bearer ct_${secretTail.slice(1)}`],
    ['a token with a character outside base64url', `Bearer ct_${secretTail.slice(1)}+`],
    ['two tokens', `Bearer ct_${secretTail} ct_${secretTail}`],
  ])('rejects a malformed header (%s) without echoing its content', (_label, header) => {
    const error = rejection(() => auth.authenticate(header));
    expect(error).toBeInstanceOf(UnauthenticatedError);
    expect(error.message).not.toContain(secretTail.slice(0, 10));
    expect(error.message).not.toContain('alice:pw');
    expect(error.message).not.toContain(Buffer.from('alice:pw').toString('base64'));
  });

  it('does not accept the stored hash in place of the token', () => {
    const row = fixture.db
      .prepare('SELECT token_hash FROM tokens WHERE actor_id = ?')
      .pluck()
      .get('alice') as string;
    expect(() => auth.authenticate(`Bearer ${row}`)).toThrow(UnauthenticatedError);
  });
});

describe('bearerToken', () => {
  it('extracts the token of a Bearer header', () => {
    const token = generateToken();
    expect(bearerToken(`Bearer ${token}`)).toBe(token);
  });
});

describe('requireRole / requireReader', () => {
  const analyst = { id: 'alice', role: 'ANALYST' } as const;

  it('lets a role through for itself and every role below it', () => {
    expect(requireRole(analyst, 'VIEWER')).toBe(analyst);
    expect(requireRole(analyst, 'ANALYST')).toBe(analyst);
  });

  it('is Forbidden for a role above the actor, Unauthenticated without an actor', () => {
    expect(() => requireRole(analyst, 'EDITOR', 'assessing a claim')).toThrow(ForbiddenError);
    expect(() => requireRole(analyst, 'EDITOR', 'assessing a claim')).toThrow(
      /assessing a claim needs the EDITOR role/,
    );
    expect(() => requireRole(undefined, 'VIEWER')).toThrow(UnauthenticatedError);
  });

  it('lets anonymous readers through only when anonymous read is on', () => {
    expect(() => requireReader(undefined, { anonymousRead: false })).toThrow(UnauthenticatedError);
    expect(() => requireReader(undefined, { anonymousRead: true })).not.toThrow();
    expect(() => requireReader(analyst, { anonymousRead: false })).not.toThrow();
  });
});
