import type Database from 'better-sqlite3';
import { prepared } from '../../read-model/statement-cache.js';
import type { CounterpointReopened, CounterpointResolved } from '../domain/claim.events.js';
import type { CounterpointThreadKind } from '../domain/claim.values.js';

/**
 * The next entry of a counterpoint's thread in the claims read model (numbered from 1 in the order of the
 * stream): a response when it is resolved, a rebuttal when it is reopened.
 */
export const addToThread = (
  db: Database.Database,
  { data }: CounterpointResolved | CounterpointReopened,
  kind: CounterpointThreadKind,
  text: string,
  reason: string | null,
): void => {
  prepared(
    db,
    `INSERT INTO counterpoint_thread (counterpoint_id, entry, claim_id, kind, text, reason, by_id, by_role, at)
     SELECT ?, coalesce(max(entry), 0) + 1, ?, ?, ?, ?, ?, ?, ? FROM counterpoint_thread WHERE counterpoint_id = ?`,
  ).run(
    data.counterpointId,
    data.claimId,
    kind,
    text,
    reason,
    data.by.id,
    data.by.role,
    data.at,
    data.counterpointId,
  );
};
