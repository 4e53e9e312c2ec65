import { assessmentStands } from '../../claims/domain/claim.state.js';
import type { Verdict } from '../../claims/domain/claim.values.js';
import type { ExportClaim, ExportRows, ExportSource } from '../export.rows.js';
import { claimPageUrl, counted, type ExportReport, type ExportSettings } from '../export.settings.js';
import { compact, jsonArray, jsonObject } from './json-text.js';

/**
 * schema.org ClaimReview (JSON-LD) for every live claim with a current assessment, with the properties
 * Google's fact-check documentation requires and recommends:
 *
 * - `url` (required): the claim's page in the web app under CLAIMTRAIL_PUBLIC_URL;
 * - `claimReviewed` (required), `datePublished` (when it was assessed);
 * - `author`: the publishing Organization (CLAIMTRAIL_PUBLISHER_NAME, _URL), not the editor;
 * - `reviewRating` (required) with the verdict in words as `alternateName` (required), and on the five-point
 *   truth scale (`ratingValue`, `bestRating`, `worstRating`) where the verdict is on it;
 * - `itemReviewed`: a Claim with its `author` (the person the claim is attributed to, else the source's
 *   author) and its `appearance` (the source, with its `url` when one was registered).
 *
 * Nothing is made up: what the data or the settings do not give is left out, and `claimReviewReport` says
 * which property, so the export is never silently incomplete. A stale assessment (the claim changed since)
 * is not a verdict on the claim as it stands: it is skipped, and counted.
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

/** Who made the claim: whom the analyst attributed it to, else the author of the source it was taken from. */
const claimAuthor = (claim: ExportClaim, source: ExportSource | undefined): string | null =>
  claim.attributedTo ?? source?.author ?? null;

/** A claim the export reviews: live, assessed, and its assessment still current. */
const reviewable = (claim: ExportClaim): boolean => !claim.retracted && assessmentStands(claim.assessment);

export const claimReview = (
  claim: ExportClaim,
  source: ExportSource | undefined,
  settings: ExportSettings,
): JsonLd | undefined => {
  const assessment = claim.assessment;
  if (!assessment || !reviewable(claim)) return undefined;
  const rating = RATINGS[assessment.verdict];
  const author = claimAuthor(claim, source);
  return compact({
    '@type': 'ClaimReview',
    identifier: claim.id,
    url: settings.publicUrl === null ? null : claimPageUrl(settings.publicUrl, claim.id),
    claimReviewed: claim.statement,
    datePublished: assessment.assessedAt,
    author:
      settings.publisher.name === null
        ? null
        : compact({ '@type': 'Organization', name: settings.publisher.name, url: settings.publisher.url }),
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
      author: author === null ? null : agent(author, source),
      datePublished: source?.publishedAt ?? null,
      appearance: source ? appearance(source) : null,
    }),
  });
};

const sourcesById = (rows: ExportRows): ReadonlyMap<string, ExportSource> =>
  new Map(rows.sources().map((source) => [source.id, source]));

const sourceOf = (claim: ExportClaim, sources: ReadonlyMap<string, ExportSource>) =>
  claim.sourceId === null ? undefined : sources.get(claim.sourceId);

/** `{"@context": "https://schema.org", "@graph": [ClaimReview…]}`, one review per current assessment. */
export function* claimReviewDocument(rows: ExportRows, settings: ExportSettings): Generator<string> {
  const sources = sourcesById(rows);
  const reviews = function* (): Generator<JsonLd> {
    for (const claim of rows.liveClaims()) {
      const review = claimReview(claim, sourceOf(claim, sources), settings);
      if (review) yield review;
    }
  };
  yield* jsonObject([
    ['@context', 'https://schema.org'],
    ['@graph', { pieces: jsonArray(reviews(), '    ', true) }],
  ]);
}

/** How many reviews, how many stale assessments were skipped, and every property left unfilled. */
export const claimReviewReport = (rows: ExportRows, settings: ExportSettings): ExportReport => {
  const sources = sourcesById(rows);
  let reviews = 0;
  let stale = 0;
  let withoutAuthor = 0;
  let withoutAppearanceUrl = 0;
  for (const claim of rows.liveClaims()) {
    if (claim.assessment === null) continue;
    if (!reviewable(claim)) {
      stale++;
      continue;
    }
    reviews++;
    const source = sourceOf(claim, sources);
    if (claimAuthor(claim, source) === null) withoutAuthor++;
    if (!source?.url) withoutAppearanceUrl++;
  }
  const notes: string[] = [];
  if (stale > 0)
    notes.push(`skipped ${counted(stale, 'stale assessment')}: the claim changed since it was assessed`);
  if (reviews > 0 && settings.publicUrl === null)
    notes.push(
      'ClaimReview.url, which Google requires, is left out of every review: set CLAIMTRAIL_PUBLIC_URL to the address the web app is published at',
    );
  if (reviews > 0 && settings.publisher.name === null)
    notes.push(
      'ClaimReview.author (recommended: the publishing Organization) is left out: set CLAIMTRAIL_PUBLISHER_NAME (and CLAIMTRAIL_PUBLISHER_URL)',
    );
  if (withoutAuthor > 0)
    notes.push(
      `${counted(withoutAuthor, 'review')} without itemReviewed.author (recommended): the claim is attributed to no one and its source names no author`,
    );
  if (withoutAppearanceUrl > 0)
    notes.push(
      `${counted(withoutAppearanceUrl, 'review')} without itemReviewed.appearance.url (recommended): the claim's source has no URL, or it has no source`,
    );
  return { contents: counted(reviews, 'review'), notes };
};
