import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ValidationError } from '../../event-sourcing/errors.js';
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

@QueryHandler(GetClaimQuery)
export class GetClaimHandler implements IQueryHandler<GetClaimQuery, ClaimView | null> {
  constructor(@Inject(ClaimsQueries) private readonly claims: ClaimsQueries) {}

  async execute({ id, asOf, atVersion }: GetClaimQuery): Promise<ClaimView | null> {
    if (asOf !== undefined || atVersion !== undefined) {
      throw new ValidationError('asOf and atVersion (time travel) are not served by this version yet', asOf !== undefined ? 'asOf' : 'atVersion');
    }
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
