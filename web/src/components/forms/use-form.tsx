import { useRef } from 'preact/hooks';
import { plainWords } from '../../api.js';
import { FormError } from './notices.js';
import { useStoredDraft } from './stored-draft.js';
import { useAction } from './use-action.js';

/** A form's draft: every control's text by the name the API gives its field (`citation.url`). */
export type Draft = Record<string, string>;

/** What a field component needs from the form: its name, its text, how to change it, and its error. */
export interface FieldBinding<Value extends string = string> {
  readonly name: string;
  readonly value: Value;
  onValue(value: Value): void;
  readonly error: string | undefined;
}

/** The part of a form that field groups (e.g. the citation fields) bind to, whatever else the form holds. */
export interface FieldSource {
  field(name: string, ...alsoFor: string[]): FieldBinding;
  errorOf(...names: string[]): string | undefined;
}

/**
 * A form's draft and its submission (useAction): `field(name)` binds a control to the draft and to the
 * errors the checks or the API report for that name (or, with `alsoFor`, for API fields the form has no
 * control of its own for, e.g. an evidence id). `apiFields` are such names, so their errors are not lost.
 * With a `draftKey` the draft is kept in localStorage across navigation and reloads until `forgetDraft()`.
 */
export const useForm = <Values extends Draft>(
  initial: Values,
  apiFields: readonly string[] = [],
  draftKey?: string,
) => {
  const blank = useRef(initial);
  const [values, setValues, forgetDraft] = useStoredDraft(draftKey, initial);
  const action = useAction([...Object.keys(initial), ...apiFields]);
  const set = <Name extends keyof Values>(name: Name, value: Values[Name]) =>
    setValues((previous) => ({ ...previous, [name]: value }));
  const errorOf = (...names: string[]): string | undefined =>
    names.map((name) => action.fieldErrors[name]).find((error) => error !== undefined);
  const field = <Name extends keyof Values & string>(
    name: Name,
    ...alsoFor: string[]
  ): FieldBinding<Values[Name]> => ({
    name,
    value: values[name],
    onValue: (value) => set(name, value),
    error: errorOf(name, ...alsoFor),
  });
  /** Back to the values the form opened with (after a successful submission). */
  const reset = (...names: Array<keyof Values>) =>
    setValues((previous) => ({
      ...previous,
      ...Object.fromEntries(names.map((name) => [name, blank.current[name]])),
    }));
  // A form that changes no claim has no version to conflict on: a CONFLICT is reported in words.
  const notices = (
    <FormError
      message={
        action.formError ??
        (action.conflictVersion !== undefined
          ? plainWords({ code: 'CONFLICT', message: 'conflict' })
          : undefined)
      }
    />
  );
  return { ...action, values, set, field, errorOf, reset, forgetDraft, notices, versionInput: null };
};
