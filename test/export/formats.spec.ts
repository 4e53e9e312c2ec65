import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ClaimsQueries } from '../../src/claims/read-model/claims.queries.js';
import { EXPORT_FORMATS, type ExportFormatName } from '../../src/export/export.formats.js';
import { SqliteExportRows } from '../../src/export/export.reader.js';
import type { ExportScope } from '../../src/export/export.rows.js';
import { NO_EXPORT_SETTINGS, type ExportSettings } from '../../src/export/export.settings.js';
import type { AifEdge, AifLocution, AifNode } from '../../src/export/formats/aif.js';
import { bundleId } from '../../src/export/formats/bundle.js';
import { crossItemProblems } from '../../src/import/bundle-checks.js';
import { bundleSchemaValidator } from '../../src/import/bundle.js';
import type { JsonObject } from '../../src/import/json-schema.js';
import { OP_ED_TEXT, ExportWorld, buildDebate, type Debate } from './support/export-world.js';
import { parseArgdown, type ParsedArgdown } from './support/argdown.js';

let world: ExportWorld;
let debate: Debate;

beforeAll(() => {
  world = new ExportWorld();
  debate = buildDebate(world);
});
afterAll(() => world.close());

const exported = (
  format: ExportFormatName,
  scope: ExportScope = {},
  settings: ExportSettings = NO_EXPORT_SETTINGS,
): string => [...EXPORT_FORMATS[format].document(new SqliteExportRows(world.db, scope), settings)].join('');

const reported = (format: ExportFormatName, scope: ExportScope = {}, settings = NO_EXPORT_SETTINGS) =>
  EXPORT_FORMATS[format].report(new SqliteExportRows(world.db, scope), settings);

const normalised = (text: string) => text.replace(/\s+/gu, ' ').trim();

