import { describe, expect, it } from '@jest/globals';
import { CLAIM_EVENT_TYPES, type ClaimEvent } from '../../src/claims/domain/claim.events.js';
import { evolveClaim } from '../../src/claims/domain/claim.evolve.js';
import { initialClaimState } from '../../src/claims/domain/claim.state.js';
import { fold } from '../../src/event-sourcing/decider.js';
import { foldClaim } from '../../src/claims/domain/claim.evolve.js';
import { alice, erin, seededRandom, stamp } from '../support/claim-helpers.js';

const byEvolve = (events: readonly ClaimEvent[]) =>
  fold({ initialState: initialClaimState, evolve: evolveClaim }, events);

/** A valid stream with every kind of claim event, as a seeded random walk (deciders' rules respected). */
const randomStream = (seed: number, length: number): ClaimEvent[] => {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const claimId = `clm_${seed}`;
  let minute = 0;
  const meta = () =>
    stamp(random() < 0.5 ? alice : erin, new Date(Date.UTC(2025, 9, 28, 0, minute++)).toISOString());
  const events: ClaimEvent[] = [
    {
      type: 'ClaimProposed',
      data: {
        claimId,
        statement: 'Central Asia moved from object to subject',
        tags: ['summit'],
        attributedTo: 'the author',
        anchor: null,
        note: null,
        ...meta(),
      },
    },
  ];
  const evidence: string[] = [];
  const withdrawn = new Set<string>();
  const open: string[] = [];
  const rebuttable: string[] = [];
  const links: Array<{ toClaimId: string; kind: 'SUPPORTS' | 'ATTACKS' }> = [];
  let tags = ['summit'];
  let statement = 'Central Asia moved from object to subject';
  let assessedNow = false;
  while (events.length < length) {
    const roll = random();
    if (roll < 0.25) {
      const evidenceId = `evd_${events.length}`;
      evidence.push(evidenceId);
      events.push({
        type: 'EvidenceAttached',
        data: {
          claimId,
          evidenceId,
          stance: pick(['SUPPORTS', 'UNDERMINES'] as const),
          summary: 'The communique says so',
          citation: {
            url: 'https://example.org',
            title: null,
            publisher: null,
            author: null,
            publishedAt: null,
            accessedAt: null,
            quote: null,
          },
          reliability: random() < 0.5 ? null : 0.5,
          ...meta(),
        },
      });
    } else if (roll < 0.35 && evidence.some((id) => !withdrawn.has(id))) {
      const evidenceId = pick(evidence.filter((id) => !withdrawn.has(id)));
      withdrawn.add(evidenceId);
      events.push({
        type: 'EvidenceWithdrawn',
        data: { claimId, evidenceId, reason: 'Only memoranda', ...meta() },
      });
    } else if (roll < 0.45) {
      const counterpointId = `cpt_${events.length}`;
      open.push(counterpointId);
      events.push({
        type: 'CounterpointRaised',
        data: { claimId, counterpointId, text: 'Trade with Russia grew', citation: null, ...meta() },
      });
    } else if (roll < 0.55 && open.length > 0) {
      const counterpointId = open.splice(Math.floor(random() * open.length), 1)[0]!;
      const resolution = pick(['ANSWERED', 'CONCEDED', 'DISMISSED'] as const);
      if (resolution !== 'CONCEDED') rebuttable.push(counterpointId);
      events.push({
        type: 'CounterpointResolved',
        data: { claimId, counterpointId, resolution, response: 'Not dependence', ...meta() },
      });
    } else if (roll < 0.62) {
      const tag = pick(['summit', 'russia', 'trade', 'csto']);
      const added = tags.includes(tag) ? [] : [tag];
      const removed = tags.includes(tag) ? [tag] : [];
      tags = [...tags.filter((existing) => !removed.includes(existing)), ...added];
      events.push({ type: 'ClaimTagged', data: { claimId, added, removed, ...meta() } });
    } else if (roll < 0.7) {
      const next = `${statement.slice(0, 40)} (${events.length})`;
      events.push({
        type: 'ClaimRevised',
        data: { claimId, statement: next, previousStatement: statement, reason: 'Sharper', ...meta() },
      });
      statement = next;
    } else if (roll < 0.8) {
      const link = {
        toClaimId: `clm_other_${Math.floor(random() * 5)}`,
        kind: pick(['SUPPORTS', 'ATTACKS'] as const),
      };
      if (links.some((existing) => existing.toClaimId === link.toClaimId && existing.kind === link.kind))
        continue;
      links.push(link);
      events.push({
        type: 'ClaimLinked',
        data: { claimId, ...link, rationale: random() < 0.5 ? null : 'Same summit', ...meta() },
      });
    } else if (roll < 0.87 && links.length > 0) {
      const link = links.splice(Math.floor(random() * links.length), 1)[0]!;
      events.push({ type: 'ClaimUnlinked', data: { claimId, ...link, reason: 'Not related', ...meta() } });
    } else if (roll < 0.92 && assessedNow) {
      assessedNow = false;
      events.push({ type: 'AssessmentWithdrawn', data: { claimId, reason: 'Judged too early', ...meta() } });
    } else if (roll < 0.95) {
      assessedNow = true;
      events.push({
        type: 'ClaimAssessed',
        data: {
          claimId,
          verdict: pick(['MIXED', 'ACCURATE', 'MISLEADING'] as const),
          confidence: random(),
          rationale: 'Overstated',
          ...meta(),
        },
      });
    } else if (roll < 0.97 && rebuttable.length > 0) {
      const counterpointId = rebuttable.splice(Math.floor(random() * rebuttable.length), 1)[0]!;
      open.push(counterpointId);
      events.push({
        type: 'CounterpointReopened',
        data: { claimId, counterpointId, text: 'Trade is not all', reason: 'Misses the point', ...meta() },
      });
    } else if (roll < 0.985) {
      const start = Math.floor(random() * 100);
      const quote = {
        exact: 'object',
        prefix: 'from geopolitical ',
        suffix: ' to subject',
        start,
        end: start + 6,
      };
      const previous = [...events].reverse().find((event) => event.type === 'ClaimReanchored');
      events.push({
        type: 'ClaimReanchored',
        data: {
          claimId,
          anchor: { sourceId: `src_${seed}`, quote },
          previousAnchor: previous?.type === 'ClaimReanchored' ? previous.data.anchor : null,
          reason: 'Closer words',
          ...meta(),
        },
      });
    } else if (events.length > length - 3) {
      events.push({ type: 'ClaimRetracted', data: { claimId, reason: 'Misread', ...meta() } });
      break;
    }
  }
  // Some streams end retracted whatever the walk did: the retraction is the one event that ends a stream.
  if (seed % 3 === 0 && events.at(-1)?.type !== 'ClaimRetracted') {
    events.push({ type: 'ClaimRetracted', data: { claimId, reason: 'Misread', ...meta() } });
  }
  return events;
};

