import type { ClaimCommand, LinkClaims, ProposeClaim } from '../claims/domain/claim.commands.js';
import { claimDecider } from '../claims/domain/claim.decider.js';
import type { ClaimEvent } from '../claims/domain/claim.events.js';
import { fold } from '../event-sourcing/decider.js';
import type { EventStore } from '../event-sourcing/event-store.js';
import { handleCommand, type CommandResult } from '../event-sourcing/handle-command.js';
import type { Actor, CommandMetadata } from '../event-sourcing/metadata.js';
import { upcasters } from '../event-sourcing/upcasters.js';
import { sourceDecider } from '../sources/domain/source.decider.js';
import type { SourceEvent } from '../sources/domain/source.events.js';

/**
 * How an import step builds and runs its domain command: the metadata the GraphQL handlers would attach
 * (actor, time, correlation, idempotency key, new id, reason) and the reads they make of other streams
 * at decision time (propose-claim reads the source, link-claims reads the target).
 */

export interface RunContext {
  readonly actor: Actor;
  readonly correlationId: string;
}

export const sourceStream = (sourceId: string): string => `source-${sourceId}`;
export const claimStream = (claimId: string): string => `claim-${claimId}`;

export const metadataFor = (
  context: RunContext,
  idempotencyKey: string,
  extra: Partial<CommandMetadata> = {},
): CommandMetadata => ({
  actor: context.actor,
  now: new Date().toISOString(),
  correlationId: context.correlationId,
  idempotencyKey,
  ...extra,
});

export const runClaim = (
  store: EventStore,
  streamId: string,
  command: ClaimCommand,
): Promise<CommandResult> => handleCommand(store, streamId, claimDecider, command);

/** The reads the claim handlers make of another stream at decision time (propose-claim, link-claims). */
export const readSource = async (
  store: EventStore,
  sourceId: string,
): Promise<ProposeClaim['data']['source']> => {
  const events = (await store.readStream(sourceStream(sourceId))).map((event) => upcasters.apply(event));
  const state = fold(
    sourceDecider,
    events.map((event) => ({ type: event.type, data: event.data }) as unknown as SourceEvent),
  );
  return state.status === 'registered' ? { sourceId, text: state.text } : null;
};

export const readTarget = async (
  store: EventStore,
  claimId: string,
): Promise<LinkClaims['data']['target']> => {
  const events = (await store.readStream(claimStream(claimId))).map((event) => upcasters.apply(event));
  const state = fold(
    claimDecider,
    events.map((event) => ({ type: event.type, data: event.data }) as unknown as ClaimEvent),
  );
  return {
    claimId,
    exists: state.status === 'live',
    retracted: state.status === 'live' && state.claimStatus === 'RETRACTED',
  };
};
