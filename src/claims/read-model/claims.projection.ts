import type Database from 'better-sqlite3';
import type { StoredEvent } from '../../event-sourcing/event-store.js';
import type { Projection } from '../../read-model/projection.js';
import { prepared } from '../../read-model/statement-cache.js';
import { CLAIM_EVENT_TYPES, outdatesAssessment, type ClaimEvent } from '../domain/claim.events.js';
import { THREAD_KIND_OF_RESOLUTION } from '../domain/claim.values.js';
import { claimStatusOf } from '../domain/claim.state.js';
import { indexClaim, indexText, reindexQuote, reindexStatement, unindexText } from './claim-search.index.js';
import { CLAIMS_SCHEMA } from './claims.schema.js';
import { addToThread } from './counterpoint-thread.rows.js';

const json = (value: unknown): string => JSON.stringify(value);

/** What an event changes on its claim's row besides version and updated_at (applied in one UPDATE). */
interface ClaimRowChange {
  /** Assignments, each followed by `, ` (`statement = ?, `), and their parameters. */
  readonly set?: string;
  readonly params?: readonly unknown[];
  /** True when the change moves retracted, open_counterpoints or verdict: the status is derived again. */
  readonly status?: boolean;
}

const UNCHANGED: ClaimRowChange = {};

const currentStatement = (db: Database.Database, claimId: string): string =>
  prepared(db, 'SELECT statement FROM claims WHERE id = ?').pluck().get(claimId) as string;

/**
 * An event that outdates a standing verdict (the domain's `outdatesAssessment`): the row's verdict goes (the
 * claim is no longer ASSESSED) and the assessment is kept with the event that made it stale, the same
 * `staleSince` as the domain's evolve. An assessment already stale, or none, is left as it is.
 */
const withStaleAssessment = (
  change: ClaimRowChange,
  event: ClaimEvent,
  stored: StoredEvent,
): ClaimRowChange => {
  const { claimId, at, by } = event.data;
  const cause = { claimId, version: stored.version, type: event.type, at, by };
  return {
    set: `${change.set ?? ''}assessment = CASE WHEN verdict IS NULL THEN assessment ELSE json_set(assessment, '$.staleSince', json(?)) END, verdict = NULL, `,
    params: [...(change.params ?? []), json(cause)],
    status: true,
  };
};

interface StatusRow {
  readonly retracted: number;
  readonly open_counterpoints: number;
  readonly verdict: string | null;
  readonly status: string;
}

