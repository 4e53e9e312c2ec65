import type Database from 'better-sqlite3';
import type { Actor, Role } from '../../event-sourcing/metadata.js';
import { ID_LIST } from '../../claims/read-model/claims.queries.js';
import { decodeCursor, encodeCursor, pageSize, type Page } from '../../read-model/pagination.js';
import { prepared } from '../../read-model/statement-cache.js';

export interface SourceView {
  readonly id: string;
  readonly title: string;
  readonly url: string | null;
  readonly author: string | null;
  readonly publisher: string | null;
  readonly publishedAt: string | null;
  readonly language: string | null;
  readonly text: string | null;
  readonly textHash: string | null;
  readonly textLength: number | null;
  readonly registeredBy: Actor;
  readonly registeredAt: string;
}

const COLUMNS = `id, title, url, author, publisher, published_at, language, text, text_hash, text_length, registered_by,
  registered_role, registered_at, seq`;

const toSourceView = (row: Record<string, unknown>): SourceView => ({
  id: row['id'] as string,
  title: row['title'] as string,
  url: row['url'] as string | null,
  author: row['author'] as string | null,
  publisher: row['publisher'] as string | null,
  publishedAt: row['published_at'] as string | null,
  language: row['language'] as string | null,
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
