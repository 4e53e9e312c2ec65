import { TagClaimDocument } from '../../generated/graphql.js';
import { ActionForm } from './action-form.js';
import { TagsField } from './fields.js';
import { parseTags, tagsProblem } from './rules.js';
import { useClaimForm, type ClaimFormProps } from './use-claim-form.js';

/** The claim's tags as one list to edit: what was added and removed is sent as `add` and `remove`. */
export const TagClaimForm = (props: ClaimFormProps) => {
  const form = useClaimForm(props, { tags: props.claim.tags.join(', ') }, ['add', 'remove']);
  const wanted = parseTags(form.values.tags);
  const add = wanted.filter((tag) => !props.claim.tags.includes(tag));
  const remove = props.claim.tags.filter((tag) => !wanted.includes(tag));
  return (
    <ActionForm
      form={form}
      label="Edit tags"
      submit="Save tags"
      onSubmit={() =>
        void form.submit(
          {
            tags:
              tagsProblem(wanted) ??
              (add.length + remove.length === 0
                ? 'Nothing to change: add or remove a tag first.'
                : undefined),
          },
          TagClaimDocument,
          { claimId: props.claim.id, add, remove },
          props.onClose,
        )
      }
    >
      <TagsField
        bind={form.field('tags', 'add', 'remove')}
        hint="Comma-separated, lower-case with hyphens (e.g. geopolitics, russia). Delete a tag to remove it."
      />
      <p class="hint" aria-live="polite">
        {add.length ? `Adds ${add.join(', ')}. ` : ''}
        {remove.length ? `Removes ${remove.join(', ')}.` : ''}
      </p>
    </ActionForm>
  );
};
