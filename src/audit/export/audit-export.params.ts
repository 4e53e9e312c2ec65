import { ValidationError } from '../../event-sourcing/errors.js';
import { isId } from '../../event-sourcing/id-kinds.js';
import { isIsoDateTimeWithZone } from '../../event-sourcing/date-time.js';
import { isSafeText } from '../../event-sourcing/text-rules.js';
import type { AuditFilter, AuditOrder } from '../read-model/audit.queries.js';

export interface AuditExportRequest {
  readonly filter: AuditFilter;
  readonly order: AuditOrder;
}

const PARAMETERS = ['subjectId', 'actorId', 'types', 'from', 'to', 'order'] as const;
type Parameter = (typeof PARAMETERS)[number];

// The same shapes the GraphQL AuditFilter input accepts (audit.inputs.ts).
const EVENT_TYPE = /^[A-Z][A-Za-z0-9]{0,99}$/;
const MAX_TYPES = 50;
const MAX_ACTOR_ID = 200;

const ORDERS: Readonly<Record<string, AuditOrder>> = {
  NEWEST_FIRST: 'NEWEST_FIRST',
  OLDEST_FIRST: 'OLDEST_FIRST',
};

type QueryValue = string | readonly string[] | undefined;

/** A parameter given once; a repeated one would be ambiguous and is refused. */
const single = (
  query: Readonly<Record<string, QueryValue>>,
  name: Exclude<Parameter, 'types'>,
): string | undefined => {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new ValidationError(`${name} may be given only once`, name);
  return value;
};

const time = (query: Readonly<Record<string, QueryValue>>, name: 'from' | 'to'): string | undefined => {
  const value = single(query, name);
  if (value !== undefined && !isIsoDateTimeWithZone(value)) {
    throw new ValidationError(
      `${name} must be an ISO-8601 date-time with a time zone, e.g. 2025-10-28T00:05:00+03:00`,
      name,
    );
  }
  return value;
};

/**
 * The query string of /export/audit.ndjson as an audit filter: `subjectId`, `actorId`, `types` (comma-separated
 * and/or repeated), `from`, `to` and `order` (NEWEST_FIRST, the default, or OLDEST_FIRST). Anything else is
 * refused rather than ignored, so a misspelt filter never exports more than was asked for.
 */
export const parseAuditExportQuery = (raw: unknown): AuditExportRequest => {
  const query = (raw ?? {}) as Readonly<Record<string, QueryValue>>;
  const unknown = Object.keys(query).find((name) => !(PARAMETERS as readonly string[]).includes(name));
  if (unknown !== undefined) {
    throw new ValidationError(
      `unknown parameter "${unknown.slice(0, 50)}"; the filters are ${PARAMETERS.join(', ')}`,
      unknown.slice(0, 50),
    );
  }
  const subjectId = single(query, 'subjectId');
  if (subjectId !== undefined && !isId(subjectId, 'claim') && !isId(subjectId, 'source')) {
    throw new ValidationError('subjectId must be a claim (clm_…) or source (src_…) id', 'subjectId');
  }
  const actorId = single(query, 'actorId');
  if (actorId !== undefined && (actorId === '' || actorId.length > MAX_ACTOR_ID || !isSafeText(actorId))) {
    throw new ValidationError(`actorId must be 1–${MAX_ACTOR_ID} characters of plain text`, 'actorId');
  }
  const given = query['types'];
  const types = (given === undefined ? [] : typeof given === 'string' ? [given] : given)
    .flatMap((value) => value.split(','))
    .map((type) => type.trim())
    .filter((type) => type !== '');
  if (types.length > MAX_TYPES) throw new ValidationError(`at most ${MAX_TYPES} types`, 'types');
  const badType = types.find((type) => !EVENT_TYPE.test(type));
  if (badType !== undefined) {
    throw new ValidationError(
      `"${badType.slice(0, 100)}" is not an event type name such as EvidenceAttached`,
      'types',
    );
  }
  const orderName = single(query, 'order');
  const order = orderName === undefined ? 'NEWEST_FIRST' : ORDERS[orderName.toUpperCase()];
  if (order === undefined) throw new ValidationError('order must be NEWEST_FIRST or OLDEST_FIRST', 'order');
  return {
    filter: {
      subjectId,
      actorId,
      types: types.length > 0 ? types : undefined,
      from: time(query, 'from'),
      to: time(query, 'to'),
    },
    order,
  };
};
