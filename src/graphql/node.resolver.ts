import { Args, Context, ID, Query, Resolver } from '@nestjs/graphql';
import { kindOfId } from '../event-sourcing/id-kinds.js';
import type { RequestContext } from './graphql.context.js';
import { NodeInterface } from './node.interface.js';

@Resolver()
export class NodeResolver {
  /** The prefix of the id says which kind of object it names. */
  @Query(() => NodeInterface, { nullable: true })
  async node(@Args('id', { type: () => ID }) id: string, @Context() context: RequestContext) {
    switch (kindOfId(id)) {
      case 'claim':
        return (await context.loaders.claim.load(id)) ?? null;
      case 'source':
        return (await context.loaders.source.load(id)) ?? null;
      default:
        return null;
    }
  }
}
