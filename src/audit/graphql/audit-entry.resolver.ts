import { ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '../../graphql/graphql.context.js';
import { approximateJsonBytes, RESPONSE_LIMITS } from '../../graphql/request-budget.js';
import { JsonScalar } from '../../graphql/scalars.js';
import type { AuditEntryView } from '../read-model/audit.queries.js';
import { AuditEntryModel } from './audit-entry.model.js';

@Resolver(() => AuditEntryModel)
export class AuditEntryResolver {
  /**
   * An event's data: a SourceRegistered carries its source's whole text, so a page of them is counted against
   * the size of the answer as it resolves (RequestBudget). GraphQL's own (parent, args, context).
   */
  @ResolveField(() => JsonScalar)
  data(entry: AuditEntryView, _args: unknown, context: RequestContext): unknown {
    if (context.budget) context.budget.sent(approximateJsonBytes(entry.data, RESPONSE_LIMITS.responseBytes));
    return entry.data;
  }
}
