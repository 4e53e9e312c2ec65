import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config.js';

describe('configuration of the exports and of CORS', () => {
  it('reads the public URL and the publisher, without a trailing slash', () => {
    const config = loadConfig({
      CLAIMTRAIL_PUBLIC_URL: 'https://claims.example.org/desk/',
      CLAIMTRAIL_PUBLISHER_NAME: '  Example Fact Desk ',
      CLAIMTRAIL_PUBLISHER_URL: 'https://claims.example.org',
    });
    expect(config.publicUrl).toBe('https://claims.example.org/desk');
    expect(config.publisher).toEqual({ name: 'Example Fact Desk', url: 'https://claims.example.org' });
  });

  it('leaves them unset by default: nothing is made up', () => {
    const config = loadConfig({});
    expect(config.publicUrl).toBeNull();
    expect(config.publisher).toEqual({ name: null, url: null });
    expect(config.corsOrigins).toEqual([]);
  });

  it.each([
    [
      { CLAIMTRAIL_PUBLIC_URL: 'claims.example.org' },
      /CLAIMTRAIL_PUBLIC_URL must be an absolute http\(s\) URL/,
    ],
    [{ CLAIMTRAIL_PUBLIC_URL: 'ftp://claims.example.org' }, /must be an http\(s\) URL/],
    [{ CLAIMTRAIL_PUBLIC_URL: 'https://claims.example.org/?x=1' }, /no query or fragment/],
    [{ CLAIMTRAIL_PUBLISHER_URL: 'nowhere' }, /CLAIMTRAIL_PUBLISHER_URL must be an absolute/],
    [{ CLAIMTRAIL_PUBLISHER_NAME: 'two\nlines' }, /CLAIMTRAIL_PUBLISHER_NAME must be one line/],
    [
      { CLAIMTRAIL_CORS_ORIGINS: 'http://localhost:8888/notebooks' },
      /CLAIMTRAIL_CORS_ORIGINS must be .* origins/,
    ],
    [{ CLAIMTRAIL_CORS_ORIGINS: 'localhost:8888' }, /CLAIMTRAIL_CORS_ORIGINS/],
  ])('refuses %j at start-up with a message that names the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads a list of origins, or * for any', () => {
    expect(
      loadConfig({ CLAIMTRAIL_CORS_ORIGINS: 'http://localhost:8888, https://lab.example.org' }).corsOrigins,
    ).toEqual(['http://localhost:8888', 'https://lab.example.org']);
    expect(loadConfig({ CLAIMTRAIL_CORS_ORIGINS: '*' }).corsOrigins).toEqual(['*']);
  });
});
