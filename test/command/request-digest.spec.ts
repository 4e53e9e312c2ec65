import { describe, expect, it } from '@jest/globals';
import { requestDigest as digestOf } from '../../src/event-sourcing/mutation.js';

const requestDigest = (mutation: string, input: Record<string, unknown>): string => digestOf(mutation, input);

describe('requestDigest (what an idempotency key was used for)', () => {
  const input = {
    claimId: 'clm_1',
    stance: 'SUPPORTS',
    citation: { title: 'Communique', url: null },
    idempotencyKey: 'k',
  };

  it('is the same for the same request, whatever the key order, key or expected version', () => {
    const reordered = {
      citation: { url: null, title: 'Communique' },
      idempotencyKey: 'other',
      stance: 'SUPPORTS',
      claimId: 'clm_1',
    };
    expect(requestDigest('AttachEvidence', reordered)).toBe(requestDigest('AttachEvidence', input));
    expect(requestDigest('AttachEvidence', { ...input, expectedVersion: 7 })).toBe(
      requestDigest('AttachEvidence', input),
    );
    expect(requestDigest('AttachEvidence', { ...input, note: undefined })).toBe(
      requestDigest('AttachEvidence', input),
    );
  });

  it('differs for another field value, a nested change, another mutation, or null against absent', () => {
    const digest = requestDigest('AttachEvidence', input);
    expect(requestDigest('AttachEvidence', { ...input, stance: 'UNDERMINES' })).not.toBe(digest);
    expect(
      requestDigest('AttachEvidence', { ...input, citation: { title: 'Communiqué', url: null } }),
    ).not.toBe(digest);
    expect(requestDigest('RaiseCounterpoint', input)).not.toBe(digest);
    expect(requestDigest('AttachEvidence', { ...input, citation: { title: 'Communique' } })).not.toBe(digest);
  });

  it('reads dates by their ISO text', () => {
    const at = (iso: string) => requestDigest('RegisterSource', { title: 't', publishedAt: new Date(iso) });
    expect(at('2025-10-09T00:00:00Z')).toBe(at('2025-10-09T00:00:00.000Z'));
    expect(at('2025-10-09T00:00:00Z')).not.toBe(at('2025-10-10T00:00:00Z'));
  });
});
