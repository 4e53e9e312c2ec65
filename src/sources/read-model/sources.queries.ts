import type Database from 'better-sqlite3';
import type { Actor, Role } from '../../event-sourcing/metadata.js';
import { ID_LIST } from '../../claims/read-model/claims.queries.js';
import { decodeCursor, encodeCursor, pageSize, type Page } from '../../read-model/pagination.js';
import { prepared } from '../../read-model/statement-cache.js';
import {
  SOURCE_METADATA_FIELDS,
  type SourceMetadata,
  type SourceMetadataField,
} from '../domain/source.values.js';
import { SOURCE_METADATA_COLUMNS, sourceMetadataOfRow } from './source.columns.js';

export interface SourceView extends SourceMetadata {
  readonly id: string;
  readonly text: string | null;
  readonly textHash: string | null;
  readonly textLength: number | null;
  readonly registeredBy: Actor;
  readonly registeredAt: string;
  /** Events in the source's stream: 1 as registered, one more per revision. */
  readonly version: number;
  /** Present when the view was folded (time travel); otherwise loaded when asked for. */
  readonly revisions?: readonly SourceRevisionView[];
}

/** One correction of a source's metadata: the fields it changed, from what to what. */
export interface SourceRevisionView {
  readonly sourceId: string;
  readonly version: number;
  readonly changes: ReadonlyArray<{
    readonly field: SourceMetadataField;
    readonly from: string | null;
    readonly to: string | null;
  }>;
  readonly reason: string;
  readonly revisedBy: Actor;
  readonly revisedAt: string;
}

const COLUMNS = `id, ${SOURCE_METADATA_COLUMNS}, text, text_hash, text_length, registered_by, registered_role,
  registered_at, seq, 1 + (SELECT count(*) FROM source_revisions r WHERE r.source_id = sources.id) AS version`;

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

const toSourceView = (row: Record<string, unknown>): SourceView => ({
  id: row['id'] as string,
  ...sourceMetadataOfRow(row),
  text: row['text'] as string | null,
  textHash: row['text_hash'] as string | null,
  textLength: row['text_length'] as number | null,
  registeredBy: { id: row['registered_by'] as string, role: row['registered_role'] as Role },
  registeredAt: row['registered_at'] as string,
  version: row['version'] as number,
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
