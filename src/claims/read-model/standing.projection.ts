import type Database from 'better-sqlite3';
import type { StoredEvent } from '../../event-sourcing/event-store.js';
import type { Projection } from '../../read-model/projection.js';
import { readCheckpoint } from '../../read-model/read-model.database.js';
import { connectionOf } from '../../read-model/read-model.handle.js';
import { prepared } from '../../read-model/statement-cache.js';
import { GRAPH_CHANGING_TYPES, type ClaimEvent } from '../domain/claim.events.js';
import { claimIdOfStream } from '../domain/claim.stream.js';
import { AttackGraph, type StandingChange } from './attack-graph.js';

/**
 * Each claim's acceptability, and the history of it: every change of a claim's label with the event that
 * caused it and the arguments that defeat it afterwards (`claim_standing`), and the events of other streams
 * that touched a claim (`claim_influences`: links to it and unlinks, and events that moved its label), for
 * `auditTrail(filter: { affecting })`. Labelled event by event on an in-memory graph (attack-graph.ts), so
 * the history is the same however the log is batched: a rebuild reproduces it.
 */
export const STANDING_SCHEMA = `
CREATE TABLE IF NOT EXISTS claim_standing (
  claim_id       TEXT NOT NULL,
  position       INTEGER NOT NULL,
  at             TEXT NOT NULL,
  trigger_type   TEXT NOT NULL,
  trigger_stream TEXT NOT NULL,
  actor_id       TEXT NOT NULL,
  actor_role     TEXT NOT NULL,
  reason         TEXT,
  from_label     TEXT,
  to_label       TEXT NOT NULL,
  defeated_by    TEXT NOT NULL,
  PRIMARY KEY (claim_id, position)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS claim_influences (
  claim_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (claim_id, position)
) WITHOUT ROWID;
`;

interface GraphOf {
  readonly graph: AttackGraph;
  /** The last event the graph has applied: what the read model's checkpoint was when it was loaded, then on. */
  position: bigint;
}

/**
 * One graph per read-model connection, loaded from its tables on first use, dropped when a batch rolls back.
 * The projection runs before the claims projection (src/projections.ts), so a graph loaded during an event
 * sees the tables as they were before it.
 */
const graphs = new WeakMap<Database.Database, GraphOf>();

const graphOf = (db: Database.Database): GraphOf => {
  const connection = connectionOf(db);
  let entry = graphs.get(connection);
  if (!entry) graphs.set(connection, (entry = { graph: AttackGraph.load(db), position: readCheckpoint(db) }));
  return entry;
};

const changesFor = (graph: AttackGraph, event: ClaimEvent): StandingChange[] => {
  switch (event.type) {
    case 'ClaimProposed':
      return graph.propose(event.data.claimId);
    case 'ClaimLinked':
      return graph.linked(event.data.claimId, event.data.toClaimId, event.data.kind);
    case 'ClaimUnlinked':
      return graph.unlinked(event.data.claimId, event.data.toClaimId, event.data.kind);
    case 'CounterpointRaised':
      return graph.counterpoint(event.data.claimId, event.data.counterpointId, 'OPEN');
    case 'CounterpointResolved':
      return graph.counterpoint(event.data.claimId, event.data.counterpointId, event.data.resolution);
    case 'CounterpointReopened':
      return graph.counterpoint(event.data.claimId, event.data.counterpointId, 'OPEN');
    case 'ClaimRetracted':
      return graph.retracted(event.data.claimId);
    default:
      return [];
  }
};

/** Other claims an event concerns beside those whose label it moves: the target of a link or an unlink. */
const linkTargetOf = (event: ClaimEvent): string | undefined =>
  event.type === 'ClaimLinked' || event.type === 'ClaimUnlinked' ? event.data.toClaimId : undefined;

export const standingProjection: Projection = {
  name: 'standing',
  // 2: a reopened counterpoint attacks its claim again (CounterpointReopened moves labels).
  version: 2,
  handles: new Set<string>(GRAPH_CHANGING_TYPES),
  schema: STANDING_SCHEMA,
  verifiedTables: [
    { name: 'claim_standing', rows: 'SELECT * FROM claim_standing ORDER BY claim_id, position' },
    { name: 'claim_influences', rows: 'SELECT * FROM claim_influences ORDER BY claim_id, position' },
  ],

  apply(db: Database.Database, stored: StoredEvent): void {
    const entry = graphOf(db);
    // Applied already (a batch applied twice): the graph and the rows are past it.
    if (stored.position <= entry.position) return;
    entry.position = stored.position;
    const event = { type: stored.type, data: stored.data } as unknown as ClaimEvent;
    const changes = changesFor(entry.graph, event);
    const metadata = stored.metadata as {
      actorId?: string;
      actorRole?: string;
      reason?: string | null;
      occurredAt?: string;
    };
    const ownClaim = claimIdOfStream(stored.streamId);
    const influenced = new Set<string>();
    for (const { claimId, from, to } of changes) {
      prepared(db, 'UPDATE claims SET acceptability = ?, defeated_by = ? WHERE id = ?').run(
        to.label,
        JSON.stringify(to.defeatedBy),
        claimId,
      );
      if (from === to.label) continue; // the same label, other defeaters: not a change of standing
      prepared(
        db,
        `INSERT OR IGNORE INTO claim_standing (claim_id, position, at, trigger_type, trigger_stream, actor_id,
           actor_role, reason, from_label, to_label, defeated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        claimId,
        stored.position,
        metadata.occurredAt ?? stored.recordedAt.toISOString(),
        stored.type,
        stored.streamId,
        metadata.actorId ?? 'unknown',
        metadata.actorRole ?? 'VIEWER',
        metadata.reason ?? null,
        from,
        to.label,
        JSON.stringify(to.defeatedBy),
      );
      if (claimId !== ownClaim) influenced.add(claimId);
    }
    const target = linkTargetOf(event);
    if (target !== undefined) influenced.add(target);
    for (const claimId of influenced) {
      prepared(db, 'INSERT OR IGNORE INTO claim_influences (claim_id, position) VALUES (?, ?)').run(
        claimId,
        stored.position,
      );
    }
  },

  discard(db: Database.Database): void {
    graphs.delete(connectionOf(db));
  },
};
