import { describe, expect, it } from '@jest/globals';
import { buildSchema, isEnumType, Kind, parse, validate } from 'graphql';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as operations from '../../web/src/operations.js';
import { ENUMS } from '../../web/src/types.js';

/**
 * The web app's GraphQL documents against the real API: every document in web/src/operations.ts parses and
 * validates against schema.gql, and no document lives anywhere else in web/src.
 */
/** Test servers rewrite schema.gql when they start; a read that races a rewrite is retried. */
const loadSchema = () => {
  for (let attempt = 1; ; attempt++) {
    try {
      return buildSchema(readFileSync('schema.gql', 'utf8'));
    } catch (error) {
      if (attempt >= 20) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
};
const schema = loadSchema();
const WEB_SRC = join(process.cwd(), 'web', 'src');

const documents = Object.entries(operations).filter(
  (entry): entry is [string, string] => typeof entry[1] === 'string',
);

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|tsx)$/.test(name) ? [path] : [];
  });

describe('web/src/operations.ts against schema.gql', () => {
  it('exports the documents the app needs', () => {
    expect(documents.length).toBeGreaterThanOrEqual(20);
  });

  it.each(documents)('%s parses and validates', (_name, document) => {
    const parsed = parse(document);
    const errors = validate(schema, parsed);
    expect(errors.map((error) => error.message)).toEqual([]);
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

  it('keeps every gql document in operations.ts', () => {
    const operationsFile = join(WEB_SRC, 'operations.ts');
    const tagged = /(?<!`)\bgql\s*(<[^`]*?>)?\s*`/g;
    for (const file of sourceFiles(WEB_SRC)) {
      const text = readFileSync(file, 'utf8');
      const count = [...text.matchAll(tagged)].length;
      if (file === operationsFile) expect(count).toBe(documents.length);
      else
        expect({ file: relative(WEB_SRC, file), gqlDocuments: count }).toEqual({
          file: relative(WEB_SRC, file),
          gqlDocuments: 0,
        });
      // Nor any untagged document.
      if (file !== operationsFile)
        expect(/\b(query|mutation|subscription)\s+[A-Z]\w*\s*[({]/.test(text)).toBe(false);
    }
  });

  it('offers exactly the enum values the schema has', () => {
    for (const [name, values] of Object.entries(ENUMS)) {
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
