import { Inject } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Args, Context, Int, Query, Resolver } from '@nestjs/graphql';
import { toConnection } from '../../graphql/connection.js';
import type { RequestContext } from '../../graphql/graphql.context.js';
import { AuditTrailQuery } from '../queries/audit-trail.query.js';
import { AuditEntryConnection } from './audit-entry.model.js';
import { AuditFilter, AuditOrderEnum } from './audit.inputs.js';

@Resolver()
export class AuditResolver {
  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  @Query(() => AuditEntryConnection, {
    description:
      'Every stored claim and source event (and, for ADMINs, every token grant and revocation), newest first unless `order` says otherwise',
  })
  async auditTrail(
    // Typed as the class (null is possible at run time) so that the validation pipe validates it.
    @Args('filter', { type: () => AuditFilter, nullable: true }) filter: AuditFilter,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Args('order', { type: () => AuditOrderEnum, nullable: true, defaultValue: AuditOrderEnum.NEWEST_FIRST })
    order: AuditOrderEnum | null,
    @Context() context: RequestContext,
  ) {
    const query = new AuditTrailQuery(filter ?? {}, context.actor, first, after, order ?? 'NEWEST_FIRST');
    return toConnection(await this.queryBus.execute(query));
  }
}
