import type { Actor } from '../../src/event-sourcing/metadata.js';
import type { AssessClaim, WithdrawAssessment } from '../../src/claims/domain/claim-assessment.decide.js';
import type {
  ProposeClaim,
  ReanchorClaim,
  RetractClaim,
  ReviseClaim,
  TagClaim,
} from '../../src/claims/domain/claim-lifecycle.decide.js';
import type {
  AttachEvidence,
  LinkClaims,
  UnlinkClaims,
  WithdrawEvidence,
} from '../../src/claims/domain/claim-debate.decide.js';
import type {
  RaiseCounterpoint,
  ReopenCounterpoint,
  RespondToCounterpoint,
} from '../../src/claims/domain/claim-counterpoints.decide.js';
import type { ClaimCommand } from '../../src/claims/domain/claim.decider.js';
import {
  alice,
  CLAIM,
  COUNTERPOINT,
  EVIDENCE,
  meta,
  OTHER_CLAIM,
  OTHER_COUNTERPOINT,
  OTHER_EVIDENCE,
  SOURCE,
  STATEMENT,
  testId,
} from './claim-fixtures.js';
import { readFileSync } from 'node:fs';

/** The op-ed, the text the fixtures' quotes are cut from. */
export const OP_ED = readFileSync(new URL('../fixtures/op-ed.txt', import.meta.url), 'utf8');

/** Valid commands at minute 30; each spec overrides what it is about. */

export const NOW = 30;

export const propose = (data: Partial<ProposeClaim['data']> = {}, actor: Actor = alice): ProposeClaim => ({
  type: 'ProposeClaim',
  data: { claimId: CLAIM, statement: STATEMENT, ...data },
  metadata: meta(actor, NOW),
});

export const revise = (data: Partial<ReviseClaim['data']> = {}, actor: Actor = alice): ReviseClaim => ({
  type: 'ReviseClaim',
  data: {
    claimId: CLAIM,
    statement: 'Central Asia became a geopolitical subject',
    reason: 'Closer to the wording of the op-ed',
    ...data,
  },
  metadata: meta(actor, NOW),
});

export const tag = (data: Partial<TagClaim['data']> = {}, actor: Actor = alice): TagClaim => ({
  type: 'TagClaim',
  data: { claimId: CLAIM, ...data },
  metadata: meta(actor, NOW),
});

export const attachEvidence = (
  data: Partial<AttachEvidence['data']> = {},
  actor: Actor = alice,
  /** null: no id in the metadata. */
  newId: string | null = OTHER_EVIDENCE,
): AttachEvidence => ({
  type: 'AttachEvidence',
  data: {
    claimId: CLAIM,
    stance: 'UNDERMINES',
    summary: 'Security cooperation still runs through Moscow, an analyst argues',
    citation: { url: 'https://example.org/csto-2025' },
    ...data,
  },
  metadata: meta(actor, NOW, newId ?? undefined),
});

export const withdrawEvidence = (
  data: Partial<WithdrawEvidence['data']> = {},
  actor: Actor = alice,
): WithdrawEvidence => ({
  type: 'WithdrawEvidence',
  data: { claimId: CLAIM, evidenceId: EVIDENCE, reason: 'The deals were only memoranda', ...data },
  metadata: meta(actor, NOW),
});

export const raiseCounterpoint = (
  data: Partial<RaiseCounterpoint['data']> = {},
  actor: Actor = alice,
  /** null: no id in the metadata. */
  newId: string | null = OTHER_COUNTERPOINT,
): RaiseCounterpoint => ({
  type: 'RaiseCounterpoint',
  data: { claimId: CLAIM, text: 'Trade with Russia still matters, the column says', ...data },
  metadata: meta(actor, NOW, newId ?? undefined),
});

export const respond = (
  data: Partial<RespondToCounterpoint['data']> = {},
  actor: Actor = alice,
): RespondToCounterpoint => ({
  type: 'RespondToCounterpoint',
  data: {
    claimId: CLAIM,
    counterpointId: COUNTERPOINT,
    resolution: 'ANSWERED',
    response: 'Growth in trade is not dependence',
    ...data,
  },
  metadata: meta(actor, NOW),
});

