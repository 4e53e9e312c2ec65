import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ClaimAtService } from '../history/claim-at.service.js';
import type { Page } from '../../read-model/pagination.js';
import type { ClaimView } from '../read-model/claim.views.js';
import { ClaimsQueries, type ClaimFilter, type ClaimOrder } from '../read-model/claims.queries.js';

export class GetClaimQuery {
  constructor(
    readonly id: string,
    readonly asOf?: string,
    readonly atVersion?: number,
  ) {}
}

export class ListClaimsQuery {
  constructor(
    readonly filter: ClaimFilter,
    readonly order: ClaimOrder | undefined,
    readonly first: number | null | undefined,
    readonly after: string | null | undefined,
  ) {}
}

export class SimilarClaimsQuery {
  constructor(
    readonly statement: string,
    readonly sourceId: string | null,
    readonly first: number,
    readonly minSimilarity: number,
  ) {}
}

@QueryHandler(GetClaimQuery)
export class GetClaimHandler implements IQueryHandler<GetClaimQuery, ClaimView | null> {
  constructor(
    @Inject(ClaimsQueries) private readonly claims: ClaimsQueries,
    @Inject(ClaimAtService) private readonly history: ClaimAtService,
  ) {}

  /** Now from the read model; at a time or a version by folding the event log (docs/architecture.md §5). */
  async execute({ id, asOf, atVersion }: GetClaimQuery): Promise<ClaimView | null> {
    if (asOf !== undefined || atVersion !== undefined) return this.history.claimAt(id, { asOf, atVersion });
    return this.claims.claim(id) ?? null;
  }
}

@QueryHandler(ListClaimsQuery)
export class ListClaimsHandler implements IQueryHandler<ListClaimsQuery, Page<ClaimView>> {
  constructor(@Inject(ClaimsQueries) private readonly claims: ClaimsQueries) {}

  async execute({ filter, order, first, after }: ListClaimsQuery): Promise<Page<ClaimView>> {
    return this.claims.list(filter, order, first, after);
  }
}

@QueryHandler(SimilarClaimsQuery)
export class SimilarClaimsHandler implements IQueryHandler<SimilarClaimsQuery> {
  constructor(@Inject(ClaimsQueries) private readonly claims: ClaimsQueries) {}

  async execute({ statement, sourceId, first, minSimilarity }: SimilarClaimsQuery) {
    return this.claims.similarClaims(statement, { sourceId, first, minSimilarity });
  }
}
