import { GraphQLError, GraphQLScalarType, Kind, type ASTNode, type ValueNode } from 'graphql';
import { isCalendarDate, isIsoDateTimeWithZone } from '../event-sourcing/date-time.js';

/**
 * The two custom scalars of the contract, as plain GraphQLScalarType instances: `@Field(() => DateTimeScalar)`
 * puts them in the schema without any provider. Nothing may map the JS `Date` type to a scalar of its own
 * (Nest's built-in one is also called DateTime and the names would clash), so fields always name these.
 */

/** The decimal digit at `index` as a number, or NaN: every comparison with NaN is false. */
const digitAt = (value: string, index: number): number => {
  const digit = value.charCodeAt(index) - 48;
  return digit >= 0 && digit <= 9 ? digit : NaN;
};
const twoDigitsAt = (value: string, index: number): number =>
  digitAt(value, index) * 10 + digitAt(value, index + 1);

/**
 * `Date.prototype.toISOString`'s own form, `2025-10-28T00:05:00.000Z`, the form the read model stores every
 * time in: checked character by character, with the same calendar rules as `isIsoDateTimeWithZone`.
 * Serializing runs for every date of every object of a page, and this spares it the regular expression (B5).
 */
const isCanonicalUtc = (value: string): boolean => {
  if (value.length !== 24 || value[4] !== '-' || value[7] !== '-' || value[10] !== 'T' || value[13] !== ':')
    return false;
  if (value[16] !== ':' || value[19] !== '.' || value[23] !== 'Z') return false;
  const year = twoDigitsAt(value, 0) * 100 + twoDigitsAt(value, 2);
  const milliseconds = twoDigitsAt(value, 20) * 10 + digitAt(value, 22);
  return (
    year >= 0 &&
    milliseconds >= 0 &&
    isCalendarDate(year, twoDigitsAt(value, 5), twoDigitsAt(value, 8)) &&
    twoDigitsAt(value, 11) <= 23 &&
    twoDigitsAt(value, 14) <= 59 &&
    twoDigitsAt(value, 17) <= 59
  );
};

const badInput = (message: string, node?: ASTNode): GraphQLError =>
  new GraphQLError(message, { nodes: node, extensions: { code: 'BAD_USER_INPUT' } });

const parseDateTime = (value: unknown, node?: ASTNode): string => {
  if (typeof value !== 'string' || !isIsoDateTimeWithZone(value)) {
    const shown = typeof value === 'string' ? `"${value.slice(0, 64)}"` : typeof value;
    throw badInput(
      `DateTime must be an ISO-8601 date-time with a time zone, e.g. 2025-10-28T00:05:00+03:00, not ${shown}`,
      node,
    );
  }
  // Kept as given: the offset says where the time was observed, which a conversion to UTC would lose.
  return value;
};

const serializeDateTime = (value: unknown): string => {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  if (typeof value === 'string') {
    if (isCanonicalUtc(value) || isIsoDateTimeWithZone(value)) return value;
    // A stored plain date (a source's publishedAt may be one) or another form Date reads: shown in UTC.
    const time = Date.parse(value);
    if (!Number.isNaN(time)) return new Date(time).toISOString();
  }
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value).toISOString();
  throw new GraphQLError(
    `DateTime cannot represent ${typeof value === 'string' ? `"${value}"` : typeof value}`,
  );
};

export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: 'An ISO-8601 date-time with a time zone, e.g. 2025-10-28T00:05:00+03:00',
  serialize: serializeDateTime,
  parseValue: (value) => parseDateTime(value),
  parseLiteral: (node) => {
    if (node.kind !== Kind.STRING) throw badInput(`DateTime must be a string, not ${node.kind}`, node);
    return parseDateTime(node.value, node);
  },
});

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const jsonLiteral = (node: ValueNode, variables: Record<string, unknown> | null | undefined): unknown => {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return node.values.map((item) => jsonLiteral(item, variables));
    case Kind.OBJECT:
      return Object.fromEntries(
        node.fields.map((field) => [field.name.value, jsonLiteral(field.value, variables)]),
      );
    case Kind.VARIABLE:
      return variables?.[node.name.value];
    case Kind.ENUM:
      throw badInput(`JSON cannot represent the enum value ${node.value}; quote it as a string`, node);
  }
};

export const JsonScalar = new GraphQLScalarType<unknown, unknown>({
  name: 'JSON',
  description: 'Any JSON value',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (node, variables) => jsonLiteral(node, variables),
});
