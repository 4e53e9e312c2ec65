import { ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../../graphql/graphql.context.js';
import type { ClaimView, RelationView } from '../read-model/claim.views.js';
import { ArgumentGraphModel, ClaimModel, ClaimRelationModel } from './claim.model.js';

interface Graph {
  readonly nodes: readonly ClaimView[];
  readonly edges: readonly RelationView[];
}

/**
 * A graph holds every claim it reaches (all of them without a root), which no estimate made before running
 * can know: its nodes and edges charge the request for what they return. GraphQL's own (parent, args,
 * context, info), so Nest hands them over as they are.
 */
@Resolver(() => ArgumentGraphModel)
export class ArgumentGraphListsResolver {
  @ResolveField(() => [ClaimModel])
  nodes(graph: Graph, _args: unknown, context: RequestContext, info: GraphQLResolveInfo) {
    return context.budget ? context.budget.listed(graph.nodes, info) : graph.nodes;
  }

  @ResolveField(() => [ClaimRelationModel])
  edges(graph: Graph, _args: unknown, context: RequestContext, info: GraphQLResolveInfo) {
    return context.budget ? context.budget.listed(graph.edges, info) : graph.edges;
  }
}
