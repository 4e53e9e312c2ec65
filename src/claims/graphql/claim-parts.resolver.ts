import { Inject } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { AuditEntryModel } from '../../audit/graphql/audit-entry.model.js';
import { AuditEntryAtQuery } from '../../audit/queries/audit-trail.query.js';
import type { RequestContext } from '../../graphql/graphql.context.js';
import { SourceModel } from '../../sources/graphql/source.model.js';
import { SourceAtService } from '../../sources/history/source-at.service.js';
import { isHistoricalRelation } from '../history/claims-at-moment.js';
import { isHistoricalAnchor } from '../history/historical-claim.view.js';
import type { AssessmentView, ClaimView, CounterpointView, RelationView } from '../read-model/claim.views.js';
import {
  AnchorModel,
  AssessmentModel,
  CounterpointModel,
  CounterpointThreadEntryModel,
} from './claim-parts.model.js';
import { ClaimModel, ClaimRelationModel } from './claim.model.js';

/**
 * These resolvers take GraphQL's own (parent, args, context) and no parameter decorators, so Nest passes them
 * to GraphQL as they are rather than through its per-call pipeline: they run for every relation of every claim
 * of a page (B5).
 */

/** A relation seen through time travel shows the claims at both ends as they stood at the same moment. */
@Resolver(() => ClaimRelationModel)
export class ClaimRelationResolver {
  @ResolveField(() => ClaimModel)
  from(relation: RelationView, _args: unknown, context: RequestContext) {
    return isHistoricalRelation(relation)
      ? relation.claimAt(relation.fromId)
      : context.loaders.claim.load(relation.fromId);
  }

  @ResolveField(() => ClaimModel)
  to(relation: RelationView, _args: unknown, context: RequestContext) {
    return isHistoricalRelation(relation)
      ? relation.claimAt(relation.toId)
      : context.loaders.claim.load(relation.toId);
  }
}

/** An anchor seen through time travel shows its source with the metadata it had at the same moment. */
@Resolver(() => AnchorModel)
export class AnchorResolver {
  constructor(@Inject(SourceAtService) private readonly sourceAt: SourceAtService) {}

  @ResolveField(() => SourceModel)
  source(anchor: NonNullable<ClaimView['anchor']>, _args: unknown, context: RequestContext) {
    return isHistoricalAnchor(anchor)
      ? this.sourceAt.at(anchor.sourceId, anchor.moment.position)
      : context.loaders.source.load(anchor.sourceId);
  }
}

@Resolver(() => CounterpointModel)
export class CounterpointResolver {
  /** Unpaged, so it charges the request's budget for what it returns (RequestBudget), like a claim's lists. */
  @ResolveField(() => [CounterpointThreadEntryModel], {
    description:
      'Every answer, concession, dismissal and rebuttal, oldest first (the counterpoint itself is its text)',
  })
  async thread(
    counterpoint: CounterpointView,
    _args: unknown,
    context: RequestContext,
    info: GraphQLResolveInfo,
  ) {
    const all = counterpoint.thread ?? (await context.loaders.threads.load(counterpoint.id));
    return context.budget ? context.budget.listed(all, info) : all;
  }
}

@Resolver(() => AssessmentModel)
export class AssessmentResolver {
  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  @ResolveField(() => Boolean, {
    description:
      'The claim changed after the verdict (statement, evidence or counterpoints): it no longer stands',
  })
  stale(assessment: AssessmentView) {
    return assessment.staleSince !== null;
  }

  @ResolveField(() => AuditEntryModel, {
    nullable: true,
    description: 'The event that made the assessment stale',
  })
  staleSince(assessment: AssessmentView) {
    const cause = assessment.staleSince;
    return cause === null ? null : this.queryBus.execute(new AuditEntryAtQuery(cause.claimId, cause.version));
  }
}
