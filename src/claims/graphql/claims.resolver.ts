import { Inject } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Args, Context, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { AuditEntryConnection } from '../../audit/graphql/audit-entry.model.js';
import { HistoryArgs } from '../../audit/graphql/audit.inputs.js';
import { AuditTrailQuery } from '../../audit/queries/audit-trail.query.js';
import { CounterpointStateEnum, StanceEnum } from '../../graphql/enums.js';
import { FieldArg } from '../../graphql/field-arg.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import type { RequestContext } from '../../graphql/graphql.context.js';
import { toConnection } from '../../graphql/connection.js';
import { isHistoricalClaim } from '../history/claims-at-moment.js';
import { GetClaimQuery, ListClaimsQuery, SimilarClaimsQuery } from '../queries/claim.queries.js';
import type { ClaimView } from '../read-model/claim.views.js';
import { ClaimConnection, ClaimModel, ClaimRelationModel, SimilarClaimModel } from './claim.model.js';
import { CounterpointModel, EvidenceModel } from './claim-parts.model.js';
import {
  ClaimFilter,
  ClaimOrder,
  MIN_SIMILARITY,
  SIMILAR_CLAIMS,
  SimilarClaimsArgs,
} from './claim-query.inputs.js';
import { assessmentStands } from '../domain/claim.state.js';

@Resolver(() => ClaimModel)
export class ClaimsResolver {
  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  @Query(() => ClaimModel, {
    nullable: true,
    description: 'The claim now, or as it stood at a time or a version',
  })
  claim(
    @Args('id', { type: () => ID }) id: string,
    @Args('asOf', { type: () => DateTimeScalar, nullable: true }) asOf: string | null,
    @Args('atVersion', { type: () => Int, nullable: true }) atVersion: number | null,
  ): Promise<ClaimView | null> {
    return this.queryBus.execute(new GetClaimQuery(id, asOf ?? undefined, atVersion ?? undefined));
  }

  @Query(() => ClaimConnection)
  async claims(
    // Typed as the classes (null is possible at run time): decorator metadata must name them, or the
    // validation pipe sees `Object` and skips them.
    @Args('filter', { type: () => ClaimFilter, nullable: true }) filter: ClaimFilter,
    @Args('orderBy', { type: () => ClaimOrder, nullable: true }) orderBy: ClaimOrder,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ) {
    return toConnection(
      await this.queryBus.execute(new ListClaimsQuery(filter ?? {}, orderBy ?? undefined, first, after)),
    );
  }

  @Query(() => [SimilarClaimModel], {
    description:
      'Existing claims whose statements say something like `statement` (one being written), most alike first',
  })
  similarClaims(@Args() { statement, sourceId, first, minSimilarity }: SimilarClaimsArgs) {
    return this.queryBus.execute(
      new SimilarClaimsQuery(
        statement,
        sourceId ?? null,
        first ?? SIMILAR_CLAIMS.default,
        minSimilarity ?? MIN_SIMILARITY,
      ),
    );
  }

  /**
   * Evidence, counterpoints and relations run once per claim of a page. They take GraphQL's own `(parent, args,
   * context)` and no parameter decorators, so Nest hands them to GraphQL as they are instead of through its
   * per-call pipeline of pipes and promises (B5); their arguments are scalars and enums that GraphQL has
   * already coerced. Their lengths only the data knows, so each charges the request's budget for them.
   */
  @ResolveField(() => [EvidenceModel])
  async evidence(
    claim: ClaimView,
    @FieldArg('stance', { type: () => StanceEnum, nullable: true })
    @FieldArg('includeWithdrawn', { type: () => Boolean, nullable: true, defaultValue: false })
    { stance, includeWithdrawn }: { stance?: StanceEnum | null; includeWithdrawn?: boolean | null },
    context: RequestContext,
    info: GraphQLResolveInfo,
  ) {
    const all = claim.evidence ?? (await context.loaders.evidence.load(claim.id));
    const shown = all.filter(
      (item) => (includeWithdrawn || !item.withdrawn) && (!stance || item.stance === stance),
    );
    return context.budget ? context.budget.listed(shown, info) : shown;
  }

  @ResolveField(() => [CounterpointModel])
  async counterpoints(
    claim: ClaimView,
    @FieldArg('state', { type: () => CounterpointStateEnum, nullable: true })
    { state }: { state?: CounterpointStateEnum | null },
    context: RequestContext,
    info: GraphQLResolveInfo,
  ) {
    const all = claim.counterpoints ?? (await context.loaders.counterpoints.load(claim.id));
    const shown = all.filter((item) => !state || item.state === state);
    return context.budget ? context.budget.listed(shown, info) : shown;
  }

  @ResolveField(() => [ClaimRelationModel])
  async relations(claim: ClaimView, _args: unknown, context: RequestContext, info: GraphQLResolveInfo) {
    const all = claim.relations ?? (await context.loaders.relations.load(claim.id));
    return context.budget ? context.budget.listed(all, info) : all;
  }

  @ResolveField(() => Boolean, {
    description: 'The claim has an assessment that has gone stale: it wants an editor to assess it again',
  })
  needsReassessment(claim: ClaimView) {
    return claim.assessment !== null && !assessmentStands(claim.assessment);
  }

  /** Newest first by default. A claim seen as of a moment lists only what had happened by then. */
  @ResolveField(() => AuditEntryConnection)
  async history(@Parent() claim: ClaimView, @Args() args: HistoryArgs, @Context() context: RequestContext) {
    const toPosition = isHistoricalClaim(claim) ? claim.moment.position : undefined;
    const query = new AuditTrailQuery(
      { subjectId: claim.id, toPosition },
      context.actor,
      args.first,
      args.after,
      args.order ?? 'NEWEST_FIRST',
    );
    return toConnection(await this.queryBus.execute(query));
  }
}
