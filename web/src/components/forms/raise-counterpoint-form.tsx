import { COUNTERPOINT_TEXT_LENGTH } from '../../domain.js';
import { RaiseCounterpointDocument } from '../../generated/graphql.js';
import { ActionForm } from './action-form.js';
import { CitationFields, citationDraft, citationInput } from './citation-fields.js';
import { ProseField } from './fields.js';
import { proseProblem } from './rules.js';
import { useClaimForm, type ClaimFormProps } from './use-claim-form.js';

const CITATION = ['url', 'title'] as const;

export const RaiseCounterpointForm = (props: ClaimFormProps) => {
  const form = useClaimForm(props, { text: '', ...citationDraft('citation.', CITATION) }, ['citation']);
  const { text } = form.values;
  const cited = CITATION.some((name) => form.values[`citation.${name}`].trim());
  return (
    <ActionForm
      form={form}
      label="Raise a counterpoint"
      submit="Raise counterpoint"
      onSubmit={() =>
        void form.submit(
          { text: proseProblem(text, COUNTERPOINT_TEXT_LENGTH, 'The counterpoint') },
          RaiseCounterpointDocument,
          {
            claimId: props.claim.id,
            text: text.trim(),
            citation: cited ? citationInput(form.values, 'citation.', CITATION) : null,
          },
          () => form.reset('text', 'citation.url', 'citation.title'),
        )
      }
    >
      <ProseField
        bind={form.field('text')}
        label="Counterpoint"
        required
        hint="While it is open, the claim is CONTESTED and the counterpoint attacks it."
        max={COUNTERPOINT_TEXT_LENGTH.max}
      />
      <CitationFields form={form} prefix="citation." fields={CITATION} legend="Citation (optional)" />
    </ActionForm>
  );
};
