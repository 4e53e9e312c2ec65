import type Database from 'better-sqlite3';
import type { StoredEvent } from '../../event-sourcing/event-store.js';
import type { BatchContext, Projection } from '../../read-model/projection.js';
import { prepared } from '../../read-model/statement-cache.js';
import { CLAIM_EVENT_TYPES, type ClaimEvent } from '../domain/claim.events.js';
import { recomputeAcceptability } from './acceptability.projection.js';
import { CLAIMS_SCHEMA } from './claims.schema.js';

const json = (value: unknown): string => JSON.stringify(value);

/** Status is derived, never set: the same rule as the decider's evolve (DESIGN §3). */
const DERIVE_STATUS = `UPDATE claims SET status = CASE
    WHEN retracted = 1 THEN 'RETRACTED'
    WHEN open_counterpoints > 0 THEN 'CONTESTED'
    WHEN verdict IS NOT NULL THEN 'ASSESSED'
    ELSE 'OPEN' END
  WHERE id = ?`;

const SEARCH_ROW = 'SELECT search_rowid FROM claim_search_rows WHERE item_id = ?';

/** Adds a text to the search index and remembers its rowid (FTS5 cannot index item_id itself). */
const index = (db: Database.Database, claimId: string, itemId: string, body: string): void => {
  const { lastInsertRowid } = prepared(db, 'INSERT INTO claim_search (claim_id, item_id, body) VALUES (?, ?, ?)').run(claimId, itemId, body);
  prepared(db, 'INSERT INTO claim_search_rows (item_id, search_rowid) VALUES (?, ?)').run(itemId, lastInsertRowid);
};

/**
 * Claims, evidence, counterpoints, relations, tags and the search index. Idempotent: an event whose
 * version the claim row has already reached is skipped, so re-applying a batch changes nothing.
 */