export const reopen = (
  data: Partial<ReopenCounterpoint['data']> = {},
  actor: Actor = alice,
): ReopenCounterpoint => ({
  type: 'ReopenCounterpoint',
  data: {
    claimId: CLAIM,
    counterpointId: COUNTERPOINT,
    text: 'Balance is not independence: the security treaty still binds them to Moscow',
    reason: 'The answer does not address the treaty',
    ...data,
  },
  metadata: meta(actor, NOW),
});

export const reanchor = (data: Partial<ReanchorClaim['data']> = {}, actor: Actor = alice): ReanchorClaim => ({
  type: 'ReanchorClaim',
  data: {
    claimId: CLAIM,
    sourceId: SOURCE,
    quote: { exact: 'Central Asian states' },
    reason: 'The claim is about these words',
    source: { sourceId: data.sourceId ?? SOURCE, text: OP_ED },
    ...data,
  },
  metadata: meta(actor, NOW),
});

export const link = (data: Partial<LinkClaims['data']> = {}, actor: Actor = alice): LinkClaims => ({
  type: 'LinkClaims',
  data: {
    claimId: CLAIM,
    toClaimId: OTHER_CLAIM,
    kind: 'SUPPORTS',
    target: { claimId: data.toClaimId ?? OTHER_CLAIM, exists: true, retracted: false },
    ...data,
  },
  metadata: meta(actor, NOW),
});

export const unlink = (data: Partial<UnlinkClaims['data']> = {}, actor: Actor = alice): UnlinkClaims => ({
  type: 'UnlinkClaims',
  data: {
    claimId: CLAIM,
    toClaimId: OTHER_CLAIM,
    kind: 'ATTACKS',
    reason: 'Linked the wrong claim',
    ...data,
  },
  metadata: meta(actor, NOW),
});

export const assess = (data: Partial<AssessClaim['data']> = {}, actor: Actor = alice): AssessClaim => ({
  type: 'AssessClaim',
  data: {
    claimId: CLAIM,
    verdict: 'OPINION',
    confidence: 0.9,
    rationale: 'An interpretation, not a fact',
    ...data,
  },
  metadata: meta(actor, NOW),
});

export const withdrawAssessment = (
  data: Partial<WithdrawAssessment['data']> = {},
  actor: Actor = alice,
): WithdrawAssessment => ({
  type: 'WithdrawAssessment',
  data: { claimId: CLAIM, reason: 'Judged the wording before the revision', ...data },
  metadata: meta(actor, NOW),
});

export const retract = (data: Partial<RetractClaim['data']> = {}, actor: Actor = alice): RetractClaim => ({
  type: 'RetractClaim',
  data: { claimId: CLAIM, reason: 'Duplicate of another claim', ...data },
  metadata: meta(actor, NOW),
});

/** An answered counterpoint of the role matrix's history (claim-roles.spec.ts), raised by bob. */
export const ANSWERED_COUNTERPOINT = testId('counterpoint', 3);

/**
 * One valid command of each kind other than ProposeClaim, by the given actor, named for the role matrix:
 * a command whose rule depends on its input (the resolution) appears once per rule.
 */
export const everyCommandOnAClaim = (actor: Actor): ReadonlyArray<readonly [string, ClaimCommand]> => [
  ['ReviseClaim', revise({}, actor)],
  ['TagClaim', tag({ add: ['russia'] }, actor)],
  ['ReanchorClaim', reanchor({}, actor)],
  ['AttachEvidence', attachEvidence({}, actor)],
  ['WithdrawEvidence', withdrawEvidence({}, actor)],
  ['RaiseCounterpoint', raiseCounterpoint({}, actor)],
  ['RespondToCounterpoint ANSWERED', respond({}, actor)],
  ['RespondToCounterpoint CONCEDED', respond({ resolution: 'CONCEDED' }, actor)],
  ['RespondToCounterpoint DISMISSED', respond({ resolution: 'DISMISSED' }, actor)],
  ['ReopenCounterpoint', reopen({ counterpointId: ANSWERED_COUNTERPOINT }, actor)],
  ['LinkClaims', link({}, actor)],
  ['UnlinkClaims', unlink({}, actor)],
  ['AssessClaim', assess({}, actor)],
  ['WithdrawAssessment', withdrawAssessment({}, actor)],
  ['RetractClaim', retract({}, actor)],
];
