import type { Actor, CommandMetadata } from '../../src/event-sourcing/metadata.js';
import type { IdKind } from '../../src/event-sourcing/id-kinds.js';
import { ID_PREFIXES } from '../../src/event-sourcing/id-kinds.js';
import type {
  ClaimAssessed,
  ClaimLinked,
  ClaimProposed,
  ClaimRetracted,
  CounterpointRaised,
  CounterpointResolved,
  EvidenceAttached,
} from '../../src/claims/domain/claim.events.js';
import type { Citation, CounterpointResolution, RelationKind } from '../../src/claims/domain/claim.values.js';

/** Actors, ids, times and the events most specs start from. */

export const alice: Actor = { id: 'alice', role: 'ANALYST' };
export const bob: Actor = { id: 'bob', role: 'ANALYST' };
export const erin: Actor = { id: 'erin', role: 'EDITOR' };
export const adam: Actor = { id: 'adam', role: 'ADMIN' };
export const vera: Actor = { id: 'vera', role: 'VIEWER' };

export const testId = (kind: IdKind, serial: number): string =>
  `${ID_PREFIXES[kind]}_${String(serial).padStart(26, '0')}`;

export const CLAIM = testId('claim', 1);
export const OTHER_CLAIM = testId('claim', 2);
export const EVIDENCE = testId('evidence', 1);
export const OTHER_EVIDENCE = testId('evidence', 2);
export const COUNTERPOINT = testId('counterpoint', 1);
export const OTHER_COUNTERPOINT = testId('counterpoint', 2);
export const SOURCE = testId('source', 1);

/** Minute `minute` of the morning the op-ed appeared. */
export const at = (minute: number): string => new Date(Date.UTC(2025, 9, 28, 9, minute)).toISOString();

export const meta = (actor: Actor, minute = 30, newId?: string): CommandMetadata =>
  newId === undefined ? { actor, now: at(minute) } : { actor, now: at(minute), newId };

export const STATEMENT = 'Central Asia moved from geopolitical object to subject';

export const citation = (fields: Partial<Citation> = {}): Citation => ({
  url: 'https://example.org/report',
  title: null,
  publisher: null,
  author: null,
  publishedAt: null,
  accessedAt: null,
  quote: null,
  ...fields,
});

export const proposed = (fields: Partial<ClaimProposed['data']> = {}): ClaimProposed => ({
  type: 'ClaimProposed',
  data: {
    claimId: CLAIM,
    statement: STATEMENT,
    tags: ['central-asia'],
    attributedTo: null,
    anchor: null,
    note: null,
    at: at(0),
    by: alice,
    ...fields,
  },
});

export const evidenceAttached = (fields: Partial<EvidenceAttached['data']> = {}): EvidenceAttached => ({
  type: 'EvidenceAttached',
  data: {
    claimId: CLAIM,
    evidenceId: EVIDENCE,
    stance: 'SUPPORTS',
    summary: 'The column names other partners beside Moscow',
    citation: citation(),
    reliability: 0.8,
    at: at(1),
    by: bob,
    ...fields,
  },
});

export const counterpointRaised = (fields: Partial<CounterpointRaised['data']> = {}): CounterpointRaised => ({
  type: 'CounterpointRaised',
  data: {
    claimId: CLAIM,
    counterpointId: COUNTERPOINT,
    text: 'Russia remains the main security partner of the region',
    citation: null,
    at: at(2),
    by: bob,
    ...fields,
  },
});

export const counterpointResolved = (
  resolution: CounterpointResolution = 'ANSWERED',
  fields: Partial<CounterpointResolved['data']> = {},
): CounterpointResolved => ({
  type: 'CounterpointResolved',
  data: {
    claimId: CLAIM,
    counterpointId: COUNTERPOINT,
    resolution,
    response: 'Security ties are now balanced by NATO and Türkiye contacts',
    at: at(3),
    by: alice,
    ...fields,
  },
});

export const linked = (
  kind: RelationKind = 'SUPPORTS',
  fields: Partial<ClaimLinked['data']> = {},
): ClaimLinked => ({
  type: 'ClaimLinked',
  data: { claimId: CLAIM, toClaimId: OTHER_CLAIM, kind, rationale: null, at: at(4), by: alice, ...fields },
});

export const assessed = (fields: Partial<ClaimAssessed['data']> = {}): ClaimAssessed => ({
  type: 'ClaimAssessed',
  data: {
    claimId: CLAIM,
    verdict: 'MIXED',
    confidence: 0.6,
    rationale: 'True of economics, less of security',
    // As the decider records it on a claim proposed one event before (ASSESSED_CLAIM).
    assessedVersion: 2,
    statement: STATEMENT,
    at: at(5),
    by: erin,
    ...fields,
  },
});

export const retracted = (fields: Partial<ClaimRetracted['data']> = {}): ClaimRetracted => ({
  type: 'ClaimRetracted',
  data: { claimId: CLAIM, reason: 'Misread the op-ed', at: at(6), by: erin, ...fields },
});

/** The histories that put a claim in each status. */
export const OPEN_CLAIM = [proposed()];
export const CONTESTED_CLAIM = [proposed(), counterpointRaised()];
export const ASSESSED_CLAIM = [proposed(), assessed()];
export const RETRACTED_CLAIM = [
  proposed(),
  evidenceAttached(),
  counterpointRaised(),
  linked('ATTACKS'),
  retracted(),
];