export const claimsProjection: Projection = {
  name: 'claims',
  handles: new Set<string>(CLAIM_EVENT_TYPES),
  schema: CLAIMS_SCHEMA,

  apply(db: Database.Database, stored: StoredEvent, batch: BatchContext): void {
    const event = { type: stored.type, data: stored.data } as unknown as ClaimEvent;
    const { claimId, at, by } = event.data;
    const row = prepared(db, 'SELECT version FROM claims WHERE id = ?').get(claimId) as { version: number } | undefined;
    if (event.type === 'ClaimProposed' ? row !== undefined : !row || row.version >= stored.version) return;
    const seq = Number(stored.position);
    const run = (sql: string, ...params: unknown[]) => prepared(db, sql).run(...params);

    switch (event.type) {
      case 'ClaimProposed': {
        const { statement, tags, attributedTo, anchor, note } = event.data;
        run(
          `INSERT INTO claims (id, statement, status, tags, attributed_to, source_id, quote, note, version,
             created_by, created_role, created_at, updated_at, seq) VALUES (?, ?, 'OPEN', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          claimId, statement, json(tags), attributedTo, anchor?.sourceId ?? null, anchor ? json(anchor.quote) : null, note,
          stored.version, by.id, by.role, at, at, seq,
        );
        for (const tag of tags) run('INSERT OR IGNORE INTO claim_tags (claim_id, tag) VALUES (?, ?)', claimId, tag);
        index(db, claimId, claimId, statement);
        batch.touchedClaims.add(claimId);
        break;
      }
      case 'ClaimRevised':
        run('UPDATE claims SET statement = ? WHERE id = ?', event.data.statement, claimId);
        run(`UPDATE claim_search SET body = ? WHERE rowid = (${SEARCH_ROW})`, event.data.statement, claimId);
        break;
      case 'ClaimTagged': {
        for (const tag of event.data.removed) run('DELETE FROM claim_tags WHERE claim_id = ? AND tag = ?', claimId, tag);
        for (const tag of event.data.added) run('INSERT OR IGNORE INTO claim_tags (claim_id, tag) VALUES (?, ?)', claimId, tag);
        // The decider's order: kept tags as they were, then the added ones.
        const current = JSON.parse(prepared(db, 'SELECT tags FROM claims WHERE id = ?').pluck().get(claimId) as string) as string[];
        const tags = [...current.filter((tag) => !event.data.removed.includes(tag)), ...event.data.added.filter((tag) => !current.includes(tag))];
        run('UPDATE claims SET tags = ? WHERE id = ?', json(tags), claimId);
        break;
      }
      case 'EvidenceAttached': {
        const { evidenceId, stance, summary, citation, reliability } = event.data;
        run(
          `INSERT INTO evidence (id, claim_id, seq, stance, summary, citation, reliability, added_by, added_role, added_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          evidenceId, claimId, seq, stance, summary, json(citation), reliability, by.id, by.role, at,
        );
        run('UPDATE claims SET evidence_count = evidence_count + 1 WHERE id = ?', claimId);
        index(db, claimId, evidenceId, summary);
        break;
      }
      case 'EvidenceWithdrawn':
        run('UPDATE evidence SET withdrawn = 1, withdrawn_reason = ? WHERE id = ?', event.data.reason, event.data.evidenceId);
        run('UPDATE claims SET evidence_count = evidence_count - 1 WHERE id = ?', claimId);
        run(`DELETE FROM claim_search WHERE rowid = (${SEARCH_ROW})`, event.data.evidenceId);
        run('DELETE FROM claim_search_rows WHERE item_id = ?', event.data.evidenceId);
        break;
      case 'CounterpointRaised': {
        const { counterpointId, text, citation } = event.data;
        run(
          `INSERT INTO counterpoints (id, claim_id, seq, text, state, citation, raised_by, raised_role, raised_at)
           VALUES (?, ?, ?, ?, 'OPEN', ?, ?, ?, ?)`,
          counterpointId, claimId, seq, text, citation ? json(citation) : null, by.id, by.role, at,
        );
        run('UPDATE claims SET counterpoint_count = counterpoint_count + 1, open_counterpoints = open_counterpoints + 1 WHERE id = ?', claimId);
        index(db, claimId, counterpointId, text);
        batch.touchedClaims.add(claimId);
        break;
      }
      case 'CounterpointResolved':
        run(
          `UPDATE counterpoints SET state = ?, response = ?, responded_by = ?, responded_role = ?, responded_at = ? WHERE id = ?`,
          event.data.resolution, event.data.response, by.id, by.role, at, event.data.counterpointId,
        );
        run('UPDATE claims SET open_counterpoints = open_counterpoints - 1 WHERE id = ?', claimId);
        batch.touchedClaims.add(claimId);
        break;
      case 'ClaimLinked':
        run(
          `INSERT OR REPLACE INTO relations (from_id, to_id, kind, rationale, linked_by, linked_role, linked_at, seq)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          claimId, event.data.toClaimId, event.data.kind, event.data.rationale, by.id, by.role, at, seq,
        );
        batch.touchedClaims.add(event.data.toClaimId);
        break;
      case 'ClaimUnlinked':
        run('DELETE FROM relations WHERE from_id = ? AND to_id = ? AND kind = ?', claimId, event.data.toClaimId, event.data.kind);
        batch.touchedClaims.add(event.data.toClaimId);
        break;
      case 'ClaimAssessed': {
        const { verdict, confidence, rationale } = event.data;
        const assessment = { verdict, confidence, rationale, assessedBy: by, assessedAt: at };
        run('UPDATE claims SET verdict = ?, assessment = ? WHERE id = ?', verdict, json(assessment), claimId);
        break;
      }
      case 'ClaimRetracted':
        run('UPDATE claims SET retracted = 1 WHERE id = ?', claimId);
        batch.touchedClaims.add(claimId);
        for (const target of prepared(db, 'SELECT to_id FROM relations WHERE from_id = ?').pluck().all(claimId)) {
          batch.touchedClaims.add(target as string);
        }
        break;
      default: {
        const unexpected: never = event;
        throw new Error(`claims projection: unhandled event ${JSON.stringify(unexpected)}`);
      }
    }
    run('UPDATE claims SET version = ?, updated_at = ? WHERE id = ?', stored.version, at, claimId);
    run(DERIVE_STATUS, claimId);
  },

  afterBatch(db: Database.Database, batch: BatchContext): void {
    if (batch.touchedClaims.size > 0) recomputeAcceptability(db, batch.touchedClaims);
  },
};
