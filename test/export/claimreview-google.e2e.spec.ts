import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import jsonld from 'jsonld';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { assessmentStands } from '../../src/claims/domain/claim.state.js';
import { EXPORT_FORMATS } from '../../src/export/export.formats.js';
import { SqliteExportRows } from '../../src/export/export.reader.js';
import type { ExportSettings } from '../../src/export/export.settings.js';
import { startServer, type TestServer } from '../support/server.js';
import { tokenFor } from './support/cli.js';
import { ExportWorld, OP_ED_TEXT } from './support/export-world.js';

/**
 * The ClaimReview export checked the way its consumers check it: every review expanded as JSON-LD with the
 * real schema.org context (an offline copy in test/fixtures/schema.org, no network), then held against
 * Google's list of required and recommended properties.
 */

/**
 * Google's required and recommended ClaimReview properties: Google Search Central, "Fact check (ClaimReview)
 * structured data" (developers.google.com/search/docs/appearance/structured-data/factcheck), in the table
 * that Full Fact's notes reproduce from it (fullfact.github.io/markup-investigation/docs/notes/01-basic-usage/,
 * "Google's Requirements"); looked up with the search tool ("ClaimReview structured data required
 * properties"). The stored copy of Google's own page showed its introduction but not the table, so the table
 * was taken from Full Fact's copy, and schemastats.com's summary of the same page agrees on the required three.
 */
const GOOGLE = {
  ClaimReview: {
    required: ['claimReviewed', 'reviewRating', 'url'],
    recommended: ['author', 'datePublished', 'itemReviewed'],
  },
  Rating: { required: ['alternateName'], recommended: ['bestRating', 'name', 'ratingValue', 'worstRating'] },
  Claim: { required: [], recommended: ['appearance', 'author', 'datePublished', 'firstAppearance'] },
} as const;

/**
 * Recommended properties the export leaves out on purpose, with the reason: these are not gaps to report.
 * Everything else recommended is present or named in the export's notes.
 */
const NOT_RECORDED: Readonly<Record<string, string>> = {
  'Claim.firstAppearance': 'Claimtrail records where a claim appears, not where it appeared first',
};
const NOT_ON_A_SCALE = ['Rating.bestRating', 'Rating.ratingValue', 'Rating.worstRating']; // OPINION, UNSUPPORTED

const SCHEMA = 'http://schema.org/';
const CONTEXT = JSON.parse(
  readFileSync(resolve('test/fixtures/schema.org/jsonldcontext.jsonld'), 'utf8'),
) as { '@context': Record<string, unknown> };
const TERMS = new Set(Object.keys(CONTEXT['@context']));

/** The only documents the expansion may load: schema.org's context, from the fixture. Anything else fails. */
const offlineLoader = async (url: string) => {
  if (!/^https?:\/\/schema\.org\/?(docs\/jsonldcontext\.jsonld)?$/.test(url))
    throw new Error(`the test loads no document from the network (${url})`);
  return { contextUrl: null, documentUrl: url, document: CONTEXT };
};

type Expanded = Record<string, unknown>;
const expand = async (document: unknown): Promise<Expanded[]> =>
  (await jsonld.expand(document as object, { documentLoader: offlineLoader })) as Expanded[];

const values = (node: Expanded, property: string): Expanded[] =>
  (node[`${SCHEMA}${property}`] as Expanded[] | undefined) ?? [];
const typeOf = (node: Expanded): string[] => (node['@type'] as string[] | undefined) ?? [];

/** Every property and type IRI of the expanded tree is a term the schema.org context defines. */
const unknownTerms = (node: unknown): string[] => {
  if (Array.isArray(node)) return node.flatMap(unknownTerms);
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node as Expanded).flatMap(([key, value]) => {
    const own = key.startsWith('@') ? [] : [key];
    const types = key === '@type' ? ([] as string[]).concat(value as string | string[]) : [];
    const bad = [...own, ...types].filter(
      (iri) => !iri.startsWith(SCHEMA) || !TERMS.has(iri.slice(SCHEMA.length)),
    );
    return [...bad, ...(key === '@value' ? [] : unknownTerms(value))];
  });
};

/** Required properties missing, and recommended ones missing without a reason, as `Type.property`. */
const checkAgainstGoogle = (review: Expanded, explained: ReadonlySet<string>) => {
  const missing: string[] = [];
  const check = (node: Expanded | undefined, type: keyof typeof GOOGLE) => {
    for (const property of GOOGLE[type].required)
      if (!node || values(node, property).length === 0) missing.push(`${type}.${property} (required)`);
    for (const property of GOOGLE[type].recommended) {
      const name = `${type}.${property}`;
      if ((!node || values(node, property).length === 0) && !explained.has(name) && !NOT_RECORDED[name])
        missing.push(`${name} (recommended)`);
    }
  };
  check(review, 'ClaimReview');
  check(values(review, 'reviewRating')[0], 'Rating');
  check(values(review, 'itemReviewed')[0], 'Claim');
  return missing;
};

