import { Context, Query, Resolver } from '@nestjs/graphql';
import { UnauthenticatedError } from '../../event-sourcing/errors.js';
import type { Actor } from '../../event-sourcing/metadata.js';
import { ActorModel } from './actor.model.js';

@Resolver()
export class ViewerResolver {
  @Query(() => ActorModel, { description: 'The actor the request is authenticated as' })
  viewer(@Context('actor') actor: Actor | undefined): Actor {
    if (!actor) throw new UnauthenticatedError('a bearer token is required');
    return actor;
  }
}
