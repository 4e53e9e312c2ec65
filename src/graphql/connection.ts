import type { Page } from '../read-model/pagination.js';
import type { PageInfoModel } from './page-info.model.js';

/**
 * A read-model page as a Relay connection. `totalCount` is read from the page only when GraphQL resolves the
 * field: a page may count lazily (ClaimsQueries.list), and most requests do not ask for it. A class, so that
 * getter lives on the prototype (see CountedWhenReadPage: a getter of each object's own costs a hidden class
 * per object).
 */
class PageConnection<T> {
  readonly edges: ReadonlyArray<{ readonly node: T; readonly cursor: string; readonly match: unknown }>;
  readonly pageInfo: PageInfoModel;

  constructor(private readonly page: Page<T>) {
    this.edges = page.items.map((node, index) => ({
      node,
      cursor: page.cursors[index]!,
      match: page.matches?.[index] ?? null,
    }));
    this.pageInfo = {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: page.cursors[0] ?? null,
      endCursor: page.cursors.at(-1) ?? null,
    };
  }

  get totalCount(): number {
    return this.page.totalCount;
  }
}

export const toConnection = <T>(page: Page<T>): PageConnection<T> => new PageConnection(page);
