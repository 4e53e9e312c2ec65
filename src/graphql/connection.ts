import type { Page } from '../read-model/pagination.js';

/**
 * A read-model page as a Relay connection. `totalCount` is read from the page only when GraphQL resolves the
 * field: a page may count lazily (ClaimsQueries.list), and most requests do not ask for it.
 */
export const toConnection = <T>(page: Page<T>) => ({
  edges: page.items.map((node, index) => ({ node, cursor: page.cursors[index]! })),
  pageInfo: {
    hasNextPage: page.hasNextPage,
    hasPreviousPage: page.hasPreviousPage,
    startCursor: page.cursors[0] ?? null,
    endCursor: page.cursors.at(-1) ?? null,
  },
  get totalCount(): number {
    return page.totalCount;
  },
});
