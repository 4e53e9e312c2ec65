import type Database from 'better-sqlite3';
import {
  hasMatch,
  ROWID_PARAMETER,
  matchExpression,
  RANKED_MATCHES,
  snippetSql,
  withSearchErrors,
  type SearchMode,
} from '../../read-model/full-text.js';
import { CountedWhenReadPage, encodeCursor, pageSize, type Page } from '../../read-model/pagination.js';
import { NEWEST, RANKED, decodeSearchCursor } from '../../read-model/search-cursor.js';
import { PageMatches, SearchMatch, type MatchedText } from '../../read-model/search-match.js';
import { prepared } from '../../read-model/statement-cache.js';
import { SOURCE_COLUMNS_OF_SOURCES, toSourceView, type SourceView } from './source-rows.js';
import { SOURCE_SEARCH_COLUMNS } from './sources.projection.js';

const FIELD = 'filter.search';
const BM25 = `bm25(source_search, ${SOURCE_SEARCH_COLUMNS.map((column) => column.weight).join(', ')})`;
const SEARCHED = SOURCE_SEARCH_COLUMNS.flatMap((column, index) =>
  'field' in column ? [{ field: column.field, index }] : [],
);
const MATCHED_TEXT = `SELECT source_id, ${SEARCHED.map(({ index }) => snippetSql('source_search', index)).join(', ')}
  FROM source_search WHERE source_search MATCH ? AND rowid = ${ROWID_PARAMETER}`;

/**
 * Searches sources through source_search, as ClaimSearch searches claims: bm25 when the search matches at
 * most RANKED_MATCHES sources, newest registered first when it matches more. One row per source.
 */
export class SourceSearch {
  constructor(private readonly db: Database.Database) {}

  page(
    text: string,
    mode: SearchMode | null | undefined,
    first?: number | null,
    after?: string | null,
  ): Page<SourceView> {
    return withSearchErrors(FIELD, () => {
      const expression = matchExpression(
        text,
        mode,
        FIELD,
        (probe) =>
          prepared(this.db, 'SELECT 1 FROM source_search WHERE source_search MATCH ? LIMIT 1').get(probe) !==
          undefined,
      );
      const limit = pageSize(first);
      const counted = prepared(
        this.db,
        `SELECT count(*) FROM (SELECT rowid FROM source_search WHERE source_search MATCH ? LIMIT ${RANKED_MATCHES + 1})`,
      )
        .pluck()
        .get(expression) as number;
      const ranked = counted <= RANKED_MATCHES;
      const cursor = decodeSearchCursor(after, ranked, 'sources');
      const rows = (
        ranked
          ? prepared(
              this.db,
              `WITH hits AS MATERIALIZED (
                 SELECT source_id, rowid AS hit, ${BM25} AS score FROM source_search WHERE source_search MATCH ?)
               SELECT ${SOURCE_COLUMNS_OF_SOURCES}, hits.hit, hits.score FROM hits JOIN sources ON sources.id = hits.source_id
               ${cursor ? 'WHERE (hits.score, sources.seq) > (?, ?)' : ''} ORDER BY hits.score, sources.seq LIMIT ?`,
            ).all(expression, ...(cursor ? [cursor[1], cursor[2]] : []), limit + 1)
          : prepared(
              this.db,
              `SELECT ${SOURCE_COLUMNS_OF_SOURCES}, source_search.rowid AS hit, NULL AS score
               FROM source_search JOIN sources ON sources.id = source_search.source_id
               WHERE source_search MATCH ? ${cursor ? `AND source_search.rowid < ${ROWID_PARAMETER}` : ''}
               ORDER BY source_search.rowid DESC LIMIT ?`,
            ).all(expression, ...(cursor ? [cursor[1]] : []), limit + 1)
      ) as Array<Record<string, unknown>>;
      const page = rows.slice(0, limit);
      const matches = this.matches(
        expression,
        page.map((row) => row['hit'] as number),
      );
      return new CountedWhenReadPage(
        page.map(toSourceView),
        page.map((row) =>
          encodeCursor(
            ranked
              ? [RANKED, row['score'] as number, row['seq'] as number]
              : [NEWEST, row['hit'] as number, 0],
          ),
        ),
        rows.length > limit,
        cursor !== undefined,
        () =>
          ranked
            ? counted
            : (prepared(this.db, 'SELECT count(*) FROM source_search WHERE source_search MATCH ?')
                .pluck()
                .get(expression) as number),
        page.map(
          (row) =>
            new SearchMatch(
              matches,
              row['hit'] as number,
              row['score'] === null ? null : -(row['score'] as number),
            ),
        ),
      );
    });
  }

  /** Names the first column, by weight, whose snippet holds a match (a NOT search may mark none: the text). */
  private matches(expression: string, rowids: readonly number[]): PageMatches {
    return new PageMatches(rowids, (wanted) => {
      const texts = new Map<number, MatchedText>();
      const statement = prepared(this.db, MATCHED_TEXT).raw();
      for (const rowid of wanted) {
        const row = statement.get(expression, rowid) as [string, ...string[]] | undefined;
        if (!row) continue;
        const [sourceId, ...snippets] = row;
        const found = SEARCHED.findIndex((_column, index) => hasMatch(snippets[index] ?? ''));
        const chosen = found === -1 ? SEARCHED.length - 1 : found;
        texts.set(rowid, {
          itemId: sourceId,
          field: SEARCHED[chosen]!.field,
          marked: snippets[chosen] ?? '',
        });
      }
      return texts;
    });
  }
}
