import { FULL_TEXT_OPTIONS } from '../../read-model/full-text.js';

/** The claims read model: current state, counters, derived labels, and FTS5 over every text a claim carries. */
export const CLAIMS_SCHEMA = `
CREATE TABLE IF NOT EXISTS claims (
  id                  TEXT PRIMARY KEY,
  statement           TEXT NOT NULL,
  status              TEXT NOT NULL,
  tags                TEXT NOT NULL,
  attributed_to       TEXT,
  source_id           TEXT,
  quote               TEXT,
  note                TEXT,
  verdict             TEXT,
  assessment          TEXT,
  retracted           INTEGER NOT NULL DEFAULT 0,
  acceptability       TEXT NOT NULL DEFAULT 'IN',
  defeated_by         TEXT NOT NULL DEFAULT '[]',
  version             INTEGER NOT NULL,
  created_by          TEXT NOT NULL,
  created_role        TEXT NOT NULL,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  seq                 INTEGER NOT NULL,
  evidence_count      INTEGER NOT NULL DEFAULT 0,
  counterpoint_count  INTEGER NOT NULL DEFAULT 0,
  open_counterpoints  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS claims_created ON claims (created_at, seq);
CREATE INDEX IF NOT EXISTS claims_updated ON claims (updated_at, seq);
CREATE INDEX IF NOT EXISTS claims_statement ON claims (statement, seq);
CREATE INDEX IF NOT EXISTS claims_source ON claims (source_id, seq);
CREATE TABLE IF NOT EXISTS claim_tags (
  claim_id TEXT NOT NULL,
  tag      TEXT NOT NULL,
  PRIMARY KEY (tag, claim_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS evidence (
  id              TEXT PRIMARY KEY,
  claim_id        TEXT NOT NULL,
  seq             INTEGER NOT NULL,
  stance          TEXT NOT NULL,
  summary         TEXT NOT NULL,
  citation        TEXT NOT NULL,
  reliability     REAL,
  added_by        TEXT NOT NULL,
  added_role      TEXT NOT NULL,
  added_at        TEXT NOT NULL,
  withdrawn       INTEGER NOT NULL DEFAULT 0,
  withdrawn_reason TEXT
);
CREATE INDEX IF NOT EXISTS evidence_claim ON evidence (claim_id, seq);
CREATE TABLE IF NOT EXISTS counterpoints (
  id             TEXT PRIMARY KEY,
  claim_id       TEXT NOT NULL,
  seq            INTEGER NOT NULL,
  text           TEXT NOT NULL,
  state          TEXT NOT NULL,
  citation       TEXT,
  raised_by      TEXT NOT NULL,
  raised_role    TEXT NOT NULL,
  raised_at      TEXT NOT NULL,
  response       TEXT,
  responded_by   TEXT,
  responded_role TEXT,
  responded_at   TEXT
);
CREATE INDEX IF NOT EXISTS counterpoints_claim ON counterpoints (claim_id, seq);
-- Every response to a counterpoint and every rebuttal that reopened it, numbered in stream order.
CREATE TABLE IF NOT EXISTS counterpoint_thread (
  counterpoint_id TEXT NOT NULL,
  entry           INTEGER NOT NULL,
  claim_id        TEXT NOT NULL,
  kind            TEXT NOT NULL,
  text            TEXT NOT NULL,
  reason          TEXT,
  by_id           TEXT NOT NULL,
  by_role         TEXT NOT NULL,
  at              TEXT NOT NULL,
  PRIMARY KEY (counterpoint_id, entry)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS counterpoint_thread_claim ON counterpoint_thread (claim_id);
CREATE TABLE IF NOT EXISTS relations (
  from_id     TEXT NOT NULL,
  to_id       TEXT NOT NULL,
  kind        TEXT NOT NULL,
  rationale   TEXT,
  linked_by   TEXT NOT NULL,
  linked_role TEXT NOT NULL,
  linked_at   TEXT NOT NULL,
  seq         INTEGER NOT NULL,
  PRIMARY KEY (from_id, to_id, kind)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS relations_to ON relations (to_id, kind);
-- One row per text: a claim's statement (with its anchored quote), an evidence summary, a counterpoint,
-- a counterpoint's answer. Each kind has its column, so a search can weigh them and name where it matched.
CREATE VIRTUAL TABLE IF NOT EXISTS claim_search USING fts5 (
  claim_id UNINDEXED, item_id UNINDEXED, statement, quote, evidence, counterpoint, answer,
  ${FULL_TEXT_OPTIONS}
);
-- FTS5 cannot index item_id: finding a row by it scans the whole index (149 ms per lookup at 610,000
-- rows, which held a 1M-event rebuild at 684 events/s). Revisions and withdrawals find the row by rowid.
-- Answers are never changed, so they have no row here.
CREATE TABLE IF NOT EXISTS claim_search_rows (
  item_id TEXT PRIMARY KEY,
  search_rowid INTEGER NOT NULL
) WITHOUT ROWID;
`;

/**
 * Columns of claim_search in order, as `bm25()` weights and `snippet()` numbers name them. A claim's own
 * words weigh most: evidence and counterpoints are about the claim, not the claim.
 */
export const CLAIM_SEARCH_COLUMNS = [
  { name: 'claim_id', weight: 0 },
  { name: 'item_id', weight: 0 },
  { name: 'statement', weight: 3, field: 'STATEMENT' },
  { name: 'quote', weight: 2, field: 'QUOTE' },
  { name: 'evidence', weight: 1, field: 'EVIDENCE' },
  { name: 'counterpoint', weight: 1, field: 'COUNTERPOINT' },
  { name: 'answer', weight: 1, field: 'ANSWER' },
] as const;
