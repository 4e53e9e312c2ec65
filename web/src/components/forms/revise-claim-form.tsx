import { STATEMENT_LENGTH } from '../../domain.js';
import { ReviseClaimDocument } from '../../generated/graphql.js';
import { ActionForm } from './action-form.js';
import { ProseField, ReasonField } from './fields.js';
import { proseProblem, reasonProblem } from './rules.js';
import { useClaimForm, type ClaimFormProps } from './use-claim-form.js';

export const ReviseClaimForm = (props: ClaimFormProps) => {
  const form = useClaimForm(props, { statement: props.claim.statement, reason: '' });
  const { statement, reason } = form.values;
  return (
    <ActionForm
      form={form}
      label="Revise the statement"
      submit="Save revision"
      onSubmit={() =>
        void form.submit(
          {
            statement:
              proseProblem(statement, STATEMENT_LENGTH, 'The statement') ??
              (statement.trim() === props.claim.statement.trim()
                ? 'The new statement must differ from the current one.'
                : undefined),
            reason: reasonProblem(reason),
          },
          ReviseClaimDocument,
          { claimId: props.claim.id, statement: statement.trim(), reason: reason.trim() },
          () => {
            form.reset('reason');
            props.onClose?.();
          },
        )
      }
    >
      <ProseField
        bind={form.field('statement')}
        label="New statement"
        required
        max={STATEMENT_LENGTH.max}
        rows={4}
      />
      <ReasonField
        bind={form.field('reason')}
        label="Reason for the revision"
        hint="Recorded in the claim's history."
      />
    </ActionForm>
  );
};
