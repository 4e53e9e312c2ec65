import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse } from 'graphql';
import { readFileSync } from 'node:fs';
import { queryCost } from '../../src/graphql/query-cost.js';

/**
 * The static cost estimate against the committed schema (schema.gql, what the server serves): what each
 * kind of field is charged, and that pricing stays linear in the document however its fragments nest.
 */

const schema = buildSchema(readFileSync('schema.gql', 'utf8'));
const cost = (document: string, variables: Record<string, unknown> | undefined = {}, operation?: string) =>
  queryCost(schema, parse(document), variables, operation);

const fragmentBomb = (levels: number) =>
  `query { ...F0 } ${Array.from(
    { length: levels },
    (_, index) =>
      `fragment F${index} on Query { viewer { id } ${index + 1 < levels ? `...F${index + 1} ...F${index + 1}` : ''} }`,
  ).join(' ')}`;

describe('queryCost', () => {
  it('charges 1 per field and multiplies a connection by its page, its edges not a second time', () => {
    expect(cost('{ viewer { id role } }')).toBe(3);
    // claims 1 + 7 × (edges 1 + node (1 + id 1 + statement 1))
    expect(cost('{ claims(first: 7) { edges { node { id statement } } } }')).toBe(1 + 7 * (1 + 3));
  });

  it("takes `first` from a literal, a variable, the variable's default and the argument's default", () => {
    const page = (first: string) => `{ claims${first} { edges { node { id } } } }`;
    const per = 1 + 2;
    expect(cost(page('(first: 40)'))).toBe(1 + 40 * per);
    expect(cost(`query($n: Int) ${page('(first: $n)')}`, { n: 40 })).toBe(1 + 40 * per);
    expect(cost(`query($n: Int = 300) ${page('(first: $n)')}`)).toBe(1 + 300 * per);
    expect(cost(`query($n: Int = 300) ${page('(first: $n)')}`, { n: 5 })).toBe(1 + 5 * per);
    // Omitted variable without a default: the argument's default, 20 for claims.
    expect(cost(`query($n: Int) ${page('(first: $n)')}`)).toBe(1 + 20 * per);
    expect(cost(page(''))).toBe(1 + 20 * per);
    // auditTrail defaults to 50; history has no schema default and its resolver gives 50.
    expect(cost('{ auditTrail { edges { node { type } } } }')).toBe(1 + 50 * (1 + 2));
    expect(cost('{ claim(id: "x") { history { edges { node { type } } } } }')).toBe(1 + 1 + 50 * (1 + 2));
  });

  it('caps a page at 500 and charges the cap when the variables are not known', () => {
    expect(cost('{ claims(first: 100000) { totalCount } }')).toBe(1 + 500);
    const unknown = parse('query($n: Int) { claims(first: $n) { totalCount } }');
    expect(queryCost(schema, unknown, undefined)).toBe(1 + 500);
  });

  it('charges lists without a page at 10 items, and large leaves by their weight', () => {
    expect(cost('{ claim(id: "x") { evidence { id } } }')).toBe(1 + 1 + 10 * 1);
    expect(cost('{ source(id: "x") { text } }')).toBe(1 + 1000);
    expect(cost('{ auditTrail(first: 1) { edges { node { data } } } }')).toBe(1 + 1 * (1 + 1 + 10));
  });

  it('prices the operation that runs when the document names several', () => {
    const document = 'query Small { viewer { id } } query Large { claims(first: 500) { totalCount } }';
    expect(cost(document, {}, 'Small')).toBe(2);
    expect(cost(document, {}, 'Large')).toBe(501);
    expect(cost(document, {})).toBe(501);
  });

  it('prices a fragment once however often it is spread: 200 levels of doubling spreads end at once', () => {
    // Expanded, this is 2^200 fields: a walk that re-priced each spread would never return.
    const priced = cost(fragmentBomb(200));
    expect(priced).toBeGreaterThan(2 ** 199);
    expect(cost(fragmentBomb(10))).toBe(2 * (2 ** 10 - 1));
  });

  it('ends on fragments that spread each other (invalid, refused by validation, but priced first)', () => {
    expect(
      cost('query { viewer { ...A } } fragment A on Actor { id ...B } fragment B on Actor { role ...A }'),
    ).toBe(3);
  });
});
