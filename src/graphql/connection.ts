import type { Page } from '../read-model/pagination.js';

/** A read-model page as a Relay connection. */
export const toConnection = <T>(page: Page<T>) => ({
  edges: page.items.map((node, index) => ({ node, cursor: page.cursors[index]! })),
  pageInfo: {
    hasNextPage: page.hasNextPage,
    hasPreviousPage: page.hasPreviousPage,
    startCursor: page.cursors[0] ?? null,
    endCursor: page.cursors.at(-1) ?? null,
  },
  totalCount: page.totalCount,
});
