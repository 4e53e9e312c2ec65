import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SourceMetadataField } from '../sources/domain/source.values.js';
import type { ImportProblem } from './import-problem.js';
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
  { readonly ok: true; readonly value: Json } | { readonly ok: false; readonly problem: ImportProblem };

export const parseBundleJson = (text: string): ParsedJson => {
  try {
    return { ok: true, value: JSON.parse(text) as Json };
  } catch (error) {
    return { ok: false, problem: { path: '$', message: `not valid JSON: ${(error as Error).message}` } };
  }
};

/**
 * Identifies one bundle's content, whatever its layout: the digest of its JSON as parsed, so the same
 * bundle re-indented is still the same import, and any edit to an item makes a new one.
 */
export const bundleDigest = (bundle: Json): string =>
  createHash('sha256').update(JSON.stringify(bundle)).digest('hex').slice(0, 20);
