import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatProblem } from '../../src/import/import-problem.js';
import { JsonSchemaValidator } from '../../src/import/json-schema.js';
import { anchorQuote } from '../../src/sources/domain/text-quote.js';

// The demo bundle (fixtures/central-asia-russia-summit.json) must conform to docs/bundle.schema.json and to the
// rules JSON Schema cannot express (docs/bundle-format.md). The schema is checked with the importer's own
// validator (the subset of draft 2020-12 the schema uses; an unknown keyword throws instead of being silently
// ignored). The domain rules are then checked directly.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

const root = process.cwd();
const readJson = (path: string): Json => JSON.parse(readFileSync(join(root, path), 'utf8')) as Json;

const schema = readJson('docs/bundle.schema.json') as Obj;
const bundle = readJson('fixtures/central-asia-russia-summit.json') as Obj;
const opEd = readFileSync(join(root, 'test/fixtures/op-ed.txt'), 'utf8');

const TITLE = "Central Asia-Russia Summit: Moscow's quest for repositioning";
const AUTHOR = 'Zeynep Gizem Özpınar';
const PUBLISHER = 'Daily Sabah';
const PUBLISHED_AT = '2025-10-28T00:05:00+03:00';
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

// The importer's validator for docs/bundle.schema.json (src/import/json-schema.ts), as problem lines.
const validate = (s: Obj, v: Json): string[] => new JsonSchemaValidator(s).validate(v).map(formatProblem);

interface Quote {
  exact: string;
  prefix?: string;
  suffix?: string;
}
interface Citation {
  url?: string;
  title?: string;
  author?: string;
  publisher?: string;
  publishedAt?: string;
  quote?: string;
}
interface Source {
  id: string;
  title: string;
  url?: string;
  author?: string;
  publisher?: string;
  publishedAt?: string;
  language?: string;
  text?: string;
}
interface Claim {
  id: string;
  statement: string;
  tags?: string[];
  attributedTo?: string;
  source?: string;
  quote?: Quote;
  note?: string;
}
interface Evidence {
  id: string;
  claim: string;
  stance: string;
  summary: string;
  citation: Citation;
  reliability?: number;
}
interface Counterpoint {
  id: string;
  claim: string;
  text: string;
  citation?: Citation;
  resolution?: { resolution: string; response: string };
}
interface Relation {
  from: string;
  to: string;
  kind: string;
  rationale?: string;
}
interface Assessment {
  claim: string;
  verdict: string;
  confidence: number;
  rationale: string;
}

const sources = bundle.sources as unknown as Source[];
const claims = bundle.claims as unknown as Claim[];
const evidence = bundle.evidence as unknown as Evidence[];
const counterpoints = bundle.counterpoints as unknown as Counterpoint[];
const relations = bundle.relations as unknown as Relation[];
const assessments = bundle.assessments as unknown as Assessment[];
const source = sources[0]!;
const text = source.text ?? '';

function occurrences(haystack: string, needle: string): number[] {
  const found: number[] = [];
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) found.push(i);
  return found;
}

/** Offsets of `exact` in `haystack` that agree with the prefix/suffix context (the design's anchoring rule). */
function anchorMatches(haystack: string, q: Quote): number[] {
  return occurrences(haystack, q.exact).filter(
    (at) =>
      (q.prefix === undefined || haystack.slice(0, at).endsWith(q.prefix)) &&
      (q.suffix === undefined || haystack.slice(at + q.exact.length).startsWith(q.suffix)),
  );
}

const trimmedLength = (s: string): number => [...s.trim()].length;

