import type { ComponentChildren, JSX, RefObject } from 'preact';

/** Submit button that says what it is doing. */
export const Submit = ({ busy, children }: { busy: boolean; children: ComponentChildren }) => (
  <button type="submit" class="primary" disabled={busy} aria-busy={busy ? 'true' : undefined}>
    {busy ? 'Saving…' : children}
  </button>
);

/** What the shell needs from useForm or useClaimForm. */
interface FormState {
  readonly formRef: RefObject<HTMLFormElement | null>;
  readonly busy: boolean;
  readonly notices: JSX.Element;
  readonly versionInput: JSX.Element | null;
}

/**
 * The frame of every form: no browser validation (the checks speak in words beside each field), the
 * version the form is based on, the fields, the notices (conflict, errors not tied to a field), and the
 * submit button, with Cancel for forms that open in place.
 */
export const ActionForm = ({
  form,
  label,
  labelledBy,
  inline = false,
  class: className,
  submit,
  onSubmit,
  onCancel,
  after,
  children,
}: {
  form: FormState;
  /** The form's accessible name, unless `labelledBy` points at a heading. */
  label?: string;
  labelledBy?: string;
  /** Opened in place inside a list item (withdraw, respond, unlink): boxed, with Cancel. */
  inline?: boolean;
  class?: string;
  submit: ComponentChildren;
  onSubmit: () => void;
  onCancel?: (() => void) | undefined;
  /** Below the button, e.g. what was just saved. */
  after?: ComponentChildren;
  children: ComponentChildren;
}) => (
  <form
    noValidate
    ref={form.formRef}
    class={['action-form', inline ? 'inline' : '', className ?? ''].filter(Boolean).join(' ')}
    aria-label={labelledBy ? undefined : label}
    aria-labelledby={labelledBy}
    onSubmit={(event) => {
      event.preventDefault();
      onSubmit();
    }}
  >
    {form.versionInput}
    {children}
    {form.notices}
    {onCancel ? (
      <div class="buttons">
        <Submit busy={form.busy}>{submit}</Submit>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    ) : (
      <Submit busy={form.busy}>{submit}</Submit>
    )}
    {after}
  </form>
);
