import type { ComponentChildren } from 'preact';
import type { TypedDocumentString } from '../../generated/graphql.js';
import { ActionForm } from './action-form.js';
import { ReasonField } from './fields.js';
import { reasonProblem } from './rules.js';
import {
  useClaimForm,
  type ClaimFormProps,
  type ClaimMutation,
  type ClaimMutationInput,
} from './use-claim-form.js';

/**
 * A change that takes nothing but a reason for the audit trail: withdrawing evidence, removing a link,
 * retracting the claim. `input` builds the mutation's input around the (trimmed) reason.
 */
export const ReasonForm = <Input,>({
  label,
  submit,
  reasonLabel,
  inline = false,
  mutation,
  input,
  apiFields = [],
  children,
  ...props
}: ClaimFormProps & {
  label: string;
  submit: string;
  reasonLabel: string;
  /** Opened in place in a list (a line for the reason, and Cancel). */
  inline?: boolean;
  mutation: TypedDocumentString<ClaimMutation, { input: Input }>;
  input: (reason: string) => ClaimMutationInput<Input>;
  /** Input fields the form has no control for, whose errors show beside the reason (an evidence id). */
  apiFields?: readonly string[];
  /** What to know before giving the reason. */
  children?: ComponentChildren;
}) => {
  const form = useClaimForm(props, { reason: '' }, apiFields);
  const { reason } = form.values;
  return (
    <ActionForm
      form={form}
      label={label}
      inline={inline}
      submit={submit}
      onCancel={inline ? props.onClose : undefined}
      onSubmit={() =>
        void form.submit({ reason: reasonProblem(reason) }, mutation, input(reason.trim()), props.onClose)
      }
    >
      {children}
      <ReasonField bind={form.field('reason', ...apiFields)} label={reasonLabel} oneLine={inline} />
    </ActionForm>
  );
};
