import { applyDecorators } from '@nestjs/common';
import { Field, Float, ID } from '@nestjs/graphql';
import { IsEnum, IsOptional, ValidateBy, type ValidationOptions } from 'class-validator';
import { tagProblem } from '../claims/domain/claim.values.js';
import { DATE_TIME_PROBLEM, isIsoDateTimeWithZone } from '../event-sourcing/date-time.js';
import { httpUrlProblem, unitIntervalProblem } from '../event-sourcing/guards.js';
import { ID_PREFIXES, isId, type IdKind } from '../event-sourcing/id-kinds.js';
import {
  isSafeText,
  optionalTextProblem,
  requiredTextProblem,
  verbatimTextProblem,
  type LengthBounds,
} from '../event-sourcing/text-rules.js';
import { DateTimeScalar } from './scalars.js';

/**
 * Input-shape checks for the `@InputType` DTOs (STYLE: shape at the edge, invariants in `decide`). The DTOs
 * hold no rule of their own: each field names a rule of the domain (a problem function: what is wrong with
 * a value, or undefined), and the API refuses exactly what the deciders and the import refuse, in the same
 * words. Each decorator takes class-validator's options, so `{ each: true }` applies it to every item of a
 * list.
 */

/** What is wrong with an input value, or undefined when it keeps the rule. */
export type Rule = (value: unknown) => string | undefined;

export const Satisfies = (rule: Rule, options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'domainRule',
      validator: {
        validate: (value: unknown) => rule(value) === undefined,
        defaultMessage: (args) => `${args?.property ?? 'value'} ${rule(args?.value) ?? 'is invalid'}`,
      },
    },
    options,
  );

const asString =
  (rule: (value: string) => string | undefined): Rule =>
  (value) =>
    typeof value === 'string' ? rule(value) : 'must be a string';

/** The domain's text rules (event-sourcing/text-rules.ts), as input rules. */
export const requiredText = (bounds: LengthBounds): Rule =>
  asString((value) => requiredTextProblem(value, bounds));
export const optionalText = (max: number): Rule => asString((value) => optionalTextProblem(value, max));
export const verbatimText = (max: number): Rule => asString((value) => verbatimTextProblem(value, max));
export const safeText: Rule = asString((value) =>
  isSafeText(value)
    ? undefined
    : 'must not contain control characters (other than tab and newlines), bidirectional overrides or lone surrogates',
);
/** Optional fields where the domain takes a blank as absent (`optionalHttpUrl`, a source's language). */
export const blankOr =
  (rule: (value: string) => string | undefined): Rule =>
  (value) =>
    typeof value === 'string' && value.trim().length === 0 ? undefined : asString(rule)(value);
export const httpUrl: Rule = blankOr(httpUrlProblem);
export const dateTime: Rule = asString((value) =>
  isIsoDateTimeWithZone(value) ? undefined : DATE_TIME_PROBLEM,
);
export const unitInterval: Rule = (value) =>
  typeof value === 'number' ? unitIntervalProblem(value) : 'must be a number';

/** A prefixed ULID of one of the given kinds, e.g. `clm_01JB…` for a claim (docs/architecture.md §3). */
export const prefixedId = (kinds: IdKind | readonly IdKind[]): Rule => {
  const allowed: readonly IdKind[] = typeof kinds === 'string' ? [kinds] : kinds;
  const prefixes = allowed.map((kind) => `${ID_PREFIXES[kind]}_`).join(' or ');
  return (value) =>
    typeof value === 'string' && allowed.some((kind) => isId(value, kind))
      ? undefined
      : `must be an id of the form ${prefixes} followed by a 26-character ULID`;
};

interface FieldOptions {
  readonly nullable?: boolean;
  readonly description?: string;
}

const optional = (options: FieldOptions) => (options.nullable ? [IsOptional()] : []);
const graphqlOptions = ({ nullable, description }: FieldOptions) => ({
  ...(nullable ? { nullable } : {}),
  ...(description ? { description } : {}),
});

/** A String field, checked by one domain rule. */
export const TextField = (rule: Rule, options: FieldOptions = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => String, graphqlOptions(options)),
    ...optional(options),
    Satisfies(rule),
  );

/** An ID field holding a prefixed id of the given kinds. */
export const IdField = (kinds: IdKind | readonly IdKind[], options: FieldOptions = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => ID, graphqlOptions(options)),
    ...optional(options),
    Satisfies(prefixedId(kinds)),
  );

/** A DateTime field (the scalar parses it; the rule is the domain's). */
export const DateTimeField = (options: FieldOptions = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => DateTimeScalar, graphqlOptions(options)),
    ...optional(options),
    Satisfies(dateTime),
  );

/** A field of a GraphQL enum (GraphQL checks the value; so does class-validator, for inputs from elsewhere). */
export const EnumField = (type: object, options: FieldOptions = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => type, graphqlOptions(options)),
    ...optional(options),
    IsEnum(type),
  );

/** A number from 0 to 1 (a confidence, a reliability). */
export const UnitIntervalField = (options: FieldOptions = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => Float, graphqlOptions(options)),
    ...optional(options),
    Satisfies(unitInterval),
  );

export const IsPrefixedId = (
  kinds: IdKind | readonly IdKind[],
  options?: ValidationOptions,
): PropertyDecorator => Satisfies(prefixedId(kinds), options);
export const IsIsoDateTime = (options?: ValidationOptions): PropertyDecorator => Satisfies(dateTime, options);
export const SafeText = (options?: ValidationOptions): PropertyDecorator => Satisfies(safeText, options);
export const IsTag = (options?: ValidationOptions): PropertyDecorator =>
  Satisfies(asString(tagProblem), options);
