import { Inject } from '@nestjs/common';
import { Args, Context, ID, Resolver, Subscription } from '@nestjs/graphql';
import { AuthService } from '../../auth/auth.service.js';
import { CONFIG, type ClaimtrailConfig } from '../../config.js';
import type { RequestContext } from '../../graphql/graphql.context.js';
import { requireActor } from '../../graphql/request-actor.js';
import { Projector } from '../../read-model/projector.js';
import { auditFeed } from '../live/audit-feed.js';
import { AuditQueries, type AuditEntryView } from '../read-model/audit.queries.js';
import { AuditEntryModel } from './audit-entry.model.js';

@Resolver()
export class AuditEventsResolver {
  constructor(
    @Inject(Projector) private readonly projector: Projector,
    @Inject(AuditQueries) private readonly audit: AuditQueries,
    @Inject(CONFIG) private readonly config: ClaimtrailConfig,
    @Inject(AuthService) private readonly auth: AuthService,
  ) {}

  @Subscription(() => AuditEntryModel, {
    description:
      'Live audit entries as they are appended, optionally for one claim or source and some event types',
    resolve: (entry: AuditEntryView) => entry,
  })
  auditEvents(
    @Args('subjectId', { type: () => ID, nullable: true }) subjectId: string | null,
    @Args('types', { type: () => [String], nullable: true }) types: string[] | null,
    @Context() context: RequestContext,
  ) {
    if (context.authError || !this.config.anonymousRead) requireActor(context, 'a subscription');
    // Tokens are checked again as events arrive: a revocation ends a live subscription at once.
    const recheck = () => {
      if (context.authorization !== undefined) this.auth.authenticate(context.authorization);
    };
    return auditFeed(this.projector, this.audit, { subjectId, types }, context.actor, recheck);
  }
}