describe('the in-place fold of time travel', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'builds the claim evolveClaim builds, after every event of a random stream (seed %i)',
    (seed) => {
      const events = randomStream(seed, 120);
      const types = new Set(events.map((event) => event.type));
      expect(types.size).toBeGreaterThanOrEqual(8);
      for (let length = 0; length <= events.length; length++) {
        expect(foldClaim(events.slice(0, length))).toEqual(byEvolve(events.slice(0, length)));
      }
    },
  );

  it('covers every claim event type across the seeds, the retraction included', () => {
    const seen = new Set(
      [1, 2, 3, 4, 5, 6, 7, 8].flatMap((seed) => randomStream(seed, 120).map((event) => event.type)),
    );
    // Every type the domain has: a new event type fails here until the random walk produces it.
    expect([...seen].sort()).toEqual([...CLAIM_EVENT_TYPES].sort());
  });

  it('refuses a corrupt stream as evolveClaim does', () => {
    const [proposed] = randomStream(1, 1);
    expect(() => foldClaim([proposed!, proposed!])).toThrow(/proposed twice/);
    expect(() =>
      foldClaim([{ type: 'ClaimRetracted', data: { claimId: 'clm_x', reason: 'r', ...stamp() } }]),
    ).toThrow(/before its ClaimProposed/);
    expect(foldClaim([])).toEqual({ status: 'none' });
  });

  it('evolves without changing the state it was given (the fold writes into its own draft only)', () => {
    const events = randomStream(9, 300);
    let state = foldClaim(events.slice(0, 1));
    for (const event of events.slice(1)) {
      const before = structuredClone(state);
      const next = evolveClaim(state, event);
      expect(state).toEqual(before);
      state = next;
    }
    expect(state).toEqual(foldClaim(events));
  });
});
