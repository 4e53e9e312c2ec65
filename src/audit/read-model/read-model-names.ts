import type Database from 'better-sqlite3';
import type { Role } from '../../event-sourcing/metadata.js';
import { prepared } from '../../read-model/statement-cache.js';
import { namesFrom, type NameLookup, type Names } from './audit-names.js';

const one = <Row>(db: Database.Database, sql: string, id: string): Row | undefined =>
  prepared(db, sql).get(id) as Row | undefined;

/**
 * Names from the read model's own tables (claims, evidence, counterpoints, sources, tokens), one primary-key
 * read each. In the audit projection these tables stand as of the event being applied (audit-names.ts).
 */
export const readModelLookup = (db: Database.Database): NameLookup => ({
  claim: (id) => one<{ statement: string }>(db, 'SELECT statement FROM claims WHERE id = ?', id)?.statement,
  source: (id) => one<{ title: string }>(db, 'SELECT title FROM sources WHERE id = ?', id)?.title,
  counterpoint: (id) => one<{ text: string }>(db, 'SELECT text FROM counterpoints WHERE id = ?', id)?.text,
  evidence: (id) =>
    one<{ citationTitle: string | null; summary: string }>(
      db,
      "SELECT json_extract(citation, '$.title') AS citationTitle, summary FROM evidence WHERE id = ?",
      id,
    ),
  token: (id) =>
    one<{ actorId: string; role: Role }>(
      db,
      'SELECT actor_id AS actorId, role FROM tokens WHERE token_id = ?',
      id,
    ),
});

export const readModelNames = (db: Database.Database): Names => namesFrom(readModelLookup(db));
