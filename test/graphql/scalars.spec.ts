import { describe, expect, it } from '@jest/globals';
import {
  graphql,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parseValue,
  type GraphQLError,
} from 'graphql';
import { nodeTypeName } from '../../src/graphql/node.interface.js';
import { isIsoDateTimeWithZone } from '../../src/event-sourcing/date-time.js';
import { DateTimeScalar, JsonScalar } from '../../src/graphql/scalars.js';

// A one-field schema that echoes its arguments, so the scalars run inside graphql-js as they do in the server.
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      echo: {
        type: GraphQLString,
        args: { at: { type: DateTimeScalar }, data: { type: JsonScalar } },
        resolve: (_root, args: { at?: string; data?: unknown }) =>
          JSON.stringify([args.at ?? null, args.data ?? null]),
      },
      now: { type: DateTimeScalar, resolve: () => new Date(Date.UTC(2025, 9, 28, 0, 5)) },
    },
  }),
});

const run = (source: string, variableValues?: Record<string, unknown>) =>
  graphql({ schema, source, variableValues });
const codes = (errors: readonly GraphQLError[] | undefined) =>
  errors?.map((error) => error.extensions['code']);

describe('DateTime scalar', () => {
  it.each([
    '2025-10-28T00:05:00+03:00',
    '2025-10-28T00:05:00Z',
    '2025-10-28T00:05Z',
    '2025-10-28T00:05:00.123456789-11:30',
    '2024-02-29T23:59:59Z',
  ])('accepts %s and keeps it as given', async (value) => {
    expect(isIsoDateTimeWithZone(value)).toBe(true);
    const result = await run('query ($at: DateTime) { echo(at: $at) }', { at: value });
    expect(result).toEqual({ data: { echo: JSON.stringify([value, null]) } });
  });

  it.each([
    ['a date without a time', '2025-10-28'],
    ['a time without a zone', '2025-10-28T00:05:00'],
    ['a space instead of T', '2025-10-28 00:05:00Z'],
    ['February 30', '2025-02-30T00:00:00Z'],
    ['February 29 of a common year', '2025-02-29T00:00:00Z'],
    ['hour 24', '2025-10-28T24:00:00Z'],
    ['an offset of 24 hours', '2025-10-28T00:00:00+24:00'],
    ['an offset without a colon', '2025-10-28T00:00:00+0300'],
    ['surrounding whitespace', ' 2025-10-28T00:05:00Z'],
    ['prose', 'yesterday'],
  ])('rejects %s with BAD_USER_INPUT, as a variable and as a literal', async (_case, value) => {
    expect(isIsoDateTimeWithZone(value)).toBe(false);
    const asVariable = await run('query ($at: DateTime) { echo(at: $at) }', { at: value });
    expect(codes(asVariable.errors)).toEqual(['BAD_USER_INPUT']);
    const asLiteral = await run(`{ echo(at: ${JSON.stringify(value)}) }`);
    expect(codes(asLiteral.errors)).toEqual(['BAD_USER_INPUT']);
  });

  it('rejects a number with BAD_USER_INPUT', async () => {
    expect(codes((await run('{ echo(at: 1761609900) }')).errors)).toEqual(['BAD_USER_INPUT']);
    expect(codes((await run('query ($at: DateTime) { echo(at: $at) }', { at: 1761609900 })).errors)).toEqual([
      'BAD_USER_INPUT',
    ]);
  });

  it('serialises Dates and plain dates as ISO strings in UTC, and keeps zoned strings as they are', async () => {
    expect(await run('{ now }')).toEqual({ data: { now: '2025-10-28T00:05:00.000Z' } });
    expect(DateTimeScalar.serialize('2025-10-28T00:05:00+03:00')).toBe('2025-10-28T00:05:00+03:00');
    expect(DateTimeScalar.serialize('2025-10-28')).toBe('2025-10-28T00:00:00.000Z');
    expect(() => DateTimeScalar.serialize('not a date')).toThrow('DateTime cannot represent');
  });

  it("serialises the read model's own form (toISOString) as it is, and anything like it but not a real instant as before", () => {
    for (let step = 0; step < 2000; step++) {
      // Instants spread over four centuries, leap days and month ends included.
      const stored = new Date(Date.UTC(1900, 0, 1) + step * 6_311_233_777).toISOString();
      expect(DateTimeScalar.serialize(stored)).toBe(stored);
    }
    expect(DateTimeScalar.serialize('2024-02-29T23:59:59.999Z')).toBe('2024-02-29T23:59:59.999Z');
    expect(DateTimeScalar.serialize('0000-02-29T00:00:00.000Z')).toBe('0000-02-29T00:00:00.000Z');
    // Not calendar dates or times: read as Date reads them, as any string that is not an ISO date-time is.
    expect(DateTimeScalar.serialize('2025-02-30T00:00:00.000Z')).toBe('2025-03-02T00:00:00.000Z');
    expect(DateTimeScalar.serialize('2025-10-28T24:00:00.000Z')).toBe('2025-10-29T00:00:00.000Z');
    expect(() => DateTimeScalar.serialize('2025-1a-28T00:00:00.000Z')).toThrow('DateTime cannot represent');
    expect(() => DateTimeScalar.serialize('2025-10-28T00:05:60.000Z')).toThrow('DateTime cannot represent');
    expect(() => DateTimeScalar.serialize('2025-10-28T00:05:00.00:Z')).toThrow('DateTime cannot represent');
  });
});

describe('JSON scalar', () => {
  it('passes variables through and reads literals of every kind', async () => {
    const data = { list: [1, 2.5, 'three', true, null], nested: { deep: { x: 1 } } };
    expect(await run('query ($data: JSON) { echo(data: $data) }', { data })).toEqual({
      data: { echo: JSON.stringify([null, data]) },
    });
    expect(
      await run('{ echo(data: { list: [1, 2.5, "three", true, null], nested: { deep: { x: 1 } } }) }'),
    ).toEqual({
      data: { echo: JSON.stringify([null, data]) },
    });
    expect(JsonScalar.parseLiteral(parseValue('{ a: $v }'), { v: [1] })).toEqual({ a: [1] });
  });
});

describe('Node', () => {
  it('tells the type from the id prefix', () => {
    expect(nodeTypeName('clm_01JB8ZK5Q3X9T6V2W4Y7N0M1PA')).toBe('Claim');
    expect(nodeTypeName('src_01JB8ZK5Q3X9T6V2W4Y7N0M1PA')).toBe('Source');
    expect(nodeTypeName('evd_01JB8ZK5Q3X9T6V2W4Y7N0M1PA')).toBeUndefined();
  });
});
