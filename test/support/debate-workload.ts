import { createToken, revokeToken } from '../../src/auth/token-admin.js';
import { CLI_ACTOR } from '../../src/auth/domain/access.values.js';
import type { ClaimCommand } from '../../src/claims/domain/claim.decider.js';
import { claimDecider } from '../../src/claims/domain/claim.decider.js';
import type { CounterpointResolution, RelationKind } from '../../src/claims/domain/claim.values.js';
import type { EventStore } from '../../src/event-sourcing/event-store.js';
import { handleCommand } from '../../src/event-sourcing/handle-command.js';
import { newId } from '../../src/event-sourcing/ids.js';
import { sourceDecider } from '../../src/sources/domain/source.decider.js';
import {
  alice,
  attachEvidence,
  bob,
  claimStream,
  erin,
  linkClaims,
  metadata,
  proposeClaim,
  raiseCounterpoint,
  respondToCounterpoint,
  retractClaim,
  tagClaim,
} from './claim-helpers.js';

const SOURCE_TEXT = 'Central Asia moved from geopolitical object to subject at the Dushanbe summit.';
const RESOLUTIONS: Array<CounterpointResolution | null> = ['ANSWERED', 'CONCEDED', 'DISMISSED', null];
const LINK_KINDS: RelationKind[] = ['ATTACKS', 'SUPPORTS', 'UNDERCUTS', 'REFINES', 'ATTACKS', 'DUPLICATES'];

export interface Debate {
  readonly claimIds: readonly string[];
  readonly sourceId: string;
  /** Number of events in the store after the workload. */
  readonly events: number;
}

/**
 * A realistic debate through handleCommand and the real deciders: a source (revised once), tokens (one
 * revoked), and `claims` claims, some anchored in the source and re-anchored, each with evidence (one
 * withdrawn), tags, a revision, a counterpoint resolved every way or left open (some answers rebutted, and
 * some of those answered again), links of every kind (attack chains, mutual attacks), assessments, unlinks and
 * retractions.
 * Claims advance in parallel, so appends on different streams share group commits as in production.
 * About `claims × (evidencePerClaim + 7)` events.
 */
export const buildDebate = async (
  store: EventStore,
  claims: number,
  evidencePerClaim = 8,
): Promise<Debate> => {
  const run = (claimId: string, command: ClaimCommand) =>
    handleCommand(store, claimStream(claimId), claimDecider, command);
  const sourceId = newId('source');
  await handleCommand(store, `source-${sourceId}`, sourceDecider, {
    type: 'RegisterSource',
    data: {
      sourceId,
      title: 'Central Asia is no longer an object of geopolitics',
      url: 'https://example.org/op-ed',
      text: SOURCE_TEXT,
    },
    metadata: metadata(alice),
  });
  await handleCommand(store, `source-${sourceId}`, sourceDecider, {
    type: 'ReviseSource',
    data: { sourceId, publisher: 'Example Daily', reason: 'The publisher was missing' },
    metadata: metadata(erin),
  });
  const sourceText = { sourceId, text: SOURCE_TEXT };
  await createToken(store, { actorId: 'alice', role: 'ANALYST', by: CLI_ACTOR });
  const revoked = await createToken(store, { actorId: 'mallory', role: 'ANALYST', by: CLI_ACTOR });
  await revokeToken(store, revoked.tokenId, CLI_ACTOR, 'left the team');

  const claimIds = Array.from({ length: claims }, () => newId('claim'));
  await Promise.all(
    claimIds.map((claimId, index) => {
      const proposal = proposeClaim(claimId, `Claim ${index}: the summit changed the region`);
      // Every fourth claim is anchored in the source.
      if (index % 4 !== 0) return run(claimId, proposal);
      const anchor = { sourceId, quote: { exact: 'geopolitical object' }, source: sourceText };
      return run(claimId, { ...proposal, data: { ...proposal.data, ...anchor } });
    }),
  );
  await Promise.all(
    claimIds.map(async (claimId, index) => {
      const evidence: string[] = [];
      for (let count = 0; count < evidencePerClaim; count++) {
        const evidenceId = newId('evidence');
        evidence.push(evidenceId);
        await run(
          claimId,
          attachEvidence(
            claimId,
            evidenceId,
            count % 2 ? bob : alice,
            {},
            count % 3 ? 'SUPPORTS' : 'UNDERMINES',
          ),
        );
      }
      await run(claimId, tagClaim(claimId, [`topic-${index % 5}`, 'summit']));
      await run(claimId, {
        type: 'WithdrawEvidence',
        data: { claimId, evidenceId: evidence[0]!, reason: 'Duplicate of another entry' },
        metadata: metadata(alice),
      });
      const counterpointId = newId('counterpoint');
      await run(claimId, raiseCounterpoint(claimId, counterpointId, bob, `Counterpoint on claim ${index}`));
      const resolution = RESOLUTIONS[index % RESOLUTIONS.length]!;
      // A dismissal is editorial; the proposer answers and concedes.
      const responder = resolution === 'DISMISSED' ? erin : alice;
      if (resolution)
        await run(claimId, respondToCounterpoint(claimId, counterpointId, resolution, responder));
      // Some answers are rebutted by the counterpoint's author, and some of those answered again.
      if (resolution === 'ANSWERED' && index % 3 !== 2) {
        await run(claimId, {
          type: 'ReopenCounterpoint',
          data: {
            claimId,
            counterpointId,
            text: `The answer misses counterpoint ${index}`,
            reason: 'Unanswered',
          },
          metadata: metadata(bob),
        });
        if (index % 3 === 1) await run(claimId, respondToCounterpoint(claimId, counterpointId, 'ANSWERED'));
      }
      if (index % 8 === 4) {
        await run(claimId, {
          type: 'ReanchorClaim',
          data: {
            claimId,
            sourceId,
            quote: { exact: 'Dushanbe summit' },
            reason: 'The claim is about the summit',
            source: sourceText,
          },
          metadata: metadata(alice),
        });
      }
      await run(claimId, {
        type: 'ReviseClaim',
        data: {
          claimId,
          statement: `Claim ${index}: the summit changed the region for good`,
          reason: 'Sharper',
        },
        metadata: metadata(alice),
      });
      await run(
        claimId,
        linkClaims(claimId, claimIds[(index + 1) % claims]!, LINK_KINDS[index % LINK_KINDS.length]!),
      );
      // Every seventh claim and its successor attack each other.
      if (index % 7 === 1) await run(claimId, linkClaims(claimId, claimIds[index - 1]!, 'ATTACKS'));
      if (index % 5 === 0) {
        await run(claimId, {
          type: 'AssessClaim',
          data: { claimId, verdict: 'MISLEADING', confidence: 0.7, rationale: 'Overstates the change' },
          metadata: metadata(erin),
        });
      }
    }),
  );
  // After every link is in: some unlinks and retractions.
  await Promise.all(
    claimIds.map(async (claimId, index) => {
      if (index % 6 === 0) {
        await run(claimId, {
          type: 'UnlinkClaims',
          data: {
            claimId,
            toClaimId: claimIds[(index + 1) % claims]!,
            kind: 'ATTACKS',
            reason: 'Not an attack after all',
          },
          metadata: metadata(alice),
        });
      }
      if (index % 10 === 5) {
        await run(claimId, {
          type: 'WithdrawAssessment',
          data: { claimId, reason: 'Assessed before the evidence was in' },
          metadata: metadata(erin),
        });
      }
      if (index % 11 === 3) await run(claimId, retractClaim(claimId));
    }),
  );
  return { claimIds, sourceId, events: Number(await store.headPosition()) };
};
