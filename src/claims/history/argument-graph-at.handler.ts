import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { GraphAtService, type ArgumentGraphView } from './graph-at.service.js';

export class ArgumentGraphAtQuery {
  constructor(
    readonly rootId: string | null,
    readonly depth: number,
    readonly asOf: string,
  ) {}
}

/** Time travel is the one kind of query that folds events rather than reading the read model (STYLE 8). */
@QueryHandler(ArgumentGraphAtQuery)
export class ArgumentGraphAtHandler implements IQueryHandler<ArgumentGraphAtQuery, ArgumentGraphView> {
  constructor(@Inject(GraphAtService) private readonly graphs: GraphAtService) {}

  execute({ rootId, depth, asOf }: ArgumentGraphAtQuery): Promise<ArgumentGraphView> {
    return this.graphs.graphAt(rootId, depth, asOf);
  }
}
