import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '../../graphql/graphql.context.js';
import { SourceModel } from '../../sources/graphql/source.model.js';
import { isHistoricalRelation } from '../../history/claims-at-moment.js';
import type { RelationView } from '../read-model/claim.views.js';
import { AnchorModel } from './claim-parts.model.js';
import { ClaimModel, ClaimRelationModel } from './claim.model.js';

/** A relation seen through time travel shows the claims at both ends as they stood at the same moment. */
@Resolver(() => ClaimRelationModel)
export class ClaimRelationResolver {
  @ResolveField(() => ClaimModel)
  from(@Parent() relation: RelationView, @Context() context: RequestContext) {
    return isHistoricalRelation(relation) ? relation.claimAt(relation.fromId) : context.loaders.claim.load(relation.fromId);
  }

  @ResolveField(() => ClaimModel)
  to(@Parent() relation: RelationView, @Context() context: RequestContext) {
    return isHistoricalRelation(relation) ? relation.claimAt(relation.toId) : context.loaders.claim.load(relation.toId);
  }
}

@Resolver(() => AnchorModel)
export class AnchorResolver {
  @ResolveField(() => SourceModel)
  source(@Parent() anchor: { sourceId: string }, @Context() context: RequestContext) {
    return context.loaders.source.load(anchor.sourceId);
  }
}