const PUBLISHED: ExportSettings = {
  publicUrl: 'https://claims.example.org',
  publisher: { name: 'Example Fact Desk', url: 'https://claims.example.org/about' },
};

describe('ClaimReview against Google’s properties, expanded with the schema.org context', () => {
  let world: ExportWorld;
  let ids: Record<'attributed' | 'fromSourceAuthor' | 'opinion' | 'stale' | 'unassessed', string>;

  beforeAll(() => {
    world = new ExportWorld();
    const opEd = world.registerSource({
      title: "Central Asia-Russia Summit: Moscow's quest for repositioning",
      url: 'https://example.org/op-ed/central-asia-russia-summit',
      author: 'Zeynep Gizem Özpınar',
      publisher: 'Daily Sabah',
      publishedAt: '2025-10-28T00:05:00+03:00',
      language: 'en',
      text: OP_ED_TEXT,
    });
    const attributed = world.propose('Central Asia moved from geopolitical object to subject', {
      attributedTo: 'Zeynep Gizem Özpınar',
      sourceId: opEd,
      quote: { exact: 'Central Asia is no longer a geopolitical object; it is a subject' },
    });
    // Attributed to no one: the claim's author is the author of the source it was taken from.
    const fromSourceAuthor = world.propose('The summit reflected Moscow’s effort to regain influence', {
      sourceId: opEd,
      quote: { exact: "Moscow's efforts to reestablish its influence" },
    });
    const opinion = world.propose('The region is a market for every power', {
      attributedTo: 'Zeynep Gizem Özpınar',
      sourceId: opEd,
      quote: { exact: 'region is a', prefix: 'and the ' },
    });
    const stale = world.propose('Central Asia asserts independence and balance', {
      attributedTo: 'Zeynep Gizem Özpınar',
      sourceId: opEd,
      quote: { exact: 'Central Asia asserts independence and balance' },
    });
    const unassessed = world.propose('Moscow revives its Eurasian vision', { sourceId: opEd });
    world.assess(attributed, 'MOSTLY_ACCURATE', 0.7, 'The C5 record supports it, with no baseline');
    world.assess(fromSourceAuthor, 'ACCURATE', 0.8, 'The column says so in these words');
    world.assess(opinion, 'OPINION', 0.6, 'A characterisation, not a checkable fact');
    world.assess(stale, 'MIXED', 0.5, 'Partly shown');
    // Revised after the verdict: the assessment no longer speaks for the statement, so it is stale.
    world.revise(
      stale,
      'Central Asia asserts its independence and a balance of partners',
      'Central Asia asserts independence and balance',
    );
    ids = { attributed, fromSourceAuthor, opinion, stale, unassessed };
  });
  afterAll(() => world.close());

  const exportWith = (settings: ExportSettings) => {
    const rows = new SqliteExportRows(world.db);
    return {
      document: JSON.parse([...EXPORT_FORMATS.claimreview.document(rows, settings)].join('')) as {
        '@graph': Expanded[];
      },
      report: EXPORT_FORMATS.claimreview.report(rows, settings),
    };
  };

  it('uses only schema.org terms, and has every property Google requires and recommends', async () => {
    const { document, report } = exportWith(PUBLISHED);
    const expanded = await expand(document);
    expect(expanded).toHaveLength(3);
    expect(unknownTerms(expanded)).toEqual([]);
    for (const review of expanded) {
      expect(typeOf(review)).toEqual([`${SCHEMA}ClaimReview`]);
      const onScale = values(values(review, 'reviewRating')[0]!, 'ratingValue').length > 0;
      expect(checkAgainstGoogle(review, new Set(onScale ? [] : NOT_ON_A_SCALE))).toEqual([]);
    }
    expect(report).toEqual({
      contents: '3 reviews',
      notes: ['skipped 1 stale assessment: the claim changed since it was assessed'],
    });
  });

  it("fills them from the data and the settings: the claim's page, the publisher, the claim's author", async () => {
    const expanded = await expand(exportWith(PUBLISHED).document);
    const review = (id: string) =>
      expanded.find((node) => (values(node, 'identifier')[0] as { '@value': string })['@value'] === id)!;
    const attributed = review(ids.attributed);
    expect(values(attributed, 'url')).toEqual([
      { '@id': `https://claims.example.org/claims/${ids.attributed}` },
    ]);
    const [author] = values(attributed, 'author');
    expect(typeOf(author!)).toEqual([`${SCHEMA}Organization`]);
    expect(values(author!, 'name')).toEqual([{ '@value': 'Example Fact Desk' }]);
    expect(values(values(attributed, 'reviewRating')[0]!, 'alternateName')).toEqual([
      { '@value': 'Mostly accurate' },
    ]);
    const claim = values(review(ids.fromSourceAuthor), 'itemReviewed')[0]!;
    expect(values(values(claim, 'author')[0]!, 'name')).toEqual([{ '@value': 'Zeynep Gizem Özpınar' }]);
    expect(values(values(claim, 'appearance')[0]!, 'url')).toEqual([
      { '@id': 'https://example.org/op-ed/central-asia-russia-summit' },
    ]);
    expect(
      expanded.map((node) => (values(node, 'identifier')[0] as { '@value': string })['@value']),
    ).not.toContain(ids.stale);
  });

  it('without the public URL and the publisher, says which properties it cannot fill', async () => {
    const { document, report } = exportWith({ publicUrl: null, publisher: { name: null, url: null } });
    const expanded = await expand(document);
    const missing = expanded.flatMap((review) => checkAgainstGoogle(review, new Set(NOT_ON_A_SCALE)));
    expect(new Set(missing)).toEqual(
      new Set(['ClaimReview.url (required)', 'ClaimReview.author (recommended)']),
    );
    expect(report.notes).toEqual([
      'skipped 1 stale assessment: the claim changed since it was assessed',
      'ClaimReview.url, which Google requires, is left out of every review: set CLAIMTRAIL_PUBLIC_URL to the address the web app is published at',
      'ClaimReview.author (recommended: the publishing Organization) is left out: set CLAIMTRAIL_PUBLISHER_NAME (and CLAIMTRAIL_PUBLISHER_URL)',
    ]);
  });

  it('decides what is current in one rule: an assessment stands until something outdates it', () => {
    const cause = {
      claimId: ids.stale,
      version: 3,
      type: 'ClaimRevised' as const,
      at: '',
      by: { id: 'a', role: 'ANALYST' as const },
    };
    expect(assessmentStands({ staleSince: null })).toBe(true);
    expect(assessmentStands({ staleSince: cause })).toBe(false);
    expect(assessmentStands(null)).toBe(false);
  });

  it('would catch a property that is not schema.org vocabulary', async () => {
    const misspelt = { '@context': 'https://schema.org', '@type': 'ClaimReview', claimReviewd: 'x' };
    expect(unknownTerms(await expand(misspelt))).toEqual([`${SCHEMA}claimReviewd`]);
    await expect(
      jsonld.expand({ '@context': 'https://example.org/other' }, { documentLoader: offlineLoader }),
    ).rejects.toThrow();
  });
});

