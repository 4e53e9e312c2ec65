import { Inject } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Args, Context, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { ValidationError } from '../../event-sourcing/errors.js';
import { isId } from '../../event-sourcing/id-kinds.js';
import type { RequestContext } from '../../graphql/graphql.context.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { ArgumentGraphAtQuery } from '../history/argument-graph-at.handler.js';
import { reachableClaims } from '../domain/reachable-claims.js';
import { ClaimsQueries } from '../read-model/claims.queries.js';
import type { ClaimView, RelationView } from '../read-model/claim.views.js';
import { ArgumentGraphModel } from './claim.model.js';

const MAX_DEPTH = 10;

@Resolver()
export class ArgumentGraphResolver {
  constructor(
    @Inject(ClaimsQueries) private readonly claims: ClaimsQueries,
    @Inject(QueryBus) private readonly queryBus: QueryBus,
  ) {}

  /**
   * The claims reachable from the root (reachableClaims; every live claim without one). Now from the read
   * model; as of a time by folding the event log up to it.
   */
  @Query(() => ArgumentGraphModel, {
    description: 'The claims reachable from rootId (all claims when absent), labelled, now or as of a time',
  })
  async argumentGraph(
    @Args('rootId', { type: () => ID, nullable: true }) rootId: string | null,
    @Args('depth', { type: () => Int, nullable: true, defaultValue: 3 }) depth: number,
    @Args('asOf', { type: () => DateTimeScalar, nullable: true }) asOf: string | null,
    @Context() context: RequestContext,
  ) {
    if (!Number.isInteger(depth) || depth < 0 || depth > MAX_DEPTH)
      throw new ValidationError(`depth must be between 0 and ${MAX_DEPTH}`, 'depth');
    // Omitted, the argument arrives undefined; null or omitted, the graph is every claim.
    if (rootId !== null && rootId !== undefined && !isId(rootId, 'claim'))
      throw new ValidationError('rootId must be a claim id: clm_ followed by a 26-character ULID', 'rootId');
    if (asOf) return this.queryBus.execute(new ArgumentGraphAtQuery(rootId ?? null, depth, asOf));
    const isLive = (claim: ClaimView | Error | undefined): claim is ClaimView =>
      !!claim && !(claim instanceof Error) && claim.status !== 'RETRACTED';
    const liveClaims = async (claimIds: readonly string[]) =>
      (await context.loaders.claim.loadMany([...claimIds])).filter(isLive);
    const ids = rootId
      ? await reachableClaims(
          rootId,
          depth,
          (frontier) =>
            [...this.claims.relationsFor([...frontier]).values()]
              .flat()
              .flatMap((relation) => [relation.fromId, relation.toId]),
          async (claimIds) => (await liveClaims(claimIds)).map((claim) => claim.id),
        )
      : this.claims.allClaimIds();
    const nodes = await liveClaims(ids);
    const inGraph = new Set(nodes.map((claim) => claim.id));
    const edges = new Map<string, RelationView>();
    for (const list of this.claims.relationsFor([...inGraph]).values()) {
      for (const relation of list) {
        if (inGraph.has(relation.fromId) && inGraph.has(relation.toId))
          edges.set(`${relation.fromId}|${relation.toId}|${relation.kind}`, relation);
      }
    }
    return { nodes, edges: [...edges.values()], asOf: null };
  }
}
