import { describe, expect, it } from '@jest/globals';
import { claimDecider } from '../../src/claims/domain/claim.decider.js';
import type { ClaimCommandType } from '../../src/claims/domain/claim.decider.js';
import type { ClaimEventType } from '../../src/claims/domain/claim.events.js';
import { fold } from '../../src/event-sourcing/decider.js';
import { ForbiddenError } from '../../src/event-sourcing/errors.js';
import type { Actor } from '../../src/event-sourcing/metadata.js';
import { everyCommandOnAClaim, propose, retract, revise } from './claim-commands.js';
import {
  adam,
  alice,
  assessed,
  bob,
  counterpointRaised,
  erin,
  evidenceAttached,
  linked,
  proposed,
  vera,
} from './claim-fixtures.js';
import { spec } from './decider-spec.js';

// A claim alice proposed, on which every command is valid for someone.
const history = [proposed(), evidenceAttached(), counterpointRaised(), linked('ATTACKS'), assessed()];
const given = spec(claimDecider).given;

type Who = 'proposer' | 'analyst' | 'editor' | 'admin' | 'viewer';
const actors: Readonly<Record<Who, Actor>> = {
  proposer: alice,
  analyst: bob,
  editor: erin,
  admin: adam,
  viewer: vera,
};

const allowed: Readonly<Record<Exclude<ClaimCommandType, 'ProposeClaim'>, readonly Who[]>> = {
  ReviseClaim: ['proposer', 'editor', 'admin'],
  TagClaim: ['proposer', 'analyst', 'editor', 'admin'],
  AttachEvidence: ['proposer', 'analyst', 'editor', 'admin'],
  WithdrawEvidence: ['proposer', 'analyst', 'editor', 'admin'],
  RaiseCounterpoint: ['proposer', 'analyst', 'editor', 'admin'],
  RespondToCounterpoint: ['proposer', 'analyst', 'editor', 'admin'],
  LinkClaims: ['proposer', 'analyst', 'editor', 'admin'],
  UnlinkClaims: ['proposer', 'analyst', 'editor', 'admin'],
  AssessClaim: ['editor', 'admin'],
  WithdrawAssessment: ['editor', 'admin'],
  RetractClaim: ['proposer', 'editor', 'admin'],
};

const eventOf: Readonly<Record<keyof typeof allowed, ClaimEventType>> = {
  ReviseClaim: 'ClaimRevised',
  TagClaim: 'ClaimTagged',
  AttachEvidence: 'EvidenceAttached',
  WithdrawEvidence: 'EvidenceWithdrawn',
  RaiseCounterpoint: 'CounterpointRaised',
  RespondToCounterpoint: 'CounterpointResolved',
  LinkClaims: 'ClaimLinked',
  UnlinkClaims: 'ClaimUnlinked',
  AssessClaim: 'ClaimAssessed',
  WithdrawAssessment: 'AssessmentWithdrawn',
  RetractClaim: 'ClaimRetracted',
};

const cases = (Object.keys(actors) as Who[]).flatMap((who) =>
  everyCommandOnAClaim(actors[who]).map((command) => {
    const type = command.type as keyof typeof allowed;
    return { who, type, command, permitted: allowed[type].includes(who) };
  }),
);

describe('claim decider, roles', () => {
  it.each(cases.filter((row) => row.permitted).map((row) => [row.type, row.who, row.command] as const))(
    '%s is allowed to the %s',
    (type, who, command) => {
      const events = claimDecider.decide(command, fold(claimDecider, history));
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ type: eventOf[type], data: { by: actors[who] } });
    },
  );

  it.each(cases.filter((row) => !row.permitted).map((row) => [row.type, row.who, row.command] as const))(
    '%s is forbidden to the %s',
    (_type, _who, command) => {
      given(history).when(command).thenThrows(ForbiddenError);
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
