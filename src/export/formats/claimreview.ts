import type { Verdict } from '../../claims/domain/claim.values.js';
import type { ExportClaim, ExportRows, ExportSource } from '../export.rows.js';
import { compact, jsonArray, jsonObject } from './json-text.js';

/**
 * schema.org ClaimReview (JSON-LD) for every assessed live claim, as fact-check publishers and Google's
 * Fact Check Tools read it: `claimReviewed`, `reviewRating` (the verdict in words as `alternateName`, and on
 * the five-point truth scale where the verdict is on it), `itemReviewed` (a Claim with its `author`, the
 * person or organisation the claim is attributed to, and its `appearance`, the source), `author` (the
 * editor who assessed it) and `datePublished` (when it was assessed).
 *
 * URLs come only from the data: `appearance.url` is the source's url when one was registered. A review's own
 * `url` is the page that publishes it, which Claimtrail does not have, so it is left out rather than made up.
 */

interface RatingScale {
  readonly words: string;
  /** On the truth scale, 5 (accurate) to 1 (inaccurate); absent for verdicts that are not about truth. */
  readonly value?: number;
}

export const RATINGS: Readonly<Record<Verdict, RatingScale>> = {
  ACCURATE: { words: 'Accurate', value: 5 },
  MOSTLY_ACCURATE: { words: 'Mostly accurate', value: 4 },
  MIXED: { words: 'Mixed', value: 3 },
  MISLEADING: { words: 'Misleading', value: 2 },
  INACCURATE: { words: 'Inaccurate', value: 1 },
  UNSUPPORTED: { words: 'Unsupported' },
  OPINION: { words: 'Opinion' },
};

export const BEST_RATING = 5;
export const WORST_RATING = 1;

type JsonLd = Record<string, unknown>;

/** An agent named in the data: an Organization when it is the source's publisher, else a Person. */
const agent = (name: string, source: ExportSource | undefined): JsonLd => ({
  '@type':
    source?.publisher && source.publisher.trim().toLowerCase() === name.trim().toLowerCase()
      ? 'Organization'
      : 'Person',
  name,
});

const appearance = (source: ExportSource): JsonLd =>
  compact({
    '@type': 'CreativeWork',
    url: source.url,
    headline: source.title,
    datePublished: source.publishedAt,
    inLanguage: source.language,
    author: source.author ? { '@type': 'Person', name: source.author } : null,
    publisher: source.publisher ? { '@type': 'Organization', name: source.publisher } : null,
  });

export const claimReview = (claim: ExportClaim, source: ExportSource | undefined): JsonLd | undefined => {
  const assessment = claim.assessment;
  if (!assessment || claim.retracted) return undefined;
  const rating = RATINGS[assessment.verdict];
  return compact({
    '@type': 'ClaimReview',
    identifier: claim.id,
    claimReviewed: claim.statement,
    datePublished: assessment.assessedAt,
    author: { '@type': 'Person', name: assessment.assessedBy.id },
    reviewRating: compact({
      '@type': 'Rating',
      ratingValue: rating.value ?? null,
      bestRating: rating.value === undefined ? null : BEST_RATING,
      worstRating: rating.value === undefined ? null : WORST_RATING,
      alternateName: rating.words,
      name: rating.words,
      ratingExplanation: assessment.rationale,
    }),
    itemReviewed: compact({
      '@type': 'Claim',
      author: claim.attributedTo ? agent(claim.attributedTo, source) : null,
      datePublished: source?.publishedAt ?? null,
      appearance: source ? appearance(source) : null,
    }),
  });
};

/** `{"@context": "https://schema.org", "@graph": [ClaimReview…]}`, one review per assessed live claim. */
export function* claimReviewDocument(rows: ExportRows): Generator<string> {
  const sources = new Map(rows.sources().map((source) => [source.id, source]));
  const reviews = function* (): Generator<JsonLd> {
    for (const claim of rows.liveClaims()) {
      const review = claimReview(claim, claim.sourceId === null ? undefined : sources.get(claim.sourceId));
      if (review) yield review;
    }
  };
  yield* jsonObject([
    ['@context', 'https://schema.org'],
    ['@graph', { pieces: jsonArray(reviews(), '    ', true) }],
  ]);
}
