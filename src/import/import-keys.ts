import { derivedId } from '../event-sourcing/ids.js';
import { type IdKind } from '../event-sourcing/id-kinds.js';
import type { Actor } from '../event-sourcing/metadata.js';

/**
 * Idempotency keys and the ids derived from them. The derivations are the GraphQL handlers' own
 * (register-source, propose-claim, claim-command: `derivedId(kind, actor, key[, stream])`), so an import
 * step and an API call with the same actor and key find the same entity. Keys name the bundle by its
 * digest and the item by its bundle-local id: `import:<digest>:<local id>:<step>`.
 */

/** What every key of one bundle's import starts with. */
export const importKeyPrefix = (digest: string): string => `import:${digest}:`;

export const importKey = (digest: string, localId: string, step: string): string =>
  `${importKeyPrefix(digest)}${localId}:${step}`;

export const sourceIdFor = (actor: Actor, key: string): string => derivedId('source', actor.id, key);

export const claimIdFor = (actor: Actor, key: string): string => derivedId('claim', actor.id, key);

/** Evidence and counterpoints: the key is scoped to the claim stream, as ClaimCommandHandler scopes it. */
export const newEntityIdFor = (
  kind: Extract<IdKind, 'evidence' | 'counterpoint'>,
  actor: Actor,
  key: string,
  streamId: string,
): string => derivedId(kind, actor.id, key, streamId);
