import type { ComponentChildren, PartialInputHTMLAttributes } from 'preact';
import { REASON_LENGTH } from '../../domain.js';
import { Field } from './field.js';
import { textLength } from './rules.js';
import type { FieldBinding } from './use-form.js';

/** What every field takes besides its binding. */
interface FieldText {
  readonly label: ComponentChildren;
  readonly hint?: ComponentChildren;
  readonly required?: boolean;
}

/** Further attributes a field's <input> may need. */
type InputExtras = Pick<
  PartialInputHTMLAttributes<HTMLInputElement>,
  'inputMode' | 'min' | 'max' | 'step' | 'placeholder' | 'onKeyDown' | 'onBlur'
>;

/** A one-line input bound to the form's draft. */
export const TextField = ({
  bind,
  label,
  hint,
  required,
  type = 'text',
  input,
  class: className,
}: FieldText & {
  bind: FieldBinding;
  type?: 'text' | 'url' | 'date' | 'number' | 'search';
  input?: InputExtras;
  class?: string;
}) => (
  <Field label={label} hint={hint} required={required} error={bind.error} class={className}>
    {(control) => (
      <input
        {...input}
        {...control}
        name={bind.name}
        // Preact types each input type with its own ARIA roles; these five share one element here.
        type={type as 'text'}
        value={bind.value}
        onInput={(event) => bind.onValue(event.currentTarget.value)}
      />
    )}
  </Field>
);

/**
 * A text area with a live count against the domain's limit for that text (a statement, a summary, a
 * reason…), so the limit is visible before the server refuses it.
 */
export const ProseField = ({
  bind,
  label,
  hint,
  required,
  max,
  rows = 3,
}: FieldText & { bind: FieldBinding; max?: number | undefined; rows?: number }) => {
  const length = textLength(bind.value);
  return (
    <Field
      label={label}
      hint={hint}
      required={required}
      error={bind.error}
      counter={max === undefined ? undefined : { text: `${length} / ${max} characters`, over: length > max }}
    >
      {(control) => (
        <textarea
          {...control}
          name={bind.name}
          rows={rows}
          value={bind.value}
          onInput={(event) => bind.onValue(event.currentTarget.value)}
        />
      )}
    </Field>
  );
};

/** Why a change was made, which the audit trail records: a line in forms opened in place, else a text area. */
export const ReasonField = ({
  bind,
  label,
  hint,
  oneLine = false,
}: {
  bind: FieldBinding;
  label: ComponentChildren;
  hint?: ComponentChildren;
  oneLine?: boolean;
}) =>
  oneLine ? (
    <TextField bind={bind} label={label} hint={hint} required />
  ) : (
    <ProseField bind={bind} label={label} hint={hint} required max={REASON_LENGTH.max} rows={2} />
  );

/** A number from 0 to 1 (reliability, confidence). */
export const UnitIntervalField = ({ bind, label }: { bind: FieldBinding; label: ComponentChildren }) => (
  <TextField
    bind={bind}
    label={label}
    type="number"
    input={{ min: '0', max: '1', step: '0.05', inputMode: 'decimal' }}
  />
);

/** The choices of an enum, in the order given, each in words. */
interface EnumChoices<Value extends string> {
  readonly bind: FieldBinding<Value>;
  readonly options: readonly Value[];
  readonly words: (value: Value) => string;
}

/** A select of an enum's values. */
export const EnumSelect = <Value extends string>({
  bind,
  options,
  words,
  label,
}: EnumChoices<Value> & { label: ComponentChildren }) => (
  <Field label={label} error={bind.error}>
    {(control) => (
      <select
        {...control}
        name={bind.name}
        value={bind.value}
        onChange={(event) => bind.onValue(event.currentTarget.value as Value)}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {words(option)}
          </option>
        ))}
      </select>
    )}
  </Field>
);

/** Radio buttons for an enum with few values (stance, resolution); arrow keys move between them. */
export const EnumRadios = <Value extends string>({
  bind,
  options,
  words,
  legend,
}: EnumChoices<Value> & { legend: ComponentChildren }) => (
  <fieldset class="radio-row">
    <legend>{legend}</legend>
    {options.map((option) => (
      <label key={option} class="check">
        <input
          type="radio"
          name={bind.name}
          value={option}
          checked={bind.value === option}
          onChange={() => bind.onValue(option)}
        />{' '}
        {words(option)}
      </label>
    ))}
  </fieldset>
);

/** Tags typed as a list ("geopolitics, russia"); the form parses and checks them (rules.ts). */
export const TagsField = ({ bind, hint }: { bind: FieldBinding; hint: ComponentChildren }) => (
  <TextField bind={bind} label="Tags" hint={hint} />
);
