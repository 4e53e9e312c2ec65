import { Inject } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AuditEntryModel } from '../../audit/graphql/audit-entry.model.js';
import { AuditEntryAtPositionQuery } from '../../audit/queries/audit-trail.query.js';
import type { RequestContext } from '../../graphql/graphql.context.js';
import { ConnectionArgs } from '../../graphql/connection.args.js';
import { toConnection } from '../../graphql/connection.js';
import { isHistoricalClaim } from '../history/claims-at-moment.js';
import type { ClaimView } from '../read-model/claim.views.js';
import { StandingQueries, type StandingChangeView } from '../read-model/standing.queries.js';
import { ClaimModel } from './claim.model.js';
import { StandingChangeConnection, StandingChangeModel } from './standing.model.js';

/** A claim's standing over time: each change of its label and what caused it. */
@Resolver(() => ClaimModel)
export class ClaimStandingResolver {
  constructor(@Inject(StandingQueries) private readonly standing: StandingQueries) {}

  /** Oldest first. A claim seen as of a moment lists only the changes made by then. */
  @ResolveField(() => StandingChangeConnection, {
    description:
      'Every change of the claim’s acceptability label, oldest first, with the event that caused it',
  })
  standingHistory(@Parent() claim: ClaimView, @Args() args: ConnectionArgs) {
    const toPosition = isHistoricalClaim(claim) ? claim.moment.position : undefined;
    return toConnection(this.standing.history(claim.id, args.first, args.after, toPosition));
  }
}

@Resolver(() => StandingChangeModel)
export class StandingChangeResolver {
  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  @ResolveField(() => AuditEntryModel, { nullable: true })
  event(@Parent() change: StandingChangeView, @Context() context: RequestContext) {
    return this.queryBus.execute(new AuditEntryAtPositionQuery(BigInt(change.position), context.actor));
  }
}
