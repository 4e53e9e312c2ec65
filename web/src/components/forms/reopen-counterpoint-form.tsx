import { REBUTTAL_LENGTH } from '../../domain.js';
import { ReopenCounterpointDocument } from '../../generated/graphql.js';
import type { Counterpoint } from '../../types.js';
import { ActionForm } from './action-form.js';
import { ProseField, ReasonField } from './fields.js';
import { proseProblem, reasonProblem } from './rules.js';
import { useClaimForm, type ClaimFormProps } from './use-claim-form.js';

/** Rebut the response to a counterpoint: it is OPEN again, and the rebuttal joins its thread. */
export const ReopenCounterpointForm = (props: ClaimFormProps & { counterpoint: Counterpoint }) => {
  const form = useClaimForm(props, { text: '', reason: '' }, ['counterpointId']);
  const { text, reason } = form.values;
  return (
    <ActionForm
      form={form}
      label="Rebut the response"
      inline
      submit="Reopen with this rebuttal"
      onCancel={props.onClose}
      onSubmit={() =>
        void form.submit(
          { text: proseProblem(text, REBUTTAL_LENGTH, 'The rebuttal'), reason: reasonProblem(reason) },
          ReopenCounterpointDocument,
          {
            claimId: props.claim.id,
            counterpointId: props.counterpoint.id,
            text: text.trim(),
            reason: reason.trim(),
          },
          props.onClose,
        )
      }
    >
      <ProseField
        bind={form.field('text', 'counterpointId')}
        label="Your rebuttal"
        required
        hint="Why the response does not settle the counterpoint. Once reopened, it attacks the claim again."
        max={REBUTTAL_LENGTH.max}
      />
      <ReasonField bind={form.field('reason')} label="Why reopen it?" oneLine />
    </ActionForm>
  );
};
