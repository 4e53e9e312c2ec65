import { REASON_LENGTH } from '../../domain.js';
import { RespondToCounterpointDocument } from '../../generated/graphql.js';
import type { Counterpoint, CounterpointResolution } from '../../types.js';
import { ActionForm } from './action-form.js';
import { EnumRadios, ProseField } from './fields.js';
import { reasonProblem } from './rules.js';
import { useClaimForm, type ClaimFormProps } from './use-claim-form.js';

const RESOLUTION_WORDS: Record<CounterpointResolution, { choice: string; response: string; help: string }> = {
  ANSWERED: {
    choice: 'Answer it',
    response: 'Your answer',
    help: 'An answered counterpoint is defeated and attacks nothing, until its author rebuts the answer.',
  },
  CONCEDED: {
    choice: 'Concede it',
    response: 'What you concede',
    help: 'A conceded counterpoint stands and keeps attacking the claim. Conceding is for the claim’s proposer or an editor.',
  },
  DISMISSED: {
    choice: 'Dismiss it',
    response: 'Why it is dismissed',
    help: 'A dismissed counterpoint is defeated and attacks nothing. Dismissing is an editor’s decision.',
  },
};

/**
 * Answer, concede or dismiss an open counterpoint, with the words that explain the choice; only the
 * resolutions the viewer may give are offered (session.ts `permissions`).
 */
export const RespondToCounterpointForm = (
  props: ClaimFormProps & {
    counterpoint: Counterpoint;
    resolutions: readonly CounterpointResolution[];
  },
) => {
  const form = useClaimForm(props, { resolution: 'ANSWERED' as CounterpointResolution, response: '' }, [
    'counterpointId',
  ]);
  const { resolution, response } = form.values;
  const words = RESOLUTION_WORDS[resolution];
  return (
    <ActionForm
      form={form}
      label="Respond to the counterpoint"
      inline
      submit="Save response"
      onCancel={props.onClose}
      onSubmit={() =>
        void form.submit(
          {
            response: reasonProblem(
              response,
              'The response',
              'A response is required: say how the counterpoint is answered, conceded or dismissed.',
            ),
          },
          RespondToCounterpointDocument,
          {
            claimId: props.claim.id,
            counterpointId: props.counterpoint.id,
            resolution,
            response: response.trim(),
          },
          props.onClose,
        )
      }
    >
      <EnumRadios
        legend="Resolution"
        bind={form.field('resolution')}
        options={props.resolutions}
        words={(value) => RESOLUTION_WORDS[value].choice}
      />
      <ProseField
        bind={form.field('response', 'resolution', 'counterpointId')}
        label={words.response}
        required
        hint={words.help}
        max={REASON_LENGTH.max}
      />
    </ActionForm>
  );
};
