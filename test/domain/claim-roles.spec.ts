import { describe, expect, it } from '@jest/globals';
import { CLAIM_COMMAND_TYPES, claimDecider } from '../../src/claims/domain/claim.decider.js';
import type { ClaimEventType } from '../../src/claims/domain/claim.events.js';
import { fold } from '../../src/event-sourcing/decider.js';
import { ForbiddenError } from '../../src/event-sourcing/errors.js';
import type { Actor } from '../../src/event-sourcing/metadata.js';
import { ANSWERED_COUNTERPOINT, everyCommandOnAClaim, propose, retract, revise } from './claim-commands.js';
import {
  adam,
  alice,
  assessed,
  bob,
  counterpointRaised,
  counterpointResolved,
  erin,
  evidenceAttached,
  linked,
  proposed,
  vera,
} from './claim-fixtures.js';
import { spec } from './decider-spec.js';

// A claim alice proposed and linked, with bob's evidence, bob's open counterpoint and bob's counterpoint
// that alice answered: every command is valid for someone.
const history = [
  proposed(),
  evidenceAttached(),
  counterpointRaised(),
  linked('ATTACKS'),
  assessed(),
  counterpointRaised({ counterpointId: ANSWERED_COUNTERPOINT }),
  counterpointResolved('ANSWERED', { counterpointId: ANSWERED_COUNTERPOINT }),
];
const given = spec(claimDecider).given;

type Who = 'proposer' | 'analyst' | 'editor' | 'admin' | 'viewer';
const actors: Readonly<Record<Who, Actor>> = {
  proposer: alice,
  analyst: bob,
  editor: erin,
  admin: adam,
  viewer: vera,
};

const everyone: readonly Who[] = ['proposer', 'analyst', 'editor', 'admin'];
const ownerOrEditor = (owner: Who): readonly Who[] => [owner, 'editor', 'admin'];
const editors: readonly Who[] = ['editor', 'admin'];

/** docs/architecture.md §4, case by case; the analyst is bob, who attached the evidence and raised the counterpoints. */
const allowed: Readonly<Record<string, { readonly who: readonly Who[]; readonly event: ClaimEventType }>> = {
  ReviseClaim: { who: ownerOrEditor('proposer'), event: 'ClaimRevised' },
  TagClaim: { who: everyone, event: 'ClaimTagged' },
  ReanchorClaim: { who: ownerOrEditor('proposer'), event: 'ClaimReanchored' },
  AttachEvidence: { who: everyone, event: 'EvidenceAttached' },
  WithdrawEvidence: { who: ownerOrEditor('analyst'), event: 'EvidenceWithdrawn' },
  RaiseCounterpoint: { who: everyone, event: 'CounterpointRaised' },
  'RespondToCounterpoint ANSWERED': { who: everyone, event: 'CounterpointResolved' },
  'RespondToCounterpoint CONCEDED': { who: ownerOrEditor('proposer'), event: 'CounterpointResolved' },
  'RespondToCounterpoint DISMISSED': { who: editors, event: 'CounterpointResolved' },
  ReopenCounterpoint: { who: ownerOrEditor('analyst'), event: 'CounterpointReopened' },
  LinkClaims: { who: everyone, event: 'ClaimLinked' },
  UnlinkClaims: { who: ownerOrEditor('proposer'), event: 'ClaimUnlinked' },
  AssessClaim: { who: editors, event: 'ClaimAssessed' },
  WithdrawAssessment: { who: editors, event: 'AssessmentWithdrawn' },
  RetractClaim: { who: ownerOrEditor('proposer'), event: 'ClaimRetracted' },
};

const cases = (Object.keys(actors) as Who[]).flatMap((who) =>
  everyCommandOnAClaim(actors[who]).map(([name, command]) => {
    const rule = allowed[name];
    if (!rule) throw new Error(`the role matrix has no rule for ${name}`);
    return { who, name, command, event: rule.event, permitted: rule.who.includes(who) };
  }),
);

describe('claim decider, roles', () => {
  it('covers every claim command but the proposal', () => {
    const covered = new Set(everyCommandOnAClaim(alice).map(([, command]) => command.type));
    expect(['ProposeClaim', ...covered].sort()).toEqual([...CLAIM_COMMAND_TYPES].sort());
  });

  it.each(cases.filter((row) => row.permitted).map((row) => [row.name, row.who, row] as const))(
    '%s is allowed to the %s',
    (_name, who, { command, event }) => {
      const events = claimDecider.decide(command, fold(claimDecider, history));
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ type: event, data: { by: actors[who] } });
    },
  );

  // Every refusal says who may: the role it needs, or the owner and an EDITOR.
  it.each(cases.filter((row) => !row.permitted).map((row) => [row.name, row.who, row.command] as const))(
    '%s is forbidden to the %s',
    (_name, _who, command) => {
      given(history)
        .when(command)
        .thenThrows(ForbiddenError, {
          message: /needs the (ANALYST|EDITOR) role or higher|only .+ or an EDITOR may/,
        });
    },
  );

  it('forbids a VIEWER to propose a claim', () => {
    given([]).when(propose({}, vera)).thenThrows(ForbiddenError, 'vera is VIEWER');
  });

  it('judges the proposer by id and today’s role: a proposer demoted to VIEWER may no longer revise or retract', () => {
    const demoted: Actor = { id: alice.id, role: 'VIEWER' };
    given(history).when(revise({}, demoted)).thenThrows(ForbiddenError, 'needs the ANALYST role');
    given(history).when(retract({}, demoted)).thenThrows(ForbiddenError, 'needs the ANALYST role');
  });
});
