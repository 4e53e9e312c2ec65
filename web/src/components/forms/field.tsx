import type { ComponentChildren, JSX } from 'preact';
import { useId } from 'preact/hooks';

interface FieldProps {
  readonly label: ComponentChildren;
  readonly error?: string | undefined;
  readonly hint?: ComponentChildren;
  /** A live count under the control, e.g. "12 / 2000 characters"; `over` marks it as past a limit. */
  readonly counter?: { readonly text: string; readonly over: boolean } | undefined;
  readonly required?: boolean | undefined;
  readonly class?: string | undefined;
}

export type Control = (props: {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: 'true';
  'aria-required'?: 'true';
}) => JSX.Element;

/**
 * A labelled control with an optional hint, counter and its error right beneath it, wired for screen
 * readers. Every field of every form is one of these.
 */
export const Field = ({
  label: text,
  error,
  hint,
  counter,
  required,
  children,
  class: className,
}: FieldProps & { children: Control }) => {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', counter ? `${id}-count` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class={`field${error ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      <label for={id}>
        {text}
        {required ? <span class="required"> (required)</span> : null}
      </label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children({
        id,
        ...(described ? { 'aria-describedby': described } : {}),
        ...(error ? { 'aria-invalid': 'true' as const } : {}),
        ...(required ? { 'aria-required': 'true' as const } : {}),
      })}
      {counter ? (
        <p class={`counter${counter.over ? ' over' : ''}`} id={`${id}-count`}>
          {counter.text}
        </p>
      ) : null}
      {error ? <FieldError id={`${id}-error`} message={error} /> : null}
    </div>
  );
};

/** An error under a field, or under a group of fields (a fieldset) when it names the group. */
export const FieldError = ({ message, id }: { message: string | undefined; id?: string }) =>
  message ? (
    <p class="field-error" id={id}>
      <span aria-hidden="true">⚠ </span>
      {message}
    </p>
  ) : null;
