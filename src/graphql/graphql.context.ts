import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { AuthService } from '../auth/auth.service.js';
import { UnauthenticatedError } from '../event-sourcing/errors.js';
import type { Actor } from '../event-sourcing/metadata.js';
import { createLoaders, type Loaders } from './loaders.js';
import type { LoaderSources } from './loaders.js';
import { RequestBudget } from './request-budget.js';

/** What every resolver sees. The actor is only ever the token's, never anything from the input. */
export interface RequestContext {
  readonly actor: Actor | undefined;
  readonly authError: UnauthenticatedError | undefined;
  readonly correlationId: string;
  readonly loaders: Loaders;
  /** The Authorization header the actor came from, so a long-lived subscription can check it again. */
  readonly authorization: string | undefined;
  /** What an HTTP request may still make the server produce; none for a subscription's events. */
  readonly budget: RequestBudget | undefined;
}

export const buildContext = (
  auth: AuthService,
  sources: LoaderSources,
  authorization: string | undefined,
  budget?: RequestBudget,
): RequestContext => {
  let actor: Actor | undefined;
  let authError: UnauthenticatedError | undefined;
  try {
    actor = auth.authenticate(authorization);
  } catch (error) {
    if (!(error instanceof UnauthenticatedError)) throw error;
    authError = error;
  }
  return {
    actor,
    authError,
    authorization,
    budget,
    correlationId: randomUUID(),
    loaders: createLoaders(sources),
  };
};

export const httpContext =
  (auth: AuthService, sources: LoaderSources) =>
  (request: FastifyRequest, _reply: FastifyReply): RequestContext =>
    buildContext(auth, sources, request.headers.authorization, new RequestBudget());