describe('ClaimReview over HTTP from a server with CLAIMTRAIL_PUBLIC_URL and a publisher', () => {
  let server: TestServer;
  let viewer: string;

  beforeAll(async () => {
    server = await startServer({
      CLAIMTRAIL_DEMO: 'true',
      CLAIMTRAIL_PUBLIC_URL: 'https://claims.example.org/desk/',
      CLAIMTRAIL_PUBLISHER_NAME: 'Example Fact Desk',
      CLAIMTRAIL_PUBLISHER_URL: 'https://claims.example.org',
    });
    viewer = await tokenFor(server.dataDir, server.graphqlUrl, 'vera', 'viewer');
  }, 60_000);
  afterAll(() => server?.stop());

  it("reviews the op-ed's four assessments with every required property, and leaves nothing unsaid", async () => {
    const response = await fetch(`${server.url}/export/claimreview.jsonld`, {
      headers: { authorization: `Bearer ${viewer}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('claimtrail-export-contents')).toBe('4 reviews');
    // The op-ed's claims are all attributed; the op-ed itself was registered without a URL, and that is said.
    expect(response.headers.get('claimtrail-export-notes')).toBe(
      "4 reviews without itemReviewed.appearance.url (recommended): the claim's source has no URL, or it has no source",
    );
    const expanded = await expand(await response.json());
    expect(expanded).toHaveLength(4);
    expect(unknownTerms(expanded)).toEqual([]);
    for (const review of expanded) {
      const onScale = values(values(review, 'reviewRating')[0]!, 'ratingValue').length > 0;
      expect(checkAgainstGoogle(review, new Set(onScale ? [] : NOT_ON_A_SCALE))).toEqual([]);
      const [url] = values(review, 'url') as Array<{ '@id': string }>;
      expect(url!['@id']).toMatch(/^https:\/\/claims\.example\.org\/desk\/claims\/clm_[0-9A-Z]{26}$/);
    }
  });
});