describe('central-asia-russia-summit bundle', () => {
  describe('JSON Schema (docs/bundle.schema.json)', () => {
    it('is a draft 2020-12 schema with the bundle format constants', () => {
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect((schema.properties as Obj).format).toEqual({ const: 'claimtrail-bundle' });
      expect((schema.properties as Obj).version).toEqual({ const: 1 });
    });

    it('validates the bundle', () => {
      expect(validate(schema, bundle)).toEqual([]);
    });

    it('rejects bundles that break the schema (so the check above is not vacuous)', () => {
      const broken = (mutate: (b: Obj) => void): string[] => {
        const copy = structuredClone(bundle);
        mutate(copy);
        return validate(schema, copy);
      };
      const first = (key: string) => (b: Obj) => (b[key] as Obj[])[0]!;
      expect(broken((b) => (b.format = 'other'))).not.toEqual([]);
      expect(broken((b) => (first('claims')(b).tags = ['Not Kebab']))).not.toEqual([]);
      expect(broken((b) => (first('claims')(b).statement = 'no'))).not.toEqual([]);
      expect(broken((b) => (first('claims')(b).extra = true))).not.toEqual([]);
      expect(broken((b) => (first('evidence')(b).stance = 'NEUTRAL'))).not.toEqual([]);
      expect(broken((b) => (first('evidence')(b).citation = { quote: 'x' }))).not.toEqual([]);
      expect(broken((b) => (first('evidence')(b).reliability = 1.5))).not.toEqual([]);
      expect(broken((b) => (first('counterpoints')(b).resolution = { resolution: 'ANSWERED' }))).not.toEqual(
        [],
      );
      expect(broken((b) => (first('relations')(b).kind = 'CONTRADICTS'))).not.toEqual([]);
      expect(broken((b) => delete first('assessments')(b).rationale)).not.toEqual([]);
      expect(broken((b) => (first('sources')(b).publishedAt = '2025-10-28T00:05:00'))).not.toEqual([]);
    });
  });

  describe('structure and references', () => {
    it('has the format header and enough of each item', () => {
      expect(bundle.format).toBe('claimtrail-bundle');
      expect(bundle.version).toBe(1);
      expect(sources).toHaveLength(1);
      expect(claims.length).toBeGreaterThanOrEqual(15);
      expect(evidence.length).toBeGreaterThanOrEqual(8);
      expect(counterpoints.length).toBeGreaterThanOrEqual(5);
      expect(relations.length).toBeGreaterThanOrEqual(6);
      expect(assessments.length).toBeGreaterThanOrEqual(1);
    });

    it('uses ids that are unique across the whole bundle', () => {
      const ids = [...sources, ...claims, ...evidence, ...counterpoints].map((x) => x.id);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('resolves every local reference', () => {
      const sourceIds = new Set(sources.map((s) => s.id));
      const claimIds = new Set(claims.map((c) => c.id));
      for (const c of claims) if (c.source !== undefined) expect(sourceIds).toContain(c.source);
      for (const c of claims) if (c.quote !== undefined) expect(c.source).toBeDefined();
      for (const x of [...evidence, ...counterpoints, ...assessments]) expect(claimIds).toContain(x.claim);
      for (const r of relations) {
        expect(claimIds).toContain(r.from);
        expect(claimIds).toContain(r.to);
      }
    });

    it('has no self-links and no duplicate (from, to, kind) links, and at least one attack or undercut', () => {
      for (const r of relations) expect(r.from).not.toBe(r.to);
      const keys = relations.map((r) => `${r.from}|${r.to}|${r.kind}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(relations.some((r) => r.kind === 'ATTACKS' || r.kind === 'UNDERCUTS')).toBe(true);
    });

    it('respects the domain rules on claims', () => {
      for (const c of claims) {
        expect(trimmedLength(c.statement)).toBeGreaterThanOrEqual(3);
        expect(trimmedLength(c.statement)).toBeLessThanOrEqual(2000);
        const tags = c.tags ?? [];
        expect(tags.length).toBeLessThanOrEqual(20);
        expect(new Set(tags).size).toBe(tags.length);
        for (const t of tags) expect(t).toMatch(KEBAB);
      }
    });

    it('respects the domain rules on evidence', () => {
      for (const e of evidence) {
        expect(['SUPPORTS', 'UNDERMINES']).toContain(e.stance);
        expect(trimmedLength(e.summary)).toBeGreaterThanOrEqual(3);
        expect(trimmedLength(e.summary)).toBeLessThanOrEqual(2000);
        expect(Boolean(e.citation.url) || Boolean(e.citation.title)).toBe(true);
        if (e.reliability !== undefined) {
          expect(e.reliability).toBeGreaterThanOrEqual(0);
          expect(e.reliability).toBeLessThanOrEqual(1);
        }
      }
    });

    it('respects the domain rules on counterpoints, with some resolved and at least two left open', () => {
      for (const c of counterpoints) {
        expect(trimmedLength(c.text)).toBeGreaterThanOrEqual(3);
        expect(trimmedLength(c.text)).toBeLessThanOrEqual(2000);
        if (c.citation) expect(Boolean(c.citation.url) || Boolean(c.citation.title)).toBe(true);
        if (c.resolution) {
          expect(['ANSWERED', 'CONCEDED', 'DISMISSED']).toContain(c.resolution.resolution);
          expect(trimmedLength(c.resolution.response)).toBeGreaterThanOrEqual(3);
        }
      }
      expect(counterpoints.filter((c) => c.resolution === undefined).length).toBeGreaterThanOrEqual(2);
      expect(counterpoints.some((c) => c.resolution !== undefined)).toBe(true);
    });

    it('uses only known relation kinds and verdicts, with confidence in [0,1] and a rationale', () => {
      for (const r of relations)
        expect(['SUPPORTS', 'ATTACKS', 'UNDERCUTS', 'REFINES', 'DUPLICATES']).toContain(r.kind);
      for (const a of assessments) {
        expect([
          'ACCURATE',
          'MOSTLY_ACCURATE',
          'MIXED',
          'MISLEADING',
          'INACCURATE',
          'UNSUPPORTED',
          'OPINION',
        ]).toContain(a.verdict);
        expect(a.confidence).toBeGreaterThanOrEqual(0);
        expect(a.confidence).toBeLessThanOrEqual(1);
        expect(trimmedLength(a.rationale)).toBeGreaterThanOrEqual(3);
      }
    });
  });

  describe('source', () => {
    it('carries the column metadata and no invented URL', () => {
      expect(source.title).toBe(TITLE);
      expect(source.author).toBe(AUTHOR);
      expect(source.publisher).toBe(PUBLISHER);
      expect(source.publishedAt).toBe(PUBLISHED_AT);
      expect(source.language).toBe('en');
      // The seed file does not contain the article URL, so none may be given.
      if (source.url !== undefined) expect(opEd).toContain(source.url);
    });

    it('keeps the article body verbatim: an exact slice of the seed op-ed, without site chrome', () => {
      expect(text.length).toBeGreaterThan(5000);
      expect(opEd).toContain(text);
      expect(text.startsWith('While Moscow revives its Eurasian vision')).toBe(true);
      expect(text.endsWith('risen from a passive buffer zone to a balancing actor.')).toBe(true);
      for (const chrome of [
        'Daily Sabah logo',
        'About the author',
        'KEYWORDS',
        'Newsletter',
        '(EPA Photo)',
        '•',
      ]) {
        expect(text).not.toContain(chrome);
      }
    });
  });

  describe('quotes', () => {
    it('anchors every claim to exactly one place in the source text', () => {
      for (const c of claims) {
        expect(c.quote).toBeDefined();
        expect(c.source).toBe(source.id);
        const q = c.quote as Quote;
        expect(text).toContain(q.exact);
        if (q.prefix !== undefined) expect([...q.prefix].length).toBeLessThanOrEqual(32);
        if (q.suffix !== undefined) expect([...q.suffix].length).toBeLessThanOrEqual(32);
        expect({ claim: c.id, matches: anchorMatches(text, q).length }).toEqual({ claim: c.id, matches: 1 });
      }
    });

    it('anchors every claim quote with the domain anchoring at the same place', () => {
      for (const c of claims) {
        const q = c.quote as Quote;
        const anchored = anchorQuote(text, q);
        expect(anchored.start).toBe(anchorMatches(text, q)[0]);
        expect(text.slice(anchored.start, anchored.end)).toBe(q.exact);
      }
    });

    it('quotes the source exactly in every evidence and counterpoint citation', () => {
      const citations = [
        ...evidence.map((e) => e.citation),
        ...counterpoints.flatMap((c) => (c.citation ? [c.citation] : [])),
      ];
      for (const citation of citations) {
        if (citation.quote !== undefined) expect(text).toContain(citation.quote);
      }
      // Nothing is invented: each evidence item cites the column itself with its metadata.
      for (const citation of citations) {
        expect(citation.url).toBeUndefined();
        expect(citation.title).toBe(TITLE);
        expect(citation.author).toBe(AUTHOR);
        expect(citation.publisher).toBe(PUBLISHER);
        expect(citation.publishedAt).toBe(PUBLISHED_AT);
        expect(typeof citation.quote).toBe('string');
      }
    });

    it('attributes every claim to the author', () => {
      for (const c of claims) expect(c.attributedTo).toBe(AUTHOR);
    });
  });
});
