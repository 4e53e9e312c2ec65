import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SourceMetadataField } from '../sources/domain/source.values.js';
import { childPath, type ImportProblem } from './import-problem.js';
import { jsonErrorOffset, lineAndColumn } from './json-syntax.js';
import { isJsonObject, JsonSchemaValidator, type Json, type JsonObject } from './json-schema.js';

/**
 * The `claimtrail-bundle` format (docs/bundle-format.md). docs/bundle.schema.json is its single definition:
 * the importer validates against that file, read at run time, rather than against a copy of it.
 */

// Two levels up from src/import/ and from dist/import/ alike.
const PACKAGE_ROOT = new URL('../../', import.meta.url);
export const BUNDLE_SCHEMA_FILE = fileURLToPath(new URL('docs/bundle.schema.json', PACKAGE_ROOT));
export const DEMO_BUNDLE_FILE = fileURLToPath(
  new URL('fixtures/central-asia-russia-summit.json', PACKAGE_ROOT),
);

export interface BundleQuote {
  readonly exact: string;
  readonly prefix?: string;
  readonly suffix?: string;
}

export interface BundleCitation {
  readonly url?: string;
  readonly title?: string;
  readonly publisher?: string;
  readonly author?: string;
  readonly publishedAt?: string;
  readonly accessedAt?: string;
  readonly quote?: string;
}

/** A source as a bundle writes it: its metadata fields (docs/bundle-format.md), absent rather than null. */
export type BundleSource = { readonly id: string; readonly title: string; readonly text?: string } & {
  readonly [Field in Exclude<SourceMetadataField, 'title'>]?: string;
};

export interface BundleClaim {
  readonly id: string;
  readonly statement: string;
  readonly tags?: readonly string[];
  readonly attributedTo?: string;
  readonly source?: string;
  readonly quote?: BundleQuote;
  readonly note?: string;
}

export interface BundleEvidence {
  readonly id: string;
  readonly claim: string;
  readonly stance: 'SUPPORTS' | 'UNDERMINES';
  readonly summary: string;
  readonly citation: BundleCitation;
  readonly reliability?: number;
}

export interface BundleCounterpoint {
  readonly id: string;
  readonly claim: string;
  readonly text: string;
  readonly citation?: BundleCitation;
  readonly resolution?: {
    readonly resolution: 'ANSWERED' | 'CONCEDED' | 'DISMISSED';
    readonly response: string;
  };
  /** Instead of `resolution`: every response and rebuttal, in order (docs/bundle-format.md). */
  readonly thread?: readonly BundleThreadEntry[];
}

export type BundleThreadEntry =
  | { readonly kind: 'ANSWER' | 'CONCESSION' | 'DISMISSAL'; readonly text: string }
  | { readonly kind: 'REBUTTAL'; readonly text: string; readonly reason: string };

export interface BundleRelation {
  readonly from: string;
  readonly to: string;
  readonly kind: 'SUPPORTS' | 'ATTACKS' | 'UNDERCUTS' | 'REFINES' | 'DUPLICATES';
  readonly rationale?: string;
}

export interface BundleAssessment {
  readonly claim: string;
  readonly verdict:
    'ACCURATE' | 'MOSTLY_ACCURATE' | 'MIXED' | 'MISLEADING' | 'INACCURATE' | 'UNSUPPORTED' | 'OPINION';
  readonly confidence: number;
  readonly rationale: string;
}

/** Item collections in import order (docs/bundle-format.md, "Import order"). */
export const COLLECTIONS = [
  'sources',
  'claims',
  'evidence',
  'counterpoints',
  'relations',
  'assessments',
] as const;
export type Collection = (typeof COLLECTIONS)[number];

/** An item of a bundle that may not be valid yet: its index, its JSON path, the raw value. */
export interface BundleItem {
  readonly collection: Collection;
  readonly index: number;
  readonly path: string;
  readonly value: JsonObject;
}

/** The object items of one collection; anything else in it is a schema problem reported elsewhere. */
export const itemsOf = (bundle: JsonObject, collection: Collection): BundleItem[] => {
  const values = bundle[collection];
  if (!Array.isArray(values)) return [];
  return values.flatMap((value, index) =>
    isJsonObject(value) ? [{ collection, index, path: `$.${collection}[${index}]`, value }] : [],
  );
};

export const stringField = (item: JsonObject, name: string): string | undefined => {
  const value = item[name];
  return typeof value === 'string' ? value : undefined;
};

let validator: JsonSchemaValidator | undefined;

/** The validator for docs/bundle.schema.json, read once. */
export const bundleSchemaValidator = (): JsonSchemaValidator => {
  if (!validator) {
    let text: string;
    try {
      text = readFileSync(BUNDLE_SCHEMA_FILE, 'utf8');
    } catch (error) {
      throw new Error(`cannot read the bundle schema ${BUNDLE_SCHEMA_FILE}: ${(error as Error).message}`);
    }
    validator = new JsonSchemaValidator(JSON.parse(text) as JsonObject);
  }
  return validator;
};

export type ParsedJson =
  | { readonly ok: true; readonly value: Json }
  | { readonly ok: false; readonly problems: readonly ImportProblem[] };

/**
 * Deeper than any bundle is ($.counterpoints[0].resolution.response, 4 levels): what reads a bundle (the
 * schema check, the digest) recurses into it, and 100,000 levels of `[` exhausted the stack.
 */
export const BUNDLE_MAX_DEPTH = 32;

/** The JSON paths where `value` first goes deeper than BUNDLE_MAX_DEPTH, in document order; no recursion. */
const tooDeep = (value: Json): ImportProblem[] => {
  const problems: ImportProblem[] = [];
  const pending: Array<{ value: Json; path: string; depth: number }> = [{ value, path: '$', depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next.value === null || typeof next.value !== 'object') continue;
    if (next.depth >= BUNDLE_MAX_DEPTH) {
      problems.push({
        path: next.path,
        message: `nested more than ${BUNDLE_MAX_DEPTH} levels deep; a bundle's items are at most 4 levels deep`,
      });
      continue;
    }
    const children: Array<[string | number, Json]> = Array.isArray(next.value)
      ? next.value.map((child, index) => [index, child])
      : Object.entries(next.value);
    for (let index = children.length - 1; index >= 0; index--) {
      const [key, child] = children[index]!;
      pending.push({ value: child, path: childPath(next.path, key), depth: next.depth + 1 });
    }
  }
  return problems;
};

/** The bundle's JSON, or its problems: where the text is not JSON (line and column), or nests too deep. */
export const parseBundleJson = (text: string): ParsedJson => {
  let value: Json;
  try {
    value = JSON.parse(text) as Json;
  } catch (error) {
    const offset = jsonErrorOffset(text);
    const place = offset === undefined ? undefined : lineAndColumn(text, offset);
    const where = place ? ` at line ${place.line}, column ${place.column}` : '';
    return {
      ok: false,
      problems: [{ path: '$', message: `not valid JSON${where}: ${(error as Error).message}` }],
    };
  }
  const deep = tooDeep(value);
  return deep.length > 0 ? { ok: false, problems: deep } : { ok: true, value };
};

/**
 * Identifies one bundle's content, whatever its layout: the digest of its JSON as parsed, so the same
 * bundle re-indented is still the same import, and any edit to an item makes a new one.
 */
export const bundleDigest = (bundle: Json): string =>
  createHash('sha256').update(JSON.stringify(bundle)).digest('hex').slice(0, 20);
