import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, newIdempotencyKey, plainWords } from '../api.js';

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

  const run = async <T,>(
    local: Record<string, string | undefined | false>,
    action: (idempotencyKey: string) => Promise<T>,
  ): Promise<{ ok: true; value: T } | { ok: false; conflictVersion: number | undefined }> => {
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

/** The error above the submit button (not tied to one field). */
export const FormError = ({ message }: { message: string | undefined }) =>
  message ? (
    <p class="form-error" role="alert" tabIndex={-1}>
      {message}
    </p>
  ) : null;

/**
 * The conflict, in plain words: what the user saw, what the server has now, that nothing was saved, and a
 * way to go on from the new version (the page already shows it: live updates keep it current).
 */
export const ConflictNotice = ({
  seen,
  current,
  onUseLatest,
}: {
  seen: number;
  current: number;
  onUseLatest: () => void;
}) => (
  <div class="conflict" role="alert" tabIndex={-1}>
    <p>
      <strong>Conflict: someone else changed this claim while you were editing.</strong> You saw version{' '}
      {seen}; it is now at version {current >= 0 ? current : 'a newer one'}. Your change was{' '}
      <strong>not</strong> saved, so nothing was overwritten.
    </p>
    <p>
      Check the claim as it is now (shown on this page), then submit again if your change still makes sense.
    </p>
    <button type="button" onClick={onUseLatest}>
      Continue from version {current >= 0 ? current : 'now'}
    </button>
  </div>
);

/** Submit button that says what it is doing. */
export const Submit = ({ busy, children }: { busy: boolean; children: ComponentChildren }) => (
  <button type="submit" class="primary" disabled={busy} aria-busy={busy ? 'true' : undefined}>
    {busy ? 'Saving…' : children}
  </button>
);
