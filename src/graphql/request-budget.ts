import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { LimitExceededError, QUERY_LIMITS, costError } from './limits.js';
import { QueryCostModel, UNBOUNDED_LIST_ESTIMATE } from './query-cost.js';

/** What one HTTP request may make the server produce once it runs (QUERY_LIMITS bounds what it may ask). */
export const RESPONSE_LIMITS = {
  /** Items of the lists that have no page (evidence, counterpoints, relations, a graph's nodes and edges). */
  rows: 25_000,
  /** Of the serialized answer; large leaves (a source's text, an event's data) count as they resolve. */
  responseBytes: 16 * 1024 * 1024,
} as const;

const MEGABYTE = 1024 * 1024;

export const responseTooLarge = (bytes: number) =>
  new LimitExceededError(
    `the answer would be more than ${Math.floor(RESPONSE_LIMITS.responseBytes / MEGABYTE)} MB (${(bytes / MEGABYTE).toFixed(1)} MB so far); ask for fewer or smaller fields, or use /export`,
    'responseBytes',
  );

/** About how many bytes `value` takes as JSON; stops counting once past `enough`. */
export const approximateJsonBytes = (value: unknown, enough: number): number => {
  let bytes = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0 && bytes <= enough) {
    const next = pending.pop();
    if (typeof next === 'string') bytes += next.length + 2;
    else if (next === null || typeof next !== 'object') bytes += 8;
    else if (Array.isArray(next)) {
      bytes += 2 + next.length;
      pending.push(...next);
    } else {
      for (const [key, item] of Object.entries(next)) {
        bytes += key.length + 4;
        pending.push(item);
      }
    }
  }
  return bytes;
};

/**
 * The run-time side of the limits, one per HTTP request. The static estimate admitted the request; lists
 * whose length only the data knows then charge what they return beyond the estimate (their extra items,
 * each at the price of its selection), their items count as rows, and large leaves count their bytes. Any
 * of the three past its limit fails the request with a LimitExceededError, and the answer carries no data.
 */
export class RequestBudget {
  private cost = 0;
  private rows = 0;
  private bytes = 0;
  private model: QueryCostModel | undefined;
  private readonly itemCosts = new Map<FieldNode, number>();

  admit(estimate: number): void {
    this.cost = estimate;
  }

  /** An unpaged list a resolver returns, as it returns it. */
  listed<T>(items: readonly T[], info: GraphQLResolveInfo): readonly T[] {
    this.rows += items.length;
    if (this.rows > RESPONSE_LIMITS.rows) {
      throw new LimitExceededError(
        `the query reads more than ${RESPONSE_LIMITS.rows.toLocaleString('en-US')} rows of lists (${info.parentType.name}.${info.fieldName} among them); ask for fewer claims or fewer nested lists`,
        'rows',
      );
    }
    if (items.length > UNBOUNDED_LIST_ESTIMATE) {
      this.cost += (items.length - UNBOUNDED_LIST_ESTIMATE) * this.itemCost(info);
      if (this.cost > QUERY_LIMITS.cost)
        throw costError(
          this.cost,
          `${info.parentType.name}.${info.fieldName} returns ${items.length} items: the query`,
        );
    }
    return items;
  }

  /** A large leaf, as it resolves: `bytes` is its (approximate) size in the answer. */
  sent(bytes: number): void {
    this.bytes += bytes;
    if (this.bytes > RESPONSE_LIMITS.responseBytes) throw responseTooLarge(this.bytes);
  }

  /** One item's selection, priced once per field of the document (the same for every parent). */
  private itemCost(info: GraphQLResolveInfo): number {
    const key = info.fieldNodes[0]!;
    const known = this.itemCosts.get(key);
    if (known !== undefined) return known;
    this.model ??= new QueryCostModel(
      info.schema,
      { definitions: Object.values(info.fragments) },
      info.variableValues,
    );
    let cost = 0;
    for (const node of info.fieldNodes) cost += this.model.itemCost(node, info.parentType);
    this.itemCosts.set(key, cost);
    return cost;
  }
}