describe('claims.ndjson', () => {
  const records = (scope: ExportScope = {}) =>
    exported('ndjson', scope)
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  it('has one flat line per claim, retracted ones included, in creation order, and says how many', () => {
    expect(reported('ndjson')).toEqual({ contents: '10 claims', notes: [] });
    const text = exported('ndjson');
    expect(text.endsWith('\n')).toBe(true);
    const rows = records();
    expect(rows.map((row) => row['id'])).toEqual(Object.values(debate.claims));
    expect(rows.find((row) => row['id'] === debate.claims.retracted)).toMatchObject({
      status: 'RETRACTED',
      verdict: 'INACCURATE',
    });
    for (const row of rows) {
      expect(Object.keys(row)).toEqual([
        'id',
        'statement',
        'status',
        'tags',
        'attributed_to',
        'source_id',
        'quote',
        'verdict',
        'confidence',
        'assessed_at',
        'assessed_by_id',
        'acceptability',
        'defeated_by',
        'evidence_count',
        'supporting_evidence_count',
        'undermining_evidence_count',
        'counterpoint_count',
        'open_counterpoints',
        'version',
        'created_by_id',
        'created_by_role',
        'created_at',
        'updated_at',
      ]);
      // Times as pandas parses them by itself: UTC ISO-8601 in columns named *_at.
      for (const column of ['created_at', 'updated_at'])
        expect(row[column]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      // Flat for pandas: scalars, or lists of strings.
      for (const value of Object.values(row)) {
        if (Array.isArray(value)) expect(value.every((item) => typeof item === 'string')).toBe(true);
        else expect(value === null || typeof value !== 'object').toBe(true);
      }
    }
  });

  it('carries the current state, counters split by stance, and the labels the read model computed', () => {
    const subject = records().find((row) => row['id'] === debate.claims.subject)!;
    const view = new ClaimsQueries(world.db).claim(debate.claims.subject)!;
    expect(subject).toMatchObject({
      statement: 'Central Asia moved from geopolitical object to subject',
      status: 'CONTESTED',
      tags: view.tags,
      attributed_to: 'Zeynep Gizem Özpınar',
      source_id: debate.sources.opEd,
      quote: 'Central Asia is no longer a geopolitical object; it is a subject',
      verdict: 'MOSTLY_ACCURATE',
      confidence: 0.7,
      assessed_at: view.assessment!.assessedAt,
      assessed_by_id: 'erin',
      evidence_count: 3, // the withdrawn item is not counted
      supporting_evidence_count: 2,
      undermining_evidence_count: 1,
      counterpoint_count: 2,
      open_counterpoints: 1,
      created_by_id: 'alice',
      created_by_role: 'ANALYST',
      created_at: '2025-10-28T09:03:00.000Z',
    });
    expect([...view.tags].sort()).toEqual(['agency', 'central-asia', 'thesis']);
    expect(subject).toMatchObject({
      acceptability: view.acceptability,
      defeated_by: view.defeatedBy,
      version: view.version,
      updated_at: view.updatedAt,
    });
    expect(subject['acceptability']).toBe('OUT');
    expect(subject['defeated_by']).toEqual([debate.counterpoints.openDoubt]);

    const revised = records().find((row) => row['id'] === debate.claims.summitFormats)!;
    expect(revised).toMatchObject({
      statement: 'C5 states now convene summit formats of their own',
      verdict: null,
      confidence: null,
      assessed_at: null,
      quote: null,
    });
  });

  it('limits the export to the claims of one source', () => {
    expect(records({ sourceId: debate.sources.opEd }).map((row) => row['id'])).toEqual([
      debate.claims.subject,
      debate.claims.market,
    ]);
    expect(records({ sourceId: debate.sources.notes }).map((row) => row['id'])).toEqual([
      debate.claims.fromNotes,
    ]);
  });
});

describe('aif.json', () => {
  let nodeset: { nodes: AifNode[]; edges: AifEdge[]; locutions: AifLocution[] };
  let byId: Map<string, AifNode>;
  beforeAll(() => {
    nodeset = JSON.parse(exported('aif'));
    byId = new Map(nodeset.nodes.map((node) => [node.nodeID, node]));
  });
  const incoming = (id: string) => nodeset.edges.filter((edge) => edge.toID === id);
  const outgoing = (id: string) => nodeset.edges.filter((edge) => edge.fromID === id);
  /** Every I → S → I path, as (from text, S type, to text). */
  const arguments_ = () =>
    nodeset.nodes
      .filter((node) => ['RA', 'CA', 'MA'].includes(node.type))
      .flatMap((scheme) =>
        incoming(scheme.nodeID).flatMap((premise) =>
          outgoing(scheme.nodeID).map((conclusion) => [premise.fromID, scheme.type, conclusion.toID]),
        ),
      );

  it("is an AIFdb nodeset: string ids, AIFdb's field names and timestamps, edges between existing nodes", () => {
    expect(Object.keys(nodeset)).toEqual(['nodes', 'edges', 'locutions']);
    expect(byId.size).toBe(nodeset.nodes.length);
    for (const node of nodeset.nodes) {
      expect(Object.keys(node)).toEqual(['nodeID', 'text', 'type', 'timestamp']);
      expect(node.timestamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    }
    expect(new Set(nodeset.edges.map((edge) => edge.edgeID)).size).toBe(nodeset.edges.length);
    for (const edge of nodeset.edges) {
      expect(Object.keys(edge)).toEqual(['edgeID', 'fromID', 'toID', 'formEdgeID']);
      expect(typeof edge.edgeID).toBe('string');
      expect(byId.has(edge.fromID) && byId.has(edge.toID)).toBe(true);
      // Never I to I: a scheme node always sits between two propositions.
      expect(byId.get(edge.fromID)!.type === 'I' && byId.get(edge.toID)!.type === 'I').toBe(false);
    }
    expect(byId.get(debate.claims.subject)!.timestamp).toBe('2025-10-28 09:03:00');
  });

  it('has an I-node for every live claim, counterpoint and evidence item, and nothing of the retracted claim', () => {
    const live = Object.entries(debate.claims)
      .filter(([name]) => name !== 'retracted')
      .map(([, id]) => id);
    const counterpoints = Object.values(debate.counterpoints);
    const { c5Records, reuters, remittances } = debate.evidence;
    const evidence = [c5Records, reuters, remittances]; // live; the withdrawn item is no argument
    expect(
      nodeset.nodes
        .filter((node) => node.type === 'I')
        .map((node) => node.nodeID)
        .sort(),
    ).toEqual([...live, ...counterpoints, ...evidence].sort());
    expect(byId.get(debate.claims.summitFormats)!.text).toBe(
      'C5 states now convene summit formats of their own',
    );
    expect(byId.get(debate.counterpoints.openDoubt)!.text).toBe('No baseline is given for "more autonomous"');
    expect(byId.get(debate.evidence.remittances)!.text).toBe(
      'Most migrant remittances still come from Russia',
    );
    expect(JSON.stringify(nodeset)).not.toContain(debate.claims.retracted);
    expect(JSON.stringify(nodeset)).not.toContain(debate.evidence.withdrawn);
    expect(reported('aif')).toEqual({
      contents: '17 I-nodes (9 claims, 5 counterpoints, 3 evidence items)',
      notes: [],
    });
  });

  it('puts RA between supports, CA between attacks and attacking counterpoints, MA between rephrasings, and evidence through RA or CA', () => {
    const { claims, counterpoints, evidence } = debate;
    expect(arguments_().sort()).toEqual(
      [
        [claims.summitFormats, 'RA', claims.subject],
        [claims.market, 'RA', claims.syntax],
        [claims.csto, 'CA', claims.subject],
        // summitFormats is the conclusion of no inference: its undercut can only target the claim itself.
        [claims.staleData, 'CA', claims.summitFormats],
        [claims.rephrase, 'MA', claims.subject],
        [claims.duplicate, 'MA', claims.rephrase],
        // OPEN and CONCEDED counterpoints attack; ANSWERED and DISMISSED ones are defeated and attack nothing.
        [counterpoints.openDoubt, 'CA', claims.subject],
        [counterpoints.conceded, 'CA', claims.csto],
        [evidence.c5Records, 'RA', claims.subject],
        [evidence.reuters, 'RA', claims.subject],
        [evidence.remittances, 'CA', claims.subject],
      ].sort(),
    );
    expect(byId.get(`CA_undercuts_${claims.staleData}_${claims.summitFormats}`)).toMatchObject({
      type: 'CA',
    });
    expect(
      nodeset.nodes.filter((node) => node.type === 'RA').every((node) => node.text === 'Default Inference'),
    ).toBe(true);
    expect(
      nodeset.nodes.filter((node) => node.type === 'CA').every((node) => node.text === 'Default Conflict'),
    ).toBe(true);
  });

  it("says who said each proposition: an L-node anchored by YA quoting the source's words, and a locution naming the speaker", () => {
    const iNodes = nodeset.nodes.filter((node) => node.type === 'I');
    expect(nodeset.locutions).toHaveLength(iNodes.length);
    for (const locution of nodeset.locutions) {
      expect(byId.get(locution.nodeID)!.type).toBe('L');
      const [toAnchor] = outgoing(locution.nodeID);
      expect(byId.get(toAnchor!.toID)).toMatchObject({ type: 'YA', text: 'Asserting' });
      const [toProposition] = outgoing(toAnchor!.toID);
      expect(byId.get(toProposition!.toID)!.type).toBe('I');
    }
    const locutionOf = (id: string) =>
      nodeset.locutions.find((locution) => outgoing(outgoing(locution.nodeID)[0]!.toID)[0]!.toID === id)!;
    const words = (id: string) => byId.get(locutionOf(id).nodeID)!.text;
    expect(locutionOf(debate.claims.subject)).toMatchObject({
      personID: 'Zeynep Gizem Özpınar',
      timestamp: '2025-10-28 09:03:00',
      source: 'https://example.org/op-ed/central-asia-russia-summit',
    });
    // The op-ed's own words, as anchored, not the analyst's paraphrase (which is the I-node).
    expect(words(debate.claims.subject)).toBe(
      'Zeynep Gizem Özpınar: Central Asia is no longer a geopolitical object; it is a subject',
    );
    expect(OP_ED_TEXT).toContain('Central Asia is no longer a geopolitical object; it is a subject');
    // An unsigned source speaks through its publisher; the analyst speaks only with no source at all.
    expect(locutionOf(debate.claims.fromNotes)).toMatchObject({ personID: 'Claimtrail desk' });
    expect(words(debate.claims.fromNotes)).toBe('Claimtrail desk: set in Moscow');
    expect(locutionOf(debate.claims.fromNotes)).not.toHaveProperty('source'); // that source has no URL
    expect(locutionOf(debate.claims.csto).personID).toBe('bob');
    expect(locutionOf(debate.counterpoints.openDoubt).personID).toBe('bob');
    expect(locutionOf(debate.evidence.c5Records)).toMatchObject({
      personID: 'alice',
      source: 'https://example.org/c5',
    });
  });

  it('keeps to one source when asked', () => {
    const scoped = JSON.parse(exported('aif', { sourceId: debate.sources.opEd })) as { nodes: AifNode[] };
    expect(
      scoped.nodes
        .filter((node) => node.type === 'I')
        .map((node) => node.nodeID)
        .sort(),
    ).toEqual(
      [
        debate.claims.subject,
        debate.claims.market,
        debate.counterpoints.openDoubt,
        debate.counterpoints.answered,
        debate.evidence.c5Records,
        debate.evidence.reuters,
        debate.evidence.remittances,
      ].sort(),
    );
    // market → syntax leaves the source, so it is not part of this export
    expect(
      scoped.nodes
        .filter((node) => node.type !== 'I' && node.type !== 'L' && node.type !== 'YA')
        .map((node) => node.nodeID.split('_').slice(0, 2).join('_'))
        .sort(),
    ).toEqual(['CA_counterpoint', 'CA_evidence', 'RA_evidence', 'RA_evidence']);
  });
});

describe('argdown', () => {
  let text: string;
  let parsed: ParsedArgdown;
  beforeAll(() => {
    text = exported('argdown');
    parsed = parseArgdown(text);
  });

  it('parses with @argdown/core without an error', () => {
    expect(parsed.errors).toEqual([]);
  });

  it('gives back every live claim and counterpoint with its exact words, tags and id, under unique titles', () => {
    const live = Object.entries(debate.claims).filter(([name]) => name !== 'retracted');
    const view = new ClaimsQueries(world.db);
    for (const [, id] of live) {
      const claim = view.claim(id)!;
      const statement = parsed.byId.get(id);
      expect(statement).toBeDefined();
      expect(statement!.text).toBe(normalised(claim.statement));
      expect(statement!.tags).toEqual([...claim.tags].sort());
      expect(statement!.data).toMatchObject({ id, status: claim.status, acceptability: claim.acceptability });
    }
    expect(parsed.byId.get(debate.claims.syntax)!.text).toBe(
      'U.S. *officials* said #1 [sic] <b> {x: 1} :smile: a_b // c /* d */ <!-- e --> 50% — “quoted” \\ back\\slash @[Mention] e.g. done... +> -> _>',
    );
    expect(parsed.byId.get(debate.counterpoints.answered)!.data).toMatchObject({
      claim: debate.claims.subject,
      state: 'ANSWERED',
    });
    expect(parsed.byId.has(debate.claims.retracted)).toBe(false);
    expect(parsed.statements).toBe(9 + 5);
  });

  it('gives back the support, attack and undercut relations, counterpoints attacking while OPEN or CONCEDED', () => {
    const { claims, counterpoints } = debate;
    expect(parsed.relations.sort()).toEqual(
      [
        [claims.summitFormats, 'support', claims.subject],
        [claims.market, 'support', claims.syntax],
        [claims.csto, 'attack', claims.subject],
        [claims.staleData, 'undercut', claims.summitFormats],
        [counterpoints.openDoubt, 'attack', claims.subject],
        [counterpoints.conceded, 'attack', claims.csto],
      ].sort(),
    );
    // The kinds Argdown has no relation for travel in the data.
    expect(parsed.byId.get(claims.rephrase)!.data).toMatchObject({ refines: [claims.subject] });
    expect(parsed.byId.get(claims.duplicate)!.data).toMatchObject({ duplicates: [claims.rephrase] });
  });

  it('keeps to one source when asked', () => {
    const scoped = parseArgdown(exported('argdown', { sourceId: debate.sources.notes }));
    expect(scoped.errors).toEqual([]);
    expect([...scoped.byId.keys()]).toEqual([debate.claims.fromNotes]);
  });
});

describe('claimreview.jsonld', () => {
  type Review = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const PUBLISHED: ExportSettings = {
    publicUrl: 'https://claims.example.org/desk',
    publisher: { name: 'Example Fact Desk', url: 'https://claims.example.org' },
  };
  const reviewsOf = (settings: ExportSettings = PUBLISHED) =>
    (JSON.parse(exported('claimreview', {}, settings)) as { '@graph': Review[] })['@graph'];
  const reviewOf = (id: string, settings: ExportSettings = PUBLISHED) =>
    reviewsOf(settings).find((review) => review['identifier'] === id)!;

  it('reviews exactly the assessed claims that stand (not the retracted one), and says how many', () => {
    const document = JSON.parse(exported('claimreview', {}, PUBLISHED));
    expect(document['@context']).toBe('https://schema.org');
    expect(reviewsOf().map((review) => review['identifier'])).toEqual([
      debate.claims.subject,
      debate.claims.csto,
      debate.claims.fromNotes,
    ]);
    for (const review of reviewsOf()) expect(review['@type']).toBe('ClaimReview');
    expect(reported('claimreview', {}, PUBLISHED).contents).toBe('3 reviews');
  });

  it("links each review to the claim's page, names the publisher as author, and rates with the verdict in words", () => {
    expect(reviewOf(debate.claims.subject)).toEqual({
      '@type': 'ClaimReview',
      identifier: debate.claims.subject,
      url: `https://claims.example.org/desk/claims/${debate.claims.subject}`,
      claimReviewed: 'Central Asia moved from geopolitical object to subject',
      datePublished: expect.stringMatching(/^2025-10-28T\d\d:\d\d:00\.000Z$/),
      author: { '@type': 'Organization', name: 'Example Fact Desk', url: 'https://claims.example.org' },
      reviewRating: {
        '@type': 'Rating',
        ratingValue: 4,
        bestRating: 5,
        worstRating: 1,
        alternateName: 'Mostly accurate',
        name: 'Mostly accurate',
        ratingExplanation: 'Supported by the C5 record, but no baseline',
      },
      itemReviewed: {
        '@type': 'Claim',
        author: { '@type': 'Person', name: 'Zeynep Gizem Özpınar' },
        datePublished: '2025-10-28T00:05:00+03:00',
        appearance: {
          '@type': 'CreativeWork',
          url: 'https://example.org/op-ed/central-asia-russia-summit',
          headline: "Central Asia-Russia Summit: Moscow's quest for repositioning",
          datePublished: '2025-10-28T00:05:00+03:00',
          inLanguage: 'en',
          author: { '@type': 'Person', name: 'Zeynep Gizem Özpınar' },
          publisher: { '@type': 'Organization', name: 'Daily Sabah' },
        },
      },
    });
  });

  it('puts verdicts that are not about truth (opinion, unsupported) on no numeric scale', () => {
    expect(reviewOf(debate.claims.csto)['reviewRating']).toEqual({
      '@type': 'Rating',
      alternateName: 'Opinion',
      name: 'Opinion',
      ratingExplanation: 'An interpretation of the security order',
    });
    expect(reviewOf(debate.claims.csto)['itemReviewed']).toEqual({ '@type': 'Claim' }); // no author, no source: nothing made up
  });

  it('never invents a URL, and says which property it could not fill instead of leaving it out silently', () => {
    const urls = [...exported('claimreview').matchAll(/"(https?:\/\/[^"]*)"/g)].map((match) => match[1]);
    expect(new Set(urls)).toEqual(
      new Set(['https://schema.org', 'https://example.org/op-ed/central-asia-russia-summit']),
    );
    const notes = reviewOf(debate.claims.fromNotes, NO_EXPORT_SETTINGS);
    expect(notes).not.toHaveProperty('url');
    expect(notes).not.toHaveProperty('author');
    expect(notes['itemReviewed']['appearance']).toEqual({
      '@type': 'CreativeWork',
      headline: 'Analyst notes, no URL',
      publisher: { '@type': 'Organization', name: 'Claimtrail desk' },
    });
    expect(notes['reviewRating']).toMatchObject({ alternateName: 'Unsupported' });
    expect(notes['reviewRating']).not.toHaveProperty('ratingValue');

    expect(reported('claimreview')).toEqual({
      contents: '3 reviews',
      notes: [
        expect.stringMatching(
          /^ClaimReview\.url, which Google requires, is left out of every review: set CLAIMTRAIL_PUBLIC_URL/,
        ),
        expect.stringMatching(
          /^ClaimReview\.author \(recommended: the publishing Organization\) is left out: set CLAIMTRAIL_PUBLISHER_NAME/,
        ),
        '2 reviews without itemReviewed.author (recommended): the claim is attributed to no one and its source names no author',
        "2 reviews without itemReviewed.appearance.url (recommended): the claim's source has no URL, or it has no source",
      ],
    });
    // With the settings, only what the data itself lacks is left to say.
    expect(reported('claimreview', {}, PUBLISHED).notes).toEqual([
      '2 reviews without itemReviewed.author (recommended): the claim is attributed to no one and its source names no author',
      "2 reviews without itemReviewed.appearance.url (recommended): the claim's source has no URL, or it has no source",
    ]);
  });
});

describe('bundle.json', () => {
  let bundle: Record<string, Array<Record<string, unknown>>>;
  beforeAll(() => {
    bundle = JSON.parse(exported('bundle'));
  });

  it('is a valid import bundle: the JSON Schema and the rules across items', () => {
    expect(bundleSchemaValidator().validate(bundle as unknown as JsonObject)).toEqual([]);
    expect(crossItemProblems(bundle as unknown as JsonObject)).toEqual([]);
    expect(bundle['format']).toBe('claimtrail-bundle');
    expect(bundle['version']).toBe(1);
  });

  it('uses the real ids, holds the argument as it stands, and leaves out what a bundle cannot express', () => {
    const { claims, sources, counterpoints } = debate;
    expect(bundle['sources']!.map((source) => source['id'])).toEqual([
      bundleId(sources.opEd),
      bundleId(sources.notes),
    ]);
    expect(bundle['sources']![0]).toMatchObject({
      text: OP_ED_TEXT,
      url: 'https://example.org/op-ed/central-asia-russia-summit',
    });
    expect(bundleId(claims.subject)).toBe(claims.subject.replace('clm_', 'clm-'));
    const live = Object.entries(claims)
      .filter(([name]) => name !== 'retracted')
      .map(([, id]) => bundleId(id));
    expect(bundle['claims']!.map((claim) => claim['id'])).toEqual(live);
    expect(bundle['claims']![0]).toEqual({
      id: bundleId(claims.subject),
      statement: 'Central Asia moved from geopolitical object to subject',
      tags: new ClaimsQueries(world.db).claim(claims.subject)!.tags,
      attributedTo: 'Zeynep Gizem Özpınar',
      source: bundleId(sources.opEd),
      quote: { exact: 'Central Asia is no longer a geopolitical object; it is a subject' },
      note: 'The thesis of the column',
    });
    // "region is a" occurs twice: the context that singles it out goes with it.
    expect(bundle['claims']![1]!['quote']).toEqual({
      exact: 'region is a',
      prefix: expect.stringMatching(/policy, and the $/),
      suffix: ' market for everyone.',
    });
    expect(
      bundle['claims']!.find((claim) => claim['id'] === bundleId(claims.summitFormats))!['statement'],
    ).toBe('C5 states now convene summit formats of their own');
    expect(bundle['evidence']!.map((item) => item['summary'])).toEqual([
      'The five states also meet without Russia, an analyst notes',
      'The capitals keep their own counsel, an analyst argues',
      'Most migrant remittances still come from Russia',
    ]);
    expect(bundle['evidence']![0]).toEqual({
      id: bundleId(debate.evidence.supporting),
      claim: bundleId(claims.subject),
      stance: 'SUPPORTS',
      summary: 'The five states also meet without Russia, an analyst notes',
      citation: { title: 'C5 summit records', url: 'https://example.org/c5' },
      reliability: 0.8,
    });
    expect(bundle['counterpoints']).toEqual([
      {
        id: bundleId(counterpoints.openDoubt),
        claim: bundleId(claims.subject),
        text: 'No baseline is given for "more autonomous"',
      },
      {
        id: bundleId(counterpoints.answered),
        claim: bundleId(claims.subject),
        text: 'The format has its own history, an analyst says',
        citation: { title: 'C5 history' },
        resolution: { resolution: 'ANSWERED', response: 'It meets more often, an analyst says' },
      },
      {
        id: bundleId(counterpoints.conceded),
        claim: bundleId(claims.csto),
        text: 'Security reliance on Moscow cuts both ways, an analyst argues',
        resolution: { resolution: 'CONCEDED', response: 'True: that is dependence and agency at once' },
      },
      {
        id: bundleId(counterpoints.dismissed),
        claim: bundleId(claims.summitFormats),
        text: 'Summits are only talk',
        resolution: { resolution: 'DISMISSED', response: 'Formats create obligations; see the communiqué' },
      },
      // Rebutted once: the whole thread, and no resolution beside it (the thread ends with its own).
      {
        id: bundleId(counterpoints.rebutted),
        claim: bundleId(claims.csto),
        text: 'The treaty binds only on paper, an analyst argues',
        thread: [
          { kind: 'ANSWER', text: 'Paper obligations still shape planning' },
          { kind: 'REBUTTAL', text: 'Planning is not dependence', reason: 'The answer changes the subject' },
          { kind: 'ANSWER', text: 'Dependence is what the claim says, not planning' },
        ],
      },
    ]);
    expect(bundle['relations']).toEqual([
      {
        from: bundleId(claims.summitFormats),
        to: bundleId(claims.subject),
        kind: 'SUPPORTS',
        rationale: 'Own formats are what acting as a subject looks like',
      },
      { from: bundleId(claims.csto), to: bundleId(claims.subject), kind: 'ATTACKS' },
      {
        from: bundleId(claims.staleData),
        to: bundleId(claims.summitFormats),
        kind: 'UNDERCUTS',
        rationale: 'The formats counted are from before the war',
      },
      { from: bundleId(claims.rephrase), to: bundleId(claims.subject), kind: 'REFINES' },
      { from: bundleId(claims.duplicate), to: bundleId(claims.rephrase), kind: 'DUPLICATES' },
      { from: bundleId(claims.market), to: bundleId(claims.syntax), kind: 'SUPPORTS' },
    ]);
    expect(bundle['assessments']).toEqual([
      {
        claim: bundleId(claims.subject),
        verdict: 'MOSTLY_ACCURATE',
        confidence: 0.7,
        rationale: 'Supported by the C5 record, but no baseline',
      },
      {
        claim: bundleId(claims.csto),
        verdict: 'OPINION',
        confidence: 0.6,
        rationale: 'An interpretation of the security order',
      },
      {
        claim: bundleId(claims.fromNotes),
        verdict: 'UNSUPPORTED',
        confidence: 0.5,
        rationale: 'Nothing in the notes shows it',
      },
    ]);
    expect(new SqliteExportRows(world.db).omissions()).toEqual({ retractedClaims: 1, withdrawnEvidence: 1 });
  });

  it('of one source is a valid bundle on its own', () => {
    const scoped = JSON.parse(exported('bundle', { sourceId: debate.sources.opEd })) as JsonObject;
    expect(bundleSchemaValidator().validate(scoped)).toEqual([]);
    expect(crossItemProblems(scoped)).toEqual([]);
    expect((scoped['sources'] as unknown[]).length).toBe(1);
    expect((scoped['claims'] as unknown[]).length).toBe(2);
    expect(scoped['relations']).toEqual([]);
  });
});

describe('an empty read model', () => {
  it('exports empty documents that are still valid', () => {
    const empty = new ExportWorld();
    try {
      const rows = new SqliteExportRows(empty.db);
      const text = (format: ExportFormatName) =>
        [...EXPORT_FORMATS[format].document(rows, NO_EXPORT_SETTINGS)].join('');
      expect(text('ndjson')).toBe('');
      expect(JSON.parse(text('aif'))).toEqual({ nodes: [], edges: [], locutions: [] });
      expect(JSON.parse(text('claimreview'))).toEqual({ '@context': 'https://schema.org', '@graph': [] });
      const bundle = JSON.parse(text('bundle')) as JsonObject;
      expect(bundleSchemaValidator().validate(bundle)).toEqual([]);
      expect(parseArgdown(text('argdown'))).toMatchObject({ errors: [], statements: 0 });
    } finally {
      empty.close();
    }
  });
});
