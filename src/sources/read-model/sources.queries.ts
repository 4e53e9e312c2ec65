import type Database from 'better-sqlite3';
import { ID_LIST } from '../../claims/read-model/claims.queries.js';
import { decodeCursor, encodeCursor, pageSize, type Page } from '../../read-model/pagination.js';
import type { SearchMode } from '../../read-model/full-text.js';
import { prepared } from '../../read-model/statement-cache.js';
import { SOURCE_COLUMNS, toSourceView, type SourceView } from './source-rows.js';
import { SourceSearch } from './source-search.queries.js';

export type { SourceView } from './source-rows.js';

export interface SourceFilter {
  readonly search?: string | null;
  readonly searchMode?: SearchMode | null;
}

export class SourcesQueries {
  private readonly search: SourceSearch;

  constructor(private readonly db: Database.Database) {
    this.search = new SourceSearch(db);
  }

  sourcesByIds(ids: readonly string[]): Map<string, SourceView> {
    const rows = prepared(this.db, `SELECT ${SOURCE_COLUMNS} FROM sources WHERE id IN (${ID_LIST})`).all(
      JSON.stringify(ids),
    ) as Array<Record<string, unknown>>;
    return new Map(rows.map((row) => [row['id'] as string, toSourceView(row)]));
  }

  text(id: string): string | null {
    return (
      (this.db.prepare('SELECT text FROM sources WHERE id = ?').pluck().get(id) as
        string | null | undefined) ?? null
    );
  }

  /** Oldest first: sources are few and registered once. With a search, best or newest match first. */
  list(first?: number | null, after?: string | null, filter: SourceFilter = {}): Page<SourceView> {
    if (filter.search !== undefined && filter.search !== null)
      return this.search.page(filter.search, filter.searchMode, first, after);
    const limit = pageSize(first);
    const cursor = decodeCursor(after, ['position']);
    const rows = this.db
      .prepare(`SELECT ${SOURCE_COLUMNS} FROM sources WHERE seq > ? ORDER BY seq LIMIT ?`)
      .all(cursor ? cursor[0] : 0, limit + 1) as Array<Record<string, unknown>>;
    const page = rows.slice(0, limit);
    return {
      items: page.map(toSourceView),
      cursors: page.map((row) => encodeCursor([row['seq'] as number])),
      totalCount: this.db.prepare('SELECT count(*) FROM sources').pluck().get() as number,
      hasNextPage: rows.length > limit,
      hasPreviousPage: cursor !== undefined,
    };
  }
}
