import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { bundleSchemaValidator } from '../../src/import/bundle.js';
import { JsonSchemaValidator, type Json, type JsonObject } from '../../src/import/json-schema.js';

const fixture = (): JsonObject =>
  JSON.parse(readFileSync('fixtures/central-asia-russia-summit.json', 'utf8')) as JsonObject;
const first = (bundle: JsonObject, collection: string): JsonObject =>
  (bundle[collection] as JsonObject[])[0]!;

describe('JsonSchemaValidator (the subset of draft 2020-12 docs/bundle.schema.json uses)', () => {
  it('accepts the demo bundle', () => {
    expect(bundleSchemaValidator().validate(fixture())).toEqual([]);
  });

  it('reports every problem, each at the JSON path of the offending value', () => {
    const bundle = fixture();
    first(bundle, 'claims').tags = ['ok', 'Not Kebab', 'ok'];
    first(bundle, 'claims').extra = true;
    delete first(bundle, 'claims').quote;
    first(bundle, 'evidence').stance = 'NEUTRAL';
    first(bundle, 'evidence').citation = { quote: 'no url, no title' };
    first(bundle, 'assessments').confidence = 1.5;
    delete first(bundle, 'assessments').rationale;
    first(bundle, 'counterpoints').text = 42;
    (bundle.relations as Json[]).push('not an object');
    expect(bundleSchemaValidator().validate(bundle)).toEqual([
      { path: '$.claims[0].tags[1]', message: '"Not Kebab" does not match ^[a-z0-9]+(-[a-z0-9]+)*$' },
      { path: '$.claims[0].tags[2]', message: 'repeats $.claims[0].tags[0]; items must be unique' },
      { path: '$.claims[0].extra', message: 'is not a known property' },
      { path: '$.claims[0].quote', message: 'is required when source is given' },
      { path: '$.evidence[0].stance', message: 'must be one of SUPPORTS, UNDERMINES, not "NEUTRAL"' },
      {
        path: '$.evidence[0].citation',
        message: 'must satisfy one of: .url is required | .title is required',
      },
      { path: '$.counterpoints[0].text', message: 'must be a string, not integer' },
      { path: '$.relations[23]', message: 'must be an object, not string' },
      { path: '$.assessments[0].rationale', message: 'is required' },
      { path: '$.assessments[0].confidence', message: 'must be at most 1, not 1.5' },
    ]);
  });

  it('counts code points, as JSON Schema does', () => {
    const validator = new JsonSchemaValidator({ type: 'string', minLength: 3, maxLength: 3 });
    expect(validator.validate('😀😀😀')).toEqual([]);
    expect(validator.validate('😀😀')).toEqual([
      { path: '$', message: 'must be at least 3 characters long, not 2' },
    ]);
  });

  it('refuses a schema with a keyword it does not implement, wherever it is, rather than ignore it', () => {
    expect(() => new JsonSchemaValidator({ $defs: { x: { type: 'string', oneOf: [] } } })).toThrow(
      'JSON Schema keyword not supported: oneOf at #/$defs/x',
    );
    expect(() => new JsonSchemaValidator({ $ref: '#/$defs/missing' })).toThrow(
      'dangling $ref #/$defs/missing',
    );
  });
});
