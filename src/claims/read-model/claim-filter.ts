import type { SearchMode } from '../../read-model/full-text.js';
import type { ClaimStatus, Verdict } from '../domain/claim.values.js';
import type { Label } from '../domain/grounded-labelling.js';

export interface ClaimFilter {
  readonly status?: readonly ClaimStatus[] | null;
  readonly tags?: readonly string[] | null;
  readonly sourceId?: string | null;
  readonly search?: string | null;
  readonly searchMode?: SearchMode | null;
  readonly createdBy?: string | null;
  readonly acceptability?: readonly Label[] | null;
  readonly verdict?: readonly Verdict[] | null;
  readonly updatedAfter?: string | null;
  readonly updatedBefore?: string | null;
  /** true: claims whose assessment has gone stale; false: claims without one. */
  readonly needsReassessment?: boolean | null;
}

export interface ClaimOrder {
  /** RELEVANCE ranks a search (best first, whatever the direction); the others sort by a column. */
  readonly field: 'CREATED_AT' | 'UPDATED_AT' | 'STATEMENT' | 'RELEVANCE';
  readonly direction: 'ASC' | 'DESC';
}

const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');
/**
 * A list of ids as one JSON parameter: one prepared statement serves every list length (preparing a
 * statement per call was 8% of a claims query's CPU), and SQLite still looks each id up in the index.
 */
export const ID_LIST = 'SELECT value FROM json_each(?)';
export const idList = (ids: readonly string[]) => JSON.stringify(ids);

export interface WhereClause {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/**
 * Turns a filter into a WHERE clause over `claims` and its parameters. Every field of ClaimFilter is
 * honoured; the search as the FTS5 expression it was read into (or not at all: a ranked search joins the
 * index itself).
 */
export const whereOf = (filter: ClaimFilter, searchExpression?: string): WhereClause => {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => {
    clauses.push(clause);
    params.push(...values);
  };
  const inList = (column: string, values: readonly unknown[] | null | undefined) => {
    if (values && values.length > 0) add(`${column} IN (${placeholders(values)})`, ...values);
  };
  inList('status', filter.status);
  inList('acceptability', filter.acceptability);
  inList('verdict', filter.verdict);
  for (const tag of filter.tags ?? [])
    add('EXISTS (SELECT 1 FROM claim_tags t WHERE t.tag = ? AND t.claim_id = claims.id)', tag);
  if (filter.sourceId) add('source_id = ?', filter.sourceId);
  // The row keeps a stale assessment without its verdict (claims.projection.ts, withStaleAssessment).
  if (filter.needsReassessment === true) add('assessment IS NOT NULL AND verdict IS NULL');
  if (filter.needsReassessment === false) add('NOT (assessment IS NOT NULL AND verdict IS NULL)');
  if (filter.createdBy) add('created_by = ?', filter.createdBy);
  if (filter.updatedAfter) add('updated_at > ?', new Date(filter.updatedAfter).toISOString());
  if (filter.updatedBefore) add('updated_at < ?', new Date(filter.updatedBefore).toISOString());
  if (searchExpression !== undefined)
    add('id IN (SELECT claim_id FROM claim_search WHERE claim_search MATCH ?)', searchExpression);
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
};

/** `where` extended by one more condition. */
export const andWhere = (where: WhereClause, clause: string, ...params: unknown[]): WhereClause => ({
  sql: where.sql ? `${where.sql} AND ${clause}` : `WHERE ${clause}`,
  params: [...where.params, ...params],
});
