import type { ComponentChildren } from 'preact';
import { CITATION_FIELD_MAX_LENGTH, type SourceMetadataField } from '../../domain.js';
import type { CitationInput } from '../../types.js';
import { FieldError } from './field.js';
import { ProseField, TextField } from './fields.js';
import { dateToIso, optional } from './rules.js';
import type { FieldSource } from './use-form.js';

/**
 * The fields that describe a cited work: a citation's (CitationInput, from the schema) and a source's
 * metadata (the domain's SOURCE_METADATA_FIELDS), which share most of them.
 */
export type CitationField = keyof CitationInput | SourceMetadataField;

/** How each field is asked for; exhaustive, so a field the schema or the domain adds fails to compile here. */
const FIELDS: Record<
  CitationField,
  { label: string; type: 'url' | 'text' | 'date' | 'quote'; hint?: string }
> = {
  url: { label: 'URL', type: 'url' },
  title: { label: 'Title', type: 'text' },
  author: { label: 'Author', type: 'text' },
  publisher: { label: 'Publisher', type: 'text' },
  publishedAt: { label: 'Published on', type: 'date' },
  accessedAt: { label: 'Accessed on', type: 'date' },
  language: { label: 'Language', type: 'text', hint: 'e.g. en' },
  quote: { label: 'Quote from the cited work', type: 'quote' },
};

/** URL and title take a line each, quotes a text area, the short fields share a row. */
const ROW_FIELDS: ReadonlySet<CitationField> = new Set([
  'author',
  'publisher',
  'publishedAt',
  'accessedAt',
  'language',
]);

/** The draft of the given fields, each blank, named `<prefix><field>` as the API names them. */
export const citationDraft = <Prefix extends string, Name extends CitationField>(
  prefix: Prefix,
  fields: readonly Name[],
): Record<`${Prefix}${Name}`, string> =>
  Object.fromEntries(fields.map((name) => [`${prefix}${name}`, ''])) as Record<`${Prefix}${Name}`, string>;

/** The fields as the API takes them: trimmed, blanks as null, dates as ISO-8601 date-times. */
export const citationInput = <Name extends CitationField>(
  values: Readonly<Record<string, string>>,
  prefix: string,
  fields: readonly Name[],
): Record<Name, string | null> =>
  Object.fromEntries(
    fields.map((name) => {
      const value = values[`${prefix}${name}`] ?? '';
      return [name, FIELDS[name].type === 'date' ? dateToIso(value) : optional(value)];
    }),
  ) as Record<Name, string | null>;

/**
 * The fields of a citation: evidence's citation, a counterpoint's, and the metadata of a source being
 * registered (which has no prefix: its fields sit at the top of RegisterSourceInput). With a legend they
 * form a fieldset that also shows an error naming the whole citation (`citation`: "needs a url or a title").
 */
export const CitationFields = ({
  form,
  prefix,
  fields,
  required = [],
  legend,
  children,
}: {
  form: FieldSource;
  /** `citation.` for a citation inside an input, '' for a source's own fields. */
  prefix: string;
  /** Which fields to ask for, in this order. */
  fields: readonly CitationField[];
  required?: readonly CitationField[];
  legend?: ComponentChildren;
  /** More short fields for the same row (a reliability). */
  children?: ComponentChildren;
}) => {
  const control = (name: CitationField) => {
    const bind = form.field(`${prefix}${name}`);
    const { label, type, hint } = FIELDS[name];
    const isRequired = required.includes(name);
    return type === 'quote' ? (
      <ProseField key={name} bind={bind} label={label} max={CITATION_FIELD_MAX_LENGTH} rows={2} />
    ) : (
      <TextField
        key={name}
        bind={bind}
        label={label}
        hint={hint}
        required={isRequired}
        type={type}
        input={type === 'url' ? { inputMode: 'url' } : undefined}
      />
    );
  };
  const short = fields.filter((name) => ROW_FIELDS.has(name));
  const body = (
    <>
      {fields.filter((name) => !ROW_FIELDS.has(name) && FIELDS[name].type !== 'quote').map(control)}
      {short.length || children ? (
        <div class="row">
          {short.map(control)}
          {children}
        </div>
      ) : null}
      {fields.filter((name) => FIELDS[name].type === 'quote').map(control)}
    </>
  );
  if (!legend) return body;
  const group = prefix.replace(/\.$/, '');
  return (
    <fieldset class="citation">
      <legend>{legend}</legend>
      <FieldError message={form.errorOf(group)} />
      {body}
    </fieldset>
  );
};
