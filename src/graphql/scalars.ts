import { GraphQLError, GraphQLScalarType, Kind, type ASTNode, type ValueNode } from 'graphql';

/**
 * The two custom scalars of the contract, as plain GraphQLScalarType instances: `@Field(() => DateTimeScalar)`
 * puts them in the schema without any provider. Nothing may map the JS `Date` type to a scalar of its own
 * (Nest's built-in one is also called DateTime and the names would clash), so fields always name these.
 */

// RFC 3339 shape: seconds and fractions optional, a time zone required.
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * An ISO-8601 date-time with a time zone (`Z` or `±hh:mm`) that names a real instant. The calendar check is
 * ours because `Date.parse` rolls 2025-02-30 over to March and accepts hour 24.
 */
export const isIsoDateTimeWithZone = (value: string): boolean => {
  const match = ISO_DATE_TIME.exec(value);
  if (!match) return false;
  // Absent seconds and offsets (`Z`) count as zero.
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = match
    .slice(1)
    .map((part) => (part === undefined ? 0 : Number(part)));
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= 23 &&
    offsetMinutes <= 59
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
    if (isIsoDateTimeWithZone(value)) return value;
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
