import type { ClaimFilter, ReviewQueueQuery } from '../generated/graphql.js';

export type QueueClaim = ReviewQueueQuery['claims']['edges'][number]['node'];

/** One queue of the review page: which claims the API is asked for, and the rule that keeps one in it. */
export interface QueueDefinition {
  readonly id: 'never-assessed' | 'stale' | 'contested' | 'newly-linked';
  readonly title: string;
  readonly help: string;
  readonly filter: (since: string) => ClaimFilter;
  /** Narrows what the filter cannot say (no assessment at all; a link made since). */
  readonly keeps: (claim: QueueClaim, since: string) => boolean;
  /** The count is the API's totalCount when the filter says everything. */
  readonly exact: boolean;
}

export const QUEUES: readonly QueueDefinition[] = [
  {
    id: 'stale',
    title: 'Stale verdicts',
    help: 'The claim changed after its assessment: an editor should assess it again.',
    filter: () => ({ needsReassessment: true }),
    keeps: () => true,
    exact: true,
  },
  {
    id: 'never-assessed',
    title: 'Never assessed',
    help: 'No editor has given a verdict yet.',
    filter: () => ({ status: ['OPEN', 'CONTESTED'], needsReassessment: false }),
    keeps: (claim) => claim.assessment === null || claim.assessment === undefined,
    exact: false,
  },
  {
    id: 'contested',
    title: 'Contested',
    help: 'Open counterpoints wait for an answer.',
    filter: () => ({ status: ['CONTESTED'] }),
    keeps: () => true,
    exact: true,
  },
  {
    id: 'newly-linked',
    title: 'Newly linked',
    help: 'A link from or to the claim was made in the chosen period: its standing may have moved.',
    filter: (since) => ({ updatedAfter: since }),
    keeps: (claim, since) => claim.relations.some((relation) => relation.linkedAt >= since),
    exact: false,
  },
];

export const PERIODS = [
  { days: 1, words: 'the last day' },
  { days: 7, words: 'the last 7 days' },
  { days: 30, words: 'the last 30 days' },
] as const;

/** The start of the period, to the minute (so the query's variables stay the same between renders). */
export const sinceDays = (days: number, now = Date.now()): string =>
  new Date(Math.floor((now - days * 86_400_000) / 60_000) * 60_000).toISOString();
