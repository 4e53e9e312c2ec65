import { characterCount } from '../../event-sourcing/text-rules.js';
import type { TextQuote, TextQuoteSelector } from '../../sources/domain/text-quote.js';

/** The claim vocabulary, spelled as the GraphQL enums spell it (contract.graphql). */

export const CLAIM_STATUSES = ['OPEN', 'CONTESTED', 'ASSESSED', 'RETRACTED'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const STANCES = ['SUPPORTS', 'UNDERMINES'] as const;
export type Stance = (typeof STANCES)[number];

export const COUNTERPOINT_RESOLUTIONS = ['ANSWERED', 'CONCEDED', 'DISMISSED'] as const;
export type CounterpointResolution = (typeof COUNTERPOINT_RESOLUTIONS)[number];
export const COUNTERPOINT_STATES = ['OPEN', ...COUNTERPOINT_RESOLUTIONS] as const;
export type CounterpointState = (typeof COUNTERPOINT_STATES)[number];

/**
 * The entries of a counterpoint's thread (docs/architecture.md §3): each response, named by what it does
 * (an ANSWERED response is an ANSWER, …), and each REBUTTAL that reopened it. The counterpoint's own text
 * opens the thread and is not an entry.
 */
export const COUNTERPOINT_THREAD_KINDS = ['ANSWER', 'CONCESSION', 'DISMISSAL', 'REBUTTAL'] as const;
export type CounterpointThreadKind = (typeof COUNTERPOINT_THREAD_KINDS)[number];
export const THREAD_KIND_OF_RESOLUTION = {
  ANSWERED: 'ANSWER',
  CONCEDED: 'CONCESSION',
  DISMISSED: 'DISMISSAL',
} as const satisfies Readonly<Record<CounterpointResolution, CounterpointThreadKind>>;

export const RELATION_KINDS = ['SUPPORTS', 'ATTACKS', 'UNDERCUTS', 'REFINES', 'DUPLICATES'] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

export const VERDICTS = [
  'ACCURATE',
  'MOSTLY_ACCURATE',
  'MIXED',
  'MISLEADING',
  'INACCURATE',
  'UNSUPPORTED',
  'OPINION',
] as const;
export type Verdict = (typeof VERDICTS)[number];

/**
 * Limits, in characters (code points) after trimming: the one statement of them. The deciders enforce them
 * and the API's input types name them (claims/graphql), so a request and an import meet the same limits.
 */
export const STATEMENT_LENGTH = { min: 3, max: 2000 } as const;
export const SUMMARY_LENGTH = { min: 3, max: 2000 } as const;
export const COUNTERPOINT_TEXT_LENGTH = { min: 3, max: 2000 } as const;
/** A rebuttal argues, like the counterpoint it reopens. */
export const REBUTTAL_LENGTH = COUNTERPOINT_TEXT_LENGTH;
/** For the reason of an editorial act, an assessment's rationale, a response, a link's rationale. */
export { REASON_LENGTH } from '../../event-sourcing/text-rules.js';
export const NOTE_MAX_LENGTH = 2000;
export const ATTRIBUTED_TO_MAX_LENGTH = 300;
export const CITATION_FIELD_MAX_LENGTH = 2000;
/** A quote is matched character for character against the source text; its context is a hint. */
export const QUOTE_EXACT_LENGTH = { min: 1, max: 2000 } as const;
export const QUOTE_CONTEXT_MAX_LENGTH = 200;
export const MAX_TAGS = 20;
export const TAG_MAX_LENGTH = 50;
export const TAG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A lower-case kebab tag such as `central-asia`, at most 50 characters, taken as written (not trimmed). */
export const tagProblem = (tag: string): string | undefined => {
  if (characterCount(tag) > TAG_MAX_LENGTH) return `must be at most ${TAG_MAX_LENGTH} characters long`;
  if (!TAG_PATTERN.test(tag)) {
    return 'must be lower-case words of letters and digits joined by single hyphens, e.g. "central-asia"';
  }
  return undefined;
};

/** A citation as stored: trimmed, blanks as null, with at least a url or a title. */
export interface Citation {
  readonly url: string | null;
  readonly title: string | null;
  readonly publisher: string | null;
  readonly author: string | null;
  readonly publishedAt: string | null;
  readonly accessedAt: string | null;
  readonly quote: string | null;
}

export type CitationInput = { readonly [Field in keyof Citation]?: string | null };

/** Where in a registered source's text the claim is made. */
export interface ClaimAnchor {
  readonly sourceId: string;
  readonly quote: TextQuote;
}

/**
 * What the command handler found when it read the source stream named by `ProposeClaim.sourceId`;
 * deciders read no other streams themselves.
 */
export interface SourceLookup {
  readonly sourceId: string;
  /** null when the source was registered without a text. */
  readonly text: string | null;
}

/** What the command handler found when it read the stream of `LinkClaims.toClaimId`. */
export interface LinkTarget {
  readonly claimId: string;
  readonly exists: boolean;
  readonly retracted: boolean;
}

export type { TextQuote, TextQuoteSelector };
