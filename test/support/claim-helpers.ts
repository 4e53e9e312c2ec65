import type Database from 'better-sqlite3';
import type { ProposeClaim, RetractClaim, TagClaim } from '../../src/claims/domain/claim-lifecycle.decide.js';
import type { AttachEvidence, LinkClaims } from '../../src/claims/domain/claim-debate.decide.js';
import type {
  RaiseCounterpoint,
  RespondToCounterpoint,
} from '../../src/claims/domain/claim-counterpoints.decide.js';
import type { ClaimEvent } from '../../src/claims/domain/claim.events.js';
import type { CounterpointResolution, RelationKind, Stance } from '../../src/claims/domain/claim.values.js';
import type { NewEvent } from '../../src/event-sourcing/event-store.js';
import { randomEventId } from '../../src/event-sourcing/ids.js';
import type { Actor, CommandMetadata } from '../../src/event-sourcing/metadata.js';

/** Commands, raw events and read-model dumps shared by the command-side and read-side integration specs. */

export const alice: Actor = { id: 'alice', role: 'ANALYST' };
export const bob: Actor = { id: 'bob', role: 'ANALYST' };
export const erin: Actor = { id: 'erin', role: 'EDITOR' };
export const vera: Actor = { id: 'vera', role: 'VIEWER' };

export const claimStream = (claimId: string): string => `claim-${claimId}`;

export const metadata = (actor: Actor, extra: Partial<CommandMetadata> = {}): CommandMetadata => ({
  actor,
  now: new Date().toISOString(),
  ...extra,
});

export const proposeClaim = (
  claimId: string,
  statement = 'Central Asia moved from geopolitical object to subject',
  actor: Actor = alice,
  extra: Partial<CommandMetadata> = {},
  tags: string[] = ['central-asia'],
): ProposeClaim => ({
  type: 'ProposeClaim',
  data: { claimId, statement, tags },
  metadata: metadata(actor, extra),
});

export const attachEvidence = (
  claimId: string,
  evidenceId: string,
  actor: Actor = alice,
  extra: Partial<CommandMetadata> = {},
  stance: Stance = 'SUPPORTS',
): AttachEvidence => ({
  type: 'AttachEvidence',
  data: {
    claimId,
    stance,
    summary: `Evidence ${evidenceId} on the summit`,
    citation: { title: 'Dushanbe summit communique', url: 'https://example.org/communique' },
    reliability: 0.8,
  },
  metadata: metadata(actor, { newId: evidenceId, ...extra }),
});

export const tagClaim = (
  claimId: string,
  add: string[],
  actor: Actor = alice,
  remove: string[] = [],
): TagClaim => ({
  type: 'TagClaim',
  data: { claimId, add, remove },
  metadata: metadata(actor),
});

export const raiseCounterpoint = (
  claimId: string,
  counterpointId: string,
  actor: Actor = bob,
  text = 'Russia still dominates the region militarily',
): RaiseCounterpoint => ({
  type: 'RaiseCounterpoint',
  data: { claimId, text },
  metadata: metadata(actor, { newId: counterpointId }),
});

export const respondToCounterpoint = (
  claimId: string,
  counterpointId: string,
  resolution: CounterpointResolution,
  // Dismissal is editorial; the proposer answers and concedes.
  actor: Actor = resolution === 'DISMISSED' ? erin : alice,
): RespondToCounterpoint => ({
  type: 'RespondToCounterpoint',
  data: { claimId, counterpointId, resolution, response: `Resolved as ${resolution.toLowerCase()}` },
  metadata: metadata(actor),
});

/** The target read is the caller's: these specs link only to live claims they created. */
export const linkClaims = (
  claimId: string,
  toClaimId: string,
  kind: RelationKind,
  actor: Actor = alice,
): LinkClaims => ({
  type: 'LinkClaims',
  data: {
    claimId,
    toClaimId,
    kind,
    rationale: null,
    target: { claimId: toClaimId, exists: true, retracted: false },
  },
  metadata: metadata(actor),
});

export const retractClaim = (
  claimId: string,
  actor: Actor = erin,
  reason = 'Misread the op-ed',
): RetractClaim => ({
  type: 'RetractClaim',
  data: { claimId, reason },
  metadata: metadata(actor),
});

/** A claim event as the deciders would write it, for appending straight to a store (fast bulk set-up). */
export const rawClaimEvent = (event: ClaimEvent, reason: string | null = null): NewEvent => ({
  eventId: randomEventId(),
  type: event.type,
  data: event.data as unknown as NewEvent['data'],
  metadata: {
    actorId: event.data.by.id,
    actorRole: event.data.by.role,
    reason,
    correlationId: randomEventId(),
    causationId: null,
    idempotencyKey: null,
    occurredAt: event.data.at,
    schemaVersion: 1,
  },
});

export const stamp = (actor: Actor = alice, at = new Date().toISOString()) => ({
  at,
  by: { id: actor.id, role: actor.role },
});

/** Every table of the read model, in a stable order, FTS contents included: equal dumps, equal read models. */
export const dumpReadModel = (db: Database.Database): Record<string, unknown[]> => ({
  claims: db.prepare('SELECT * FROM claims ORDER BY id').all(),
  evidence: db.prepare('SELECT * FROM evidence ORDER BY id').all(),
  counterpoints: db.prepare('SELECT * FROM counterpoints ORDER BY id').all(),
  counterpoint_thread: db.prepare('SELECT * FROM counterpoint_thread ORDER BY counterpoint_id, entry').all(),
  relations: db.prepare('SELECT * FROM relations ORDER BY from_id, to_id, kind').all(),
  claim_tags: db.prepare('SELECT * FROM claim_tags ORDER BY claim_id, tag').all(),
  sources: db.prepare('SELECT * FROM sources ORDER BY id').all(),
  source_revisions: db.prepare('SELECT * FROM source_revisions ORDER BY source_id, version').all(),
  audit: db.prepare('SELECT * FROM audit ORDER BY position').all(),
  tokens: db.prepare('SELECT * FROM tokens ORDER BY token_id').all(),
  claim_search: db
    .prepare(
      'SELECT rowid, claim_id, item_id, statement, quote, evidence, counterpoint, answer FROM claim_search ORDER BY rowid',
    )
    .all(),
  claim_search_rows: db.prepare('SELECT * FROM claim_search_rows ORDER BY item_id').all(),
  source_search: db.prepare('SELECT rowid, * FROM source_search ORDER BY rowid').all(),
  read_model_meta: db.prepare('SELECT * FROM read_model_meta ORDER BY key').all(),
  checkpoint: db.prepare('SELECT * FROM checkpoint').all(),
});

/** A logger that keeps what the projector says, so specs can read its batch lines. */
export const memoryLogger = () => {
  const lines: Array<{ level: 'info' | 'error'; message: string; fields: Record<string, unknown> }> = [];
  return {
    lines,
    info: (message: string, fields: Record<string, unknown> = {}) =>
      lines.push({ level: 'info', message, fields }),
    error: (message: string, fields: Record<string, unknown> = {}) =>
      lines.push({ level: 'error', message, fields }),
  };
};

/** A small seeded PRNG (mulberry32), for deterministic workloads and jitter. */
export const seededRandom = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};
