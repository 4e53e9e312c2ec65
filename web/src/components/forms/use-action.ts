import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, newIdempotencyKey, plainWords } from '../../api.js';

export type FieldErrors = Readonly<Record<string, string>>;

/** The form field an API error names: the longest known key equal to it or a prefix of it (`citation` ⊂ `citation.url`). */
export const fieldFor = (fields: readonly string[], field: string | undefined): string | undefined => {
  if (!field) return undefined;
  const candidates = fields.filter((key) => field === key || field.startsWith(`${key}.`));
  return candidates.sort((a, b) => b.length - a.length)[0];
};

export interface ActionState {
  readonly busy: boolean;
  readonly fieldErrors: FieldErrors;
  readonly formError: string | undefined;
  /** Set after a CONFLICT: the version the server holds now. */
  readonly conflictVersion: number | undefined;
}

/** Local checks by field name: a message where the draft breaks a rule, else undefined. */
export type LocalChecks = Readonly<Record<string, string | undefined | false>>;

export type ActionOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly conflictVersion: number | undefined };

/**
 * Runs one form's mutation: local checks first, then the API. BAD_USER_INPUT errors land beside the field
 * they name, anything else above the submit button; CONFLICT is kept apart so the form can explain it.
 * One idempotency key per draft: a repeated submission of the same draft appends once.
 */
export const useAction = (fields: readonly string[]) => {
  const [state, setState] = useState<ActionState>({
    busy: false,
    fieldErrors: {},
    formError: undefined,
    conflictVersion: undefined,
  });
  const key = useRef(newIdempotencyKey());
  const formRef = useRef<HTMLFormElement>(null);
  const [focusTick, setFocusTick] = useState(0);

  useEffect(() => {
    if (focusTick === 0) return;
    const form = formRef.current;
    const target =
      form?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form?.querySelector<HTMLElement>('.conflict, .form-error');
    target?.focus();
  }, [focusTick]);

  const run = async <T>(
    local: LocalChecks,
    action: (idempotencyKey: string) => Promise<T>,
  ): Promise<ActionOutcome<T>> => {
    const localErrors = Object.fromEntries(
      Object.entries(local).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '',
      ),
    );
    if (Object.keys(localErrors).length > 0) {
      setState({ busy: false, fieldErrors: localErrors, formError: undefined, conflictVersion: undefined });
      setFocusTick((tick) => tick + 1);
      return { ok: false, conflictVersion: undefined };
    }
    setState({ busy: true, fieldErrors: {}, formError: undefined, conflictVersion: undefined });
    try {
      const result = await action(key.current);
      key.current = newIdempotencyKey();
      setState({ busy: false, fieldErrors: {}, formError: undefined, conflictVersion: undefined });
      return { ok: true, value: result };
    } catch (error) {
      const fieldErrors: Record<string, string> = {};
      const other: string[] = [];
      let conflictVersion: number | undefined;
      for (const problem of error instanceof ApiError
        ? error.problems
        : [{ code: 'UNKNOWN', message: String(error) }]) {
        const field = fieldFor(fields, 'field' in problem ? problem.field : undefined);
        if (problem.code === 'CONFLICT')
          conflictVersion = 'currentVersion' in problem ? (problem.currentVersion ?? -1) : -1;
        else if (field && !fieldErrors[field])
          fieldErrors[field] = plainWords(problem, { besideField: true });
        else other.push(plainWords(problem));
      }
      // Nothing was appended, so the same key may be used again; a new one after a conflict is clearer.
      if (conflictVersion !== undefined) key.current = newIdempotencyKey();
      setState({
        busy: false,
        fieldErrors,
        formError: other.length ? other.join(' ') : undefined,
        conflictVersion,
      });
      setFocusTick((tick) => tick + 1);
      return { ok: false, conflictVersion };
    }
  };

  const clear = () =>
    setState({ busy: false, fieldErrors: {}, formError: undefined, conflictVersion: undefined });

  return { ...state, run, clear, formRef };
};
