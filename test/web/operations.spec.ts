import { describe, expect, it } from '@jest/globals';
import { buildSchema, isEnumType, Kind, parse, validate } from 'graphql';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as generated from '../../web/src/generated/graphql.js';
import * as domain from '../../web/src/domain.js';
import { generate, OUTPUT } from '../../web/scripts/generate-types.mjs';

/**
 * The web app's GraphQL documents against the real API. Every document lives in web/src/operations.graphql;
 * `npm run codegen:web` turns it and schema.gql into web/src/generated/graphql.ts, which the app imports.
 * Here: the generated file is what a fresh generation gives (so a changed schema or document fails CI until
 * it is regenerated), every generated document parses and validates against schema.gql, and no document is
 * written anywhere else in web/src.
 */

/** Test servers rewrite schema.gql when they start: read until two reads agree and the text parses. */
const readSchemaText = (): string => {
  for (let attempt = 1; ; attempt++) {
    try {
      const first = readFileSync('schema.gql', 'utf8');
      buildSchema(first);
      if (readFileSync('schema.gql', 'utf8') === first) return first;
    } catch (error) {
      if (attempt >= 20) throw error;
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  }
};
const schemaText = readSchemaText();
const schema = buildSchema(schemaText);
const WEB_SRC = join(process.cwd(), 'web', 'src');
const GENERATED_DIR = join(WEB_SRC, 'generated');

/** The operations the app sends: the generated `…Document` exports (fragments ride inside them). */
const documents = Object.entries(generated)
  .filter(([name, value]) => name.endsWith('Document') && value instanceof generated.TypedDocumentString)
  .map(([name, value]) => [name, String(value)] as const);

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : [path];
  });

describe('web/src/operations.graphql against schema.gql', () => {
  it('has generated web/src/generated/graphql.ts as a fresh generation gives it', async () => {
    const fresh = await generate(schemaText);
    expect(readFileSync(OUTPUT, 'utf8') === fresh ? 'fresh' : 'stale: run npm run codegen:web').toBe('fresh');
  }, 60_000);

  it('generates the documents the app needs', () => {
    expect(documents.length).toBeGreaterThanOrEqual(20);
  });

  it.each(documents)('%s parses and validates', (_name, document) => {
    const parsed = parse(document);
    expect(validate(schema, parsed).map((error) => error.message)).toEqual([]);
    const named = parsed.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
    expect(named).toHaveLength(1);
    expect(named[0]!.kind === Kind.OPERATION_DEFINITION && named[0]!.name?.value).toBeTruthy();
  });

  it('names every operation uniquely', () => {
    const names = documents.map(([, document]) => {
      const definition = parse(document).definitions.find((item) => item.kind === Kind.OPERATION_DEFINITION);
      return definition?.kind === Kind.OPERATION_DEFINITION ? definition.name?.value : undefined;
    });
    expect(new Set(names).size).toBe(names.length);
  });

  it('writes every document in operations.graphql and nowhere else in web/src', () => {
    const operationsFile = join(WEB_SRC, 'operations.graphql');
    const inline = /\b(query|mutation|subscription|fragment)\s+[A-Z]\w*\s*[({]|\bgql\s*(<[^`]*?>)?\s*`/;
    const elsewhere = sourceFiles(WEB_SRC)
      .filter((file) => !file.startsWith(GENERATED_DIR) && file !== operationsFile)
      .filter((file) => /\.(graphql|gql)$/.test(file) || inline.test(readFileSync(file, 'utf8')))
      .map((file) => relative(WEB_SRC, file));
    expect(elsewhere).toEqual([]);
    // …and it holds exactly the operations generated from it.
    const written = parse(readFileSync(operationsFile, 'utf8')).definitions.filter(
      (definition) => definition.kind === Kind.OPERATION_DEFINITION,
    );
    expect(written).toHaveLength(documents.length);
  });

  it('offers, from the domain, exactly the values of each schema enum', () => {
    const lists: Record<string, readonly string[]> = {
      ClaimStatus: domain.CLAIM_STATUSES,
      Stance: domain.STANCES,
      CounterpointResolution: domain.COUNTERPOINT_RESOLUTIONS,
      RelationKind: domain.RELATION_KINDS,
      Verdict: domain.VERDICTS,
      Role: domain.ROLES,
    };
    for (const [name, values] of Object.entries(lists)) {
      const type = schema.getType(name);
      expect(isEnumType(type)).toBe(true);
      if (!isEnumType(type)) continue;
      expect({ name, values: [...values].sort() }).toEqual({
        name,
        values: type
          .getValues()
          .map((value) => value.name)
          .sort(),
      });
    }
  });

  it('reads the source text the reader highlights (Source.text, additive to the contract)', () => {
    expect(validate(schema, parse('{ source(id: "src_x") { text textLength } }'))).toEqual([]);
  });
});
