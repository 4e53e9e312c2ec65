import { handleCommand } from '../../event-sourcing/handle-command.js';
import { derivedId, newId } from '../../event-sourcing/ids.js';
import type { Actor } from '../../event-sourcing/metadata.js';
import {
  commandMetadata,
  versionCheck,
  type CommandFunction,
  type MutationInput,
} from '../../event-sourcing/mutation.js';
import { sourceDecider } from '../domain/source.decider.js';
import { sourceStreamId } from '../domain/source.stream.js';
import type { SourceMetadataInput } from '../domain/source.values.js';

/** The source commands, as the API's requests name them; the import calls them too (see claim-commands.ts). */

export type RegisterSourceRequest = MutationInput & SourceMetadataInput & { readonly text?: string | null };

/** Derived from (actor, key) when keyed, so a retried registration finds the source the first call created. */
export const registeredSourceId = (actor: Actor, idempotencyKey?: string | null): string =>
  idempotencyKey ? derivedId('source', actor.id, idempotencyKey) : newId('source');

const registerSource: CommandFunction<RegisterSourceRequest> = async (request, context) => {
  const sourceId = registeredSourceId(context.actor, request.idempotencyKey);
  const { expectedVersion: _expected, idempotencyKey: _key, ...fields } = request;
  const result = await handleCommand(context.store, sourceStreamId(sourceId), sourceDecider, {
    type: 'RegisterSource',
    data: { sourceId, ...fields },
    // The digest label the handler class of this command once used; stored with keyed events, so kept.
    metadata: commandMetadata(context, request, 'RegisterSource'),
  });
  return { subjectId: sourceId, ...result };
};

export type ReviseSourceRequest = MutationInput &
  SourceMetadataInput & { readonly sourceId: string; readonly reason: string };

const reviseSource: CommandFunction<ReviseSourceRequest> = async (request, context) => {
  const { expectedVersion: _expected, idempotencyKey: _key, ...fields } = request;
  const result = await handleCommand(
    context.store,
    sourceStreamId(request.sourceId),
    sourceDecider,
    { type: 'ReviseSource', data: fields, metadata: commandMetadata(context, request, 'ReviseSource') },
    versionCheck(request),
  );
  return { subjectId: request.sourceId, ...result };
};

export const sourceCommands = { registerSource, reviseSource } satisfies Record<
  string,
  CommandFunction<never>
>;
