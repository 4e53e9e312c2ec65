/**
 * Idempotency keys of an import. Keys name the bundle by its digest and the item by its bundle-local id,
 * `import:<digest>:<local id>:<step>`; the ids of what a step creates are derived from its key by the
 * command functions themselves (proposedClaimId, createdEntityId, registeredSourceId), exactly as for an
 * API call with the same actor and key.
 */

/** What every key of one bundle's import starts with. */
export const importKeyPrefix = (digest: string): string => `import:${digest}:`;

export const importKey = (digest: string, localId: string, step: string): string =>
  `${importKeyPrefix(digest)}${localId}:${step}`;
