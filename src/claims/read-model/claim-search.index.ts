import type Database from 'better-sqlite3';
import { prepared } from '../../read-model/statement-cache.js';

/**
 * The claims projection's writes to claim_search, one row per text in the column of its kind. Rows are
 * only added while texts arrive; a revision rewrites the statement row, a re-anchoring its quote, and a withdrawal deletes an
 * evidence row, both found by the rowid kept in claim_search_rows (FTS5 cannot look item_id up).
 */

type TextColumn = 'evidence' | 'counterpoint' | 'answer';

const SEARCH_ROW = 'SELECT search_rowid FROM claim_search_rows WHERE item_id = ?';

const remember = (db: Database.Database, itemId: string, rowid: number | bigint): void => {
  prepared(db, 'INSERT INTO claim_search_rows (item_id, search_rowid) VALUES (?, ?)').run(itemId, rowid);
};

/** A claim's own row: its statement and, when it is anchored, the quoted words of its source. */
export const indexClaim = (
  db: Database.Database,
  claimId: string,
  statement: string,
  quote: string | null,
): void => {
  const { lastInsertRowid } = prepared(
    db,
    'INSERT INTO claim_search (claim_id, item_id, statement, quote) VALUES (?, ?, ?, ?)',
  ).run(claimId, claimId, statement, quote);
  remember(db, claimId, lastInsertRowid);
};

/** An evidence summary, a counterpoint, or a counterpoint's answer (which shares the counterpoint's id). */
export const indexText = (
  db: Database.Database,
  column: TextColumn,
  claimId: string,
  itemId: string,
  text: string,
): void => {
  const { lastInsertRowid } = prepared(
    db,
    `INSERT INTO claim_search (claim_id, item_id, ${column}) VALUES (?, ?, ?)`,
  ).run(claimId, itemId, text);
  if (column !== 'answer') remember(db, itemId, lastInsertRowid);
};

export const reindexStatement = (db: Database.Database, claimId: string, statement: string): void => {
  prepared(db, `UPDATE claim_search SET statement = ? WHERE rowid = (${SEARCH_ROW})`).run(statement, claimId);
};

/** A re-anchored claim: its row searches the words it now quotes. */
export const reindexQuote = (db: Database.Database, claimId: string, quote: string): void => {
  prepared(db, `UPDATE claim_search SET quote = ? WHERE rowid = (${SEARCH_ROW})`).run(quote, claimId);
};

export const unindexText = (db: Database.Database, itemId: string): void => {
  prepared(db, `DELETE FROM claim_search WHERE rowid = (${SEARCH_ROW})`).run(itemId);
  prepared(db, 'DELETE FROM claim_search_rows WHERE item_id = ?').run(itemId);
};
