import { IsUrl, MaxLength, ValidateBy, type ValidationOptions } from 'class-validator';
import { ID_PREFIXES, isId, type IdKind } from '../event-sourcing/ids.js';
import { isIsoDateTimeWithZone } from './scalars.js';

/**
 * Input-shape checks shared by the `@InputType` DTOs (STYLE: shape at the edge, invariants in `decide`). Each
 * takes class-validator's options, so `{ each: true }` applies it to every item of a list.
 */

/**
 * Control characters other than tab, line feed and carriage return, and UTF-16 surrogates without their
 * partner: neither belongs in text a person wrote, and a lone surrogate cannot be encoded as UTF-8 at all.
 */
export const isSafeText = (value: string): boolean => {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return false;
    if (code >= 0x7f && code <= 0x9f) return false;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(index + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      index++; // the pair is well formed; skip its low half
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      return false;
    }
  }
  return true;
};

export const SafeText = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'safeText',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isSafeText(value),
        defaultMessage: () =>
          '$property must not contain control characters (other than tab and newlines) or lone surrogates',
      },
    },
    options,
  );

/** A string whose length after trimming lies in [min, max]; whitespace alone never passes. */
export const TrimmedLength = (min: number, max: number, options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'trimmedLength',
      constraints: [min, max],
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') return false;
          const length = value.trim().length;
          return length > 0 && length >= min && length <= max;
        },
        defaultMessage: () => `$property must be ${min}–${max} characters long after trimming, and not blank`,
      },
    },
    options,
  );

/** A prefixed ULID of one of the given kinds, e.g. `clm_01JB…` for a claim (DESIGN §3). */
export const IsPrefixedId = (
  kinds: IdKind | readonly IdKind[],
  options?: ValidationOptions,
): PropertyDecorator => {
  const allowed: readonly IdKind[] = typeof kinds === 'string' ? [kinds] : kinds;
  const prefixes = allowed.map((kind) => `${ID_PREFIXES[kind]}_`).join(' or ');
  return ValidateBy(
    {
      name: 'prefixedId',
      constraints: [allowed],
      validator: {
        validate: (value: unknown) => typeof value === 'string' && allowed.some((kind) => isId(value, kind)),
        defaultMessage: () =>
          `$property must be an id of the form ${prefixes} followed by a 26-character ULID`,
      },
    },
    options,
  );
};

/** What the DateTime scalar accepts, for DTOs validated outside GraphQL (and as a second line inside it). */
export const IsIsoDateTime = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isoDateTime',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isIsoDateTimeWithZone(value),
        defaultMessage: () =>
          '$property must be an ISO-8601 date-time with a time zone, e.g. 2025-10-28T00:05:00+03:00',
      },
    },
    options,
  );

export const TAG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const TAG_MAX_LENGTH = 50;
export const MAX_TAGS = 20;

/** A lower-case kebab tag such as `central-asia`, at most 50 characters. */
export const IsTag = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'tag',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && value.length <= TAG_MAX_LENGTH && TAG_PATTERN.test(value),
        defaultMessage: () =>
          `$property must hold lower-case words of letters and digits joined by single hyphens (e.g. "central-asia"), at most ${TAG_MAX_LENGTH} characters each`,
      },
    },
    options,
  );

// A BCP 47 tag in its common shapes: en, en-GB, zh-Hant-TW, es-419.
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

export const IsLanguageTag = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'languageTag',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && value.length <= 35 && LANGUAGE_TAG.test(value),
        defaultMessage: () =>
          '$property must be a BCP 47 language tag such as "en" or "en-GB", at most 35 characters',
      },
    },
    options,
  );

export const URL_MAX_LENGTH = 2048;

/**
 * An absolute http(s) URL of at most 2048 characters. Hosts without a dot (an intranet name, localhost) pass,
 * as they do in the domain's own check.
 */
export const IsHttpUrl = (): PropertyDecorator => (target, property) => {
  IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: '$property must be an absolute http(s) URL' },
  )(target, property);
  MaxLength(URL_MAX_LENGTH)(target, property);
};
