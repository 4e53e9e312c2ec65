import {
  GraphQLError,
  type ASTVisitor,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationContext,
} from 'graphql';
import { ValidationError } from '../event-sourcing/errors.js';
import { queryCost, type KnownVariables } from './query-cost.js';

/** Limits that keep one request from costing the server more than any honest client needs. */
export const QUERY_LIMITS = {
  /** GraphiQL's introspection query is 13 deep once `ofType` nests; real queries stay under 10. */
  depth: 15,
  aliases: 30,
  cost: 50_000,
} as const;

/** A limit a request ran into; `limit` names which, so a client can tell it from an invalid input. */
export class LimitExceededError extends ValidationError {
  constructor(
    message: string,
    readonly limit: 'cost' | 'rows' | 'responseBytes' | 'subscriptions' | 'documentSize',
    /** For a request refused before it runs: the HTTP status Mercurius answers with (it reads this field). */
    readonly statusCode?: number,
  ) {
    super(message);
  }

  override get extensions(): Record<string, unknown> {
    return { code: this.code, limit: this.limit };
  }
}

const aliasError = () =>
  new GraphQLError(`the query uses more than ${QUERY_LIMITS.aliases} aliases`, {
    extensions: { code: 'BAD_USER_INPUT', limit: 'aliases' },
  });

/** At most `QUERY_LIMITS.aliases` aliased fields per document: alias bombs multiply work without depth. */
export const aliasLimitRule = (context: ValidationContext): ASTVisitor => {
  let aliases = 0;
  return {
    Field(node) {
      if (node.alias && ++aliases === QUERY_LIMITS.aliases + 1) context.reportError(aliasError());
    },
  };
};

const formatted = (cost: number) =>
  Number.isFinite(cost) && cost < 1e15 ? Math.round(cost).toLocaleString('en-US') : 'beyond counting';

export const costError = (cost: number, what = 'the query') =>
  new LimitExceededError(
    `${what} is too costly (estimated ${formatted(cost)}, limit ${QUERY_LIMITS.cost.toLocaleString('en-US')}); ask for smaller pages or fewer fields`,
    'cost',
  );

/**
 * Checked before execution, where the variables are known (a validation rule cannot see them and would defeat
 * query caching); returns the estimate, which the request's budget starts from.
 */
export const assertAffordable = (
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: KnownVariables,
  operationName?: string | null,
): number => {
  const cost = queryCost(schema, document, variables, operationName);
  if (cost > QUERY_LIMITS.cost) throw costError(cost);
  return cost;
};