/** Writes an event's rows outside the claim row; returns the claim row's change (undefined: row inserted). */
const applyEvent = (
  db: Database.Database,
  event: ClaimEvent,
  stored: StoredEvent,
): ClaimRowChange | undefined => {
  const { claimId, at, by } = event.data;
  const seq = Number(stored.position);
  const run = (sql: string, ...params: unknown[]) => prepared(db, sql).run(...params);

  switch (event.type) {
    case 'ClaimProposed': {
      const { statement, tags, attributedTo, anchor, note } = event.data;
      // The status a claim starts with: no retraction, counterpoint or assessment yet.
      run(
        `INSERT INTO claims (id, statement, status, tags, attributed_to, source_id, quote, note, version,
           created_by, created_role, created_at, updated_at, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        claimId,
        statement,
        claimStatusOf({ retracted: false, openCounterpoints: 0, assessed: false }),
        json(tags),
        attributedTo,
        anchor?.sourceId ?? null,
        anchor ? json(anchor.quote) : null,
        note,
        stored.version,
        by.id,
        by.role,
        at,
        at,
        seq,
      );
      for (const tag of tags)
        run('INSERT OR IGNORE INTO claim_tags (claim_id, tag) VALUES (?, ?)', claimId, tag);
      indexClaim(db, claimId, statement, anchor?.quote.exact ?? null);
      return undefined;
    }
    case 'ClaimRevised':
      reindexStatement(db, claimId, event.data.statement);
      return { set: 'statement = ?, ', params: [event.data.statement] };
    case 'ClaimTagged': {
      for (const tag of event.data.removed)
        run('DELETE FROM claim_tags WHERE claim_id = ? AND tag = ?', claimId, tag);
      for (const tag of event.data.added)
        run('INSERT OR IGNORE INTO claim_tags (claim_id, tag) VALUES (?, ?)', claimId, tag);
      // The decider's order: kept tags as they were, then the added ones.
      const current = JSON.parse(
        prepared(db, 'SELECT tags FROM claims WHERE id = ?').pluck().get(claimId) as string,
      ) as string[];
      const tags = [
        ...current.filter((tag) => !event.data.removed.includes(tag)),
        ...event.data.added.filter((tag) => !current.includes(tag)),
      ];
      return { set: 'tags = ?, ', params: [json(tags)] };
    }
    case 'EvidenceAttached': {
      const { evidenceId, stance, summary, citation, reliability } = event.data;
      run(
        `INSERT INTO evidence (id, claim_id, seq, stance, summary, citation, reliability, added_by, added_role, added_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        evidenceId,
        claimId,
        seq,
        stance,
        summary,
        json(citation),
        reliability,
        by.id,
        by.role,
        at,
      );
      indexText(db, 'evidence', claimId, evidenceId, summary);
      return { set: 'evidence_count = evidence_count + 1, ' };
    }
    case 'EvidenceWithdrawn':
      run(
        'UPDATE evidence SET withdrawn = 1, withdrawn_reason = ? WHERE id = ?',
        event.data.reason,
        event.data.evidenceId,
      );
      unindexText(db, event.data.evidenceId);
      return { set: 'evidence_count = evidence_count - 1, ' };
    case 'CounterpointRaised': {
      const { counterpointId, text, citation } = event.data;
      run(
        `INSERT INTO counterpoints (id, claim_id, seq, text, state, citation, raised_by, raised_role, raised_at)
         VALUES (?, ?, ?, ?, 'OPEN', ?, ?, ?, ?)`,
        counterpointId,
        claimId,
        seq,
        text,
        citation ? json(citation) : null,
        by.id,
        by.role,
        at,
      );
      indexText(db, 'counterpoint', claimId, counterpointId, text);
      return {
        set: 'counterpoint_count = counterpoint_count + 1, open_counterpoints = open_counterpoints + 1, ',
        status: true,
      };
    }
    case 'CounterpointResolved':
      run(
        `UPDATE counterpoints SET state = ?, response = ?, responded_by = ?, responded_role = ?, responded_at = ? WHERE id = ?`,
        event.data.resolution,
        event.data.response,
        by.id,
        by.role,
        at,
        event.data.counterpointId,
      );
      addToThread(db, event, THREAD_KIND_OF_RESOLUTION[event.data.resolution], event.data.response, null);
      indexText(db, 'answer', claimId, event.data.counterpointId, event.data.response);
      return { set: 'open_counterpoints = open_counterpoints - 1, ', status: true };
    case 'CounterpointReopened':
      run(
        `UPDATE counterpoints SET state = 'OPEN', response = NULL, responded_by = NULL, responded_role = NULL,
           responded_at = NULL WHERE id = ?`,
        event.data.counterpointId,
      );
      addToThread(db, event, 'REBUTTAL', event.data.text, event.data.reason);
      // A rebuttal answers the answer: searched with the answers (answers have no row to find them by).
      indexText(db, 'answer', claimId, event.data.counterpointId, event.data.text);
      return { set: 'open_counterpoints = open_counterpoints + 1, ', status: true };
    case 'ClaimLinked':
      run(
        `INSERT OR REPLACE INTO relations (from_id, to_id, kind, rationale, linked_by, linked_role, linked_at, seq)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        claimId,
        event.data.toClaimId,
        event.data.kind,
        event.data.rationale,
        by.id,
        by.role,
        at,
        seq,
      );
      return UNCHANGED;
    case 'ClaimUnlinked':
      run(
        'DELETE FROM relations WHERE from_id = ? AND to_id = ? AND kind = ?',
        claimId,
        event.data.toClaimId,
        event.data.kind,
      );
      return UNCHANGED;
    case 'ClaimAssessed': {
      const { verdict, confidence, rationale, assessedVersion, statement } = event.data;
      // The same record the domain's evolve builds (claim.evolve.ts), as JSON.
      const assessment = {
        verdict,
        confidence,
        rationale,
        assessedBy: by,
        assessedAt: at,
        assessedVersion: assessedVersion ?? stored.version,
        assessedStatement: statement ?? currentStatement(db, claimId),
        staleSince: null,
      };
      return { set: 'verdict = ?, assessment = ?, ', params: [verdict, json(assessment)], status: true };
    }
    case 'AssessmentWithdrawn':
      return { set: 'verdict = NULL, assessment = NULL, ', status: true };
    case 'ClaimReanchored':
      reindexQuote(db, claimId, event.data.anchor.quote.exact);
      return {
        set: 'source_id = ?, quote = ?, ',
        params: [event.data.anchor.sourceId, json(event.data.anchor.quote)],
      };
    case 'ClaimRetracted':
      return { set: 'retracted = 1, ', status: true };
    default: {
      const unexpected: never = event;
      throw new Error(`claims projection: unhandled event ${JSON.stringify(unexpected)}`);
    }
  }
};

/**
 * Claims, evidence, counterpoints and their threads, relations, tags and the search index. Idempotent: an event whose
 * version the claim row has already reached is skipped, so re-applying a batch changes nothing.
 */
export const claimsProjection: Projection = {
  name: 'claims',
  // 2: assessments bound to the version they judged, stale ones kept without their verdict; labels moved
  // to the standing projection. 3 meant counterpoint threads, reopened counterpoints and re-anchored claims on
  // one branch and the search columns on the other; 4: both, with rebuttals indexed as answers and a
  // re-anchored claim's quote reindexed.
  version: 4,
  handles: new Set<string>(CLAIM_EVENT_TYPES),
  schema: CLAIMS_SCHEMA,
  verifiedTables: [
    { name: 'claims', rows: 'SELECT * FROM claims ORDER BY id' },
    { name: 'claim_tags', rows: 'SELECT * FROM claim_tags ORDER BY claim_id, tag' },
    { name: 'evidence', rows: 'SELECT * FROM evidence ORDER BY id' },
    { name: 'counterpoints', rows: 'SELECT * FROM counterpoints ORDER BY id' },
    { name: 'relations', rows: 'SELECT * FROM relations ORDER BY from_id, to_id, kind' },
    {
      name: 'counterpoint_thread',
      rows: 'SELECT * FROM counterpoint_thread ORDER BY counterpoint_id, entry',
    },
    // The FTS index is compared by its contents, and the rowids kept beside it by what they point at.
    {
      name: 'claim_search',
      rows: 'SELECT claim_id, item_id, statement, quote, evidence, counterpoint, answer FROM claim_search ORDER BY item_id, claim_id, rowid',
    },
    {
      name: 'claim_search_rows',
      rows: 'SELECT r.item_id, s.claim_id, s.statement, s.evidence, s.counterpoint FROM claim_search_rows r LEFT JOIN claim_search s ON s.rowid = r.search_rowid ORDER BY r.item_id',
    },
  ],

  apply(db: Database.Database, stored: StoredEvent): void {
    const event = { type: stored.type, data: stored.data } as unknown as ClaimEvent;
    const { claimId, at } = event.data;
    const row = prepared(db, 'SELECT version FROM claims WHERE id = ?').get(claimId) as
      { version: number } | undefined;
    if (event.type === 'ClaimProposed' ? row !== undefined : !row || row.version >= stored.version) return;
    const applied = applyEvent(db, event, stored);
    if (!applied) return;
    const change = outdatesAssessment(event.type) ? withStaleAssessment(applied, event, stored) : applied;
    // The claim row's own change, its version and updated_at: one statement per event.
    const update = `UPDATE claims SET ${change.set ?? ''}version = ?, updated_at = ? WHERE id = ?`;
    const params = [...(change.params ?? []), stored.version, at, claimId];
    if (!change.status) {
      prepared(db, update).run(...params);
      return;
    }
    // The status follows from the row as the change left it, by the domain's rule (docs/decisions/0003).
    const facts = prepared(db, `${update} RETURNING retracted, open_counterpoints, verdict, status`).get(
      ...params,
    ) as StatusRow;
    const status = claimStatusOf({
      retracted: facts.retracted === 1,
      openCounterpoints: facts.open_counterpoints,
      assessed: facts.verdict !== null,
    });
    if (status !== facts.status)
      prepared(db, 'UPDATE claims SET status = ? WHERE id = ?').run(status, claimId);
  },
};
