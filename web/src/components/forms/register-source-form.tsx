import { request } from '../../api.js';
import { SOURCE_METADATA_FIELDS } from '../../domain.js';
import { RegisterSourceDocument } from '../../generated/graphql.js';
import { navigate } from '../../router.js';
import { ActionForm } from './action-form.js';
import { CitationFields, citationDraft, citationInput } from './citation-fields.js';
import { ProseField } from './fields.js';
import { textLength } from './rules.js';
import { useForm } from './use-form.js';

/** Register a source (with its text, so claims can anchor quotes in it); opens its reader when done. */
export const RegisterSourceForm = () => {
  const form = useForm({ ...citationDraft('', SOURCE_METADATA_FIELDS), text: '' });
  const { title, text } = form.values;
  return (
    <ActionForm
      form={form}
      label="Register a source"
      submit="Register source"
      onSubmit={() =>
        void form
          .run({ title: textLength(title) === 0 ? 'A title is required.' : undefined }, (idempotencyKey) =>
            request(RegisterSourceDocument, {
              input: {
                ...citationInput(form.values, '', SOURCE_METADATA_FIELDS),
                title: title.trim(),
                // Kept as typed, not trimmed: quotes are anchored by offsets into it.
                text: text || null,
                idempotencyKey,
              },
            }),
          )
          .then((outcome) => {
            if (outcome.ok) navigate(`/sources/${outcome.value.registerSource.source.id}`);
          })
      }
    >
      {/* The domain's one list of a source's metadata, asked for with the citation's fields. */}
      <CitationFields form={form} prefix="" fields={SOURCE_METADATA_FIELDS} required={['title']} />
      <ProseField
        bind={form.field('text')}
        label="Text"
        hint="Paste the full text: claims anchor their quotes in it."
        rows={8}
      />
    </ActionForm>
  );
};
