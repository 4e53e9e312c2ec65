import { STANCES, SUMMARY_LENGTH } from '../../domain.js';
import { AttachEvidenceDocument } from '../../generated/graphql.js';
import type { Stance } from '../../types.js';
import { ActionForm } from './action-form.js';
import { CitationFields, citationDraft, citationInput } from './citation-fields.js';
import { EnumRadios, ProseField, UnitIntervalField } from './fields.js';
import { numberOrNull, proseProblem, unitIntervalProblem } from './rules.js';
import { useClaimForm, type ClaimFormProps } from './use-claim-form.js';

const CITATION = ['url', 'title', 'author', 'publisher', 'publishedAt', 'quote'] as const;

const STANCE_WORDS: Record<Stance, string> = {
  SUPPORTS: 'Supports the claim (for)',
  UNDERMINES: 'Undermines the claim (against)',
};

export const AttachEvidenceForm = (props: ClaimFormProps) => {
  const form = useClaimForm(
    props,
    {
      stance: 'SUPPORTS' as Stance,
      summary: '',
      reliability: '',
      ...citationDraft('citation.', CITATION),
    },
    ['citation'],
  );
  const { stance, summary, reliability } = form.values;
  return (
    <ActionForm
      form={form}
      label="Attach evidence"
      submit="Attach evidence"
      onSubmit={() =>
        void form.submit(
          {
            summary: proseProblem(summary, SUMMARY_LENGTH, 'The summary'),
            reliability: unitIntervalProblem(
              reliability,
              'Reliability is a number from 0 (none) to 1 (certain).',
              false,
            ),
          },
          AttachEvidenceDocument,
          {
            claimId: props.claim.id,
            stance,
            summary: summary.trim(),
            citation: citationInput(form.values, 'citation.', CITATION),
            reliability: numberOrNull(reliability),
          },
          // The stance stays: evidence often comes in runs on one side.
          () => form.reset('summary', 'reliability', ...CITATION.map((name) => `citation.${name}` as const)),
        )
      }
    >
      <EnumRadios
        legend="Stance"
        bind={form.field('stance')}
        options={STANCES}
        words={(value) => STANCE_WORDS[value]}
      />
      <ProseField
        bind={form.field('summary', 'stance')}
        label="Summary of the evidence"
        required
        max={SUMMARY_LENGTH.max}
      />
      <CitationFields
        form={form}
        prefix="citation."
        fields={CITATION}
        legend="Citation (a URL or a title at least)"
      >
        <UnitIntervalField bind={form.field('reliability')} label="Reliability (0 to 1)" />
      </CitationFields>
    </ActionForm>
  );
};
