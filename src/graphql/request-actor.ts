import { UnauthenticatedError } from '../event-sourcing/errors.js';
import type { Actor } from '../event-sourcing/metadata.js';
import type { MutationContext } from '../event-sourcing/mutation.js';
import type { RequestContext } from './graphql.context.js';

/** The authenticated actor, or the reason there is none. */
export const requireActor = (context: RequestContext, action = 'this operation'): Actor => {
  if (context.authError) throw context.authError;
  if (!context.actor) throw new UnauthenticatedError(`${action} needs a bearer token`);
  return context.actor;
};

/** Mutations always need a token (anonymous read never extends to writes); roles are the decider's. */
export const mutationContext = (context: RequestContext): MutationContext => ({
  actor: requireActor(context, 'a mutation'),
  correlationId: context.correlationId,
});
