import { REASON_LENGTH, VERDICTS } from '../../domain.js';
import { AssessClaimDocument } from '../../generated/graphql.js';
import type { Verdict } from '../../types.js';
import { label } from '../ui.js';
import { ActionForm } from './action-form.js';
import { EnumSelect, ProseField, UnitIntervalField } from './fields.js';
import { reasonProblem, unitIntervalProblem } from './rules.js';
import { useClaimForm, type ClaimFormProps } from './use-claim-form.js';

/** An editor's verdict, starting from the current assessment if there is one. */
export const AssessClaimForm = (props: ClaimFormProps) => {
  const form = useClaimForm(props, {
    verdict: props.claim.assessment?.verdict ?? ('MOSTLY_ACCURATE' as Verdict),
    confidence: String(props.claim.assessment?.confidence ?? 0.7),
    rationale: '',
  });
  const { verdict, confidence, rationale } = form.values;
  return (
    <ActionForm
      form={form}
      label="Assess the claim"
      submit="Save assessment"
      onSubmit={() =>
        void form.submit(
          {
            confidence: unitIntervalProblem(confidence, 'Confidence is a number from 0 to 1.', true),
            rationale: reasonProblem(
              rationale,
              'The rationale',
              'A rationale is required: say why this verdict.',
            ),
          },
          AssessClaimDocument,
          {
            claimId: props.claim.id,
            verdict,
            confidence: Number(confidence),
            rationale: rationale.trim(),
          },
          () => {
            form.reset('rationale');
            props.onClose?.();
          },
        )
      }
    >
      <div class="row">
        <EnumSelect label="Verdict" bind={form.field('verdict')} options={VERDICTS} words={label} />
        <UnitIntervalField bind={form.field('confidence')} label="Confidence (0 to 1)" />
      </div>
      <ProseField bind={form.field('rationale')} label="Rationale" required max={REASON_LENGTH.max} />
    </ActionForm>
  );
};
