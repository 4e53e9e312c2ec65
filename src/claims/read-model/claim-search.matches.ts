import type Database from 'better-sqlite3';
import { hasMatch, ROWID_PARAMETER, snippetSql } from '../../read-model/full-text.js';
import { PageMatches, type MatchedText } from '../../read-model/search-match.js';
import { prepared } from '../../read-model/statement-cache.js';
import { CLAIM_SEARCH_COLUMNS } from './claims.schema.js';

/** Where a claims search matched: the kind of text, its item, and its snippet, for a page's hits. */

const indexOfColumn = (name: string) => CLAIM_SEARCH_COLUMNS.findIndex((column) => column.name === name);
/** The kind of a matched text, and snippets: its statement and quote (a claim's own row), or its one text. */
const MATCHED_COLUMNS = `rowid, item_id,
    CASE WHEN statement IS NOT NULL THEN 'STATEMENT' WHEN evidence IS NOT NULL THEN 'EVIDENCE'
         WHEN counterpoint IS NOT NULL THEN 'COUNTERPOINT' ELSE 'ANSWER' END AS field,
    ${snippetSql('claim_search', indexOfColumn('statement'))} AS statement,
    ${snippetSql('claim_search', indexOfColumn('quote'))} AS quote,
    ${snippetSql('claim_search', -1)} AS best`;
/**
 * Snippets of a page's hits, each looked up by rowid: for a ranked page, whose hits lie anywhere among at
 * most RANKED_MATCHES rows (15–20 µs a lookup).
 */
const MATCHED_ROW = `SELECT ${MATCHED_COLUMNS} FROM claim_search
  WHERE claim_search MATCH ? AND rowid = ${ROWID_PARAMETER}`;
/**
 * Snippets of a newest-first page in one pass over the rowids it spans, snippets made for its hits only.
 * Looking each up by rowid near the end of a long doclist cost 125 µs at 1,000,000 events (2.5 ms a page),
 * the pass 0.2 ms.
 */
// `+rowid`: not a constraint FTS5 is offered, so it reads the span in order and SQLite filters it.
const MATCHED_SPAN = `SELECT ${MATCHED_COLUMNS} FROM claim_search
  WHERE claim_search MATCH ? AND rowid BETWEEN ${ROWID_PARAMETER} AND ${ROWID_PARAMETER}
    AND +rowid IN (SELECT value FROM json_each(?))`;

interface MatchedRow {
  readonly rowid: number;
  readonly item_id: string;
  readonly field: string;
  readonly statement: string;
  readonly quote: string;
  readonly best: string;
}

/** A claim's row holds its statement and its quote: name the one that matched, the statement first. */
const matchedText = (row: MatchedRow): MatchedText => {
  const quoted = row.field === 'STATEMENT' && !hasMatch(row.statement) && hasMatch(row.quote);
  return {
    itemId: row.item_id,
    field: quoted ? 'QUOTE' : row.field,
    marked: row.field === 'STATEMENT' ? (quoted ? row.quote : row.statement) : row.best,
  };
};

/** The matched texts of a page's hits, read on first use (see MATCHED_ROW and MATCHED_SPAN). */
export const pageMatches = (
  db: Database.Database,
  expression: string,
  rowids: readonly number[],
  span: boolean,
): PageMatches =>
  new PageMatches(rowids, (wanted) => {
    const rows: MatchedRow[] = [];
    if (span && wanted.length > 0) {
      const [low, high] = [Math.min(...wanted), Math.max(...wanted)];
      rows.push(
        ...(prepared(db, MATCHED_SPAN).all(expression, low, high, JSON.stringify(wanted)) as MatchedRow[]),
      );
    } else {
      const statement = prepared(db, MATCHED_ROW);
      for (const rowid of wanted) {
        const row = statement.get(expression, rowid) as MatchedRow | undefined;
        if (row) rows.push(row);
      }
    }
    return new Map(rows.map((row) => [row.rowid, matchedText(row)]));
  });
