import type Database from 'better-sqlite3';
import type { Role } from '../../event-sourcing/metadata.js';
import { ID_LIST } from '../../claims/read-model/claims.queries.js';
import { decodeCursor, encodeCursor, pageSize, type Page } from '../../read-model/pagination.js';
import type { SearchMode } from '../../read-model/full-text.js';
import { prepared } from '../../read-model/statement-cache.js';
import { SOURCE_METADATA_FIELDS, type SourceMetadata } from '../domain/source.values.js';
import { SOURCE_COLUMNS, toSourceView, type SourceRevisionView, type SourceView } from './source-rows.js';
import { SourceSearch } from './source-search.queries.js';

export type { SourceRevisionView, SourceView } from './source-rows.js';

export interface SourceFilter {
  readonly search?: string | null;
  readonly searchMode?: SearchMode | null;
}

/** The changes of a revision, in the domain's order of the fields. */
export const revisionChanges = (
  changed: Partial<SourceMetadata>,
  previous: Partial<SourceMetadata>,
): SourceRevisionView['changes'] =>
  SOURCE_METADATA_FIELDS.filter((field) => field in changed).map((field) => ({
    field,
    from: previous[field] ?? null,
    to: changed[field] ?? null,
  }));

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

  /** Each source's revisions, oldest first. */
  revisionsFor(sourceIds: readonly string[]): Map<string, SourceRevisionView[]> {
    const rows = prepared(
      this.db,
      `SELECT * FROM source_revisions WHERE source_id IN (${ID_LIST}) ORDER BY source_id, version`,
    ).all(JSON.stringify(sourceIds)) as Array<Record<string, unknown>>;
    const bySource = new Map<string, SourceRevisionView[]>(sourceIds.map((id) => [id, []]));
    for (const row of rows) {
      bySource.get(row['source_id'] as string)?.push({
        sourceId: row['source_id'] as string,
        version: row['version'] as number,
        changes: revisionChanges(JSON.parse(row['changed'] as string), JSON.parse(row['previous'] as string)),
        reason: row['reason'] as string,
        revisedBy: { id: row['revised_by'] as string, role: row['revised_role'] as Role },
        revisedAt: row['revised_at'] as string,
      });
    }
    return bySource;
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
