import type Database from 'better-sqlite3';
import type { Actor, Role } from '../../event-sourcing/metadata.js';
import { ID_LIST } from '../../claims/read-model/claims.queries.js';
import { decodeCursor, encodeCursor, pageSize, type Page } from '../../read-model/pagination.js';
import { prepared } from '../../read-model/statement-cache.js';
import type { SourceMetadata } from '../domain/source.values.js';
import { SOURCE_METADATA_COLUMNS, sourceMetadataOfRow } from './source.columns.js';

export interface SourceView extends SourceMetadata {
  readonly id: string;
  readonly text: string | null;
  readonly textHash: string | null;
  readonly textLength: number | null;
  readonly registeredBy: Actor;
  readonly registeredAt: string;
}

const COLUMNS = `id, ${SOURCE_METADATA_COLUMNS}, text, text_hash, text_length, registered_by, registered_role,
  registered_at, seq`;

const toSourceView = (row: Record<string, unknown>): SourceView => ({
  id: row['id'] as string,
  ...sourceMetadataOfRow(row),
  text: row['text'] as string | null,
  textHash: row['text_hash'] as string | null,
  textLength: row['text_length'] as number | null,
  registeredBy: { id: row['registered_by'] as string, role: row['registered_role'] as Role },
  registeredAt: row['registered_at'] as string,
});

export class SourcesQueries {
  constructor(private readonly db: Database.Database) {}

  sourcesByIds(ids: readonly string[]): Map<string, SourceView> {
    const rows = prepared(this.db, `SELECT ${COLUMNS} FROM sources WHERE id IN (${ID_LIST})`).all(
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

  /** Oldest first: sources are few and registered once. */
  list(first?: number | null, after?: string | null): Page<SourceView> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, ['position']);
    const rows = this.db
      .prepare(`SELECT ${COLUMNS} FROM sources WHERE seq > ? ORDER BY seq LIMIT ?`)
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
