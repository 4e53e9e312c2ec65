import { Inject } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { ClaimConnection } from '../../claims/graphql/claim.model.js';
import { ListClaimsQuery } from '../../claims/queries/claim.queries.js';
import { NotFoundError } from '../../event-sourcing/errors.js';
import type { CommandFunction, MutationInput } from '../../event-sourcing/mutation.js';
import { ConnectionArgs } from '../../graphql/connection.args.js';
import { toConnection } from '../../graphql/connection.js';
import type { RequestContext } from '../../graphql/graphql.context.js';
import { mutationContext } from '../../graphql/request-actor.js';
import { RunMutation, type AnsweredMutation } from '../../graphql/run-mutation.handler.js';
import { sourceCommands } from '../commands/source-commands.js';
import { SourcesQueries, type SourceView } from '../read-model/sources.queries.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { SourceAtService } from '../history/source-at.service.js';
import { RegisterSourceInput, ReviseSourceInput, SourceFilter } from './source.inputs.js';
import { SourceConnection, SourceModel, SourcePayload, SourceRevisionModel } from './source.model.js';

@Resolver(() => SourceModel)
export class SourcesResolver {
  constructor(
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(QueryBus) private readonly queryBus: QueryBus,
    @Inject(SourcesQueries) private readonly sources: SourcesQueries,
    @Inject(SourceAtService) private readonly sourceAt: SourceAtService,
  ) {}

  @Query(() => SourceModel, {
    nullable: true,
    description: 'The source now, or with the metadata it had at a time (its text never changes)',
  })
  source(
    @Args('id', { type: () => ID }) id: string,
    @Args('asOf', { type: () => DateTimeScalar, nullable: true }) asOf: string | null,
    @Context() context: RequestContext,
  ) {
    if (asOf !== null && asOf !== undefined) return this.sourceAt.asOf(id, asOf);
    return context.loaders.source.load(id).then((source) => source ?? null);
  }

  @Query(() => SourceConnection, { name: 'sources' })
  listSources(
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Args('filter', { type: () => SourceFilter, nullable: true }) filter: SourceFilter,
  ) {
    return toConnection(this.sources.list(first, after, filter ?? {}));
  }

  /** Up to 1,000,000 characters: counted against the size of the answer as it resolves (RequestBudget). */
  @ResolveField(() => String, {
    nullable: true,
    description:
      'The registered text, which anchor.quote.start/end index into (null when none was registered)',
  })
  text(source: SourceView, _args: unknown, context: RequestContext): string | null {
    if (source.text !== null && context.budget) context.budget.sent(source.text.length);
    return source.text;
  }

  @ResolveField(() => ClaimConnection)
  async claims(@Parent() source: SourceView, @Args() args: ConnectionArgs) {
    return toConnection(
      await this.queryBus.execute(
        new ListClaimsQuery(
          { sourceId: source.id },
          { field: 'CREATED_AT', direction: 'ASC' },
          args.first,
          args.after,
        ),
      ),
    );
  }

  /** Unpaged, so it charges the request's budget for what it returns (RequestBudget), like a claim's lists. */
  @ResolveField(() => [SourceRevisionModel], { description: 'Corrections of its metadata, oldest first' })
  async revisions(source: SourceView, _args: unknown, context: RequestContext, info: GraphQLResolveInfo) {
    const all = source.revisions ?? (await context.loaders.sourceRevisions.load(source.id));
    return context.budget ? context.budget.listed(all, info) : all;
  }

  @Mutation(() => SourcePayload)
  registerSource(@Args('input') input: RegisterSourceInput, @Context() context: RequestContext) {
    return this.run(sourceCommands.registerSource, input, context);
  }

  @Mutation(() => SourcePayload, {
    description:
      'Correct a source’s metadata (the analyst who registered it, or EDITOR+; reason required); the text never changes',
  })
  reviseSource(@Args('input') input: ReviseSourceInput, @Context() context: RequestContext) {
    return this.run(sourceCommands.reviseSource, input, context);
  }

  private async run<I extends MutationInput>(command: CommandFunction<I>, input: I, context: RequestContext) {
    const result: AnsweredMutation = await this.commandBus.execute(
      new RunMutation(command, input, mutationContext(context)),
    );
    // Behind its own write, the read model cannot answer: the source is folded from the stored events.
    const fromReadModel = result.readModelBehind
      ? undefined
      : this.sources.sourcesByIds([result.subjectId]).get(result.subjectId);
    const source = fromReadModel ?? (await this.sourceAt.asStored(result.subjectId));
    if (!source) throw new NotFoundError(`source ${result.subjectId} has no stored events`);
    return { source, readModelBehind: fromReadModel === undefined };
  }
}
