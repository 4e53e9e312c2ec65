import { request } from '../../api.js';
import { RegisterSourceDocument } from '../../generated/graphql.js';
import { navigate } from '../../router.js';
import { ActionForm } from './action-form.js';
import { CitationFields, citationDraft, citationInput } from './citation-fields.js';
import { ProseField, TextField } from './fields.js';
import { optional, textLength } from './rules.js';
import { useForm } from './use-form.js';

/** A source is described by the same fields as a citation, at the top level of its input. */
const DESCRIPTION = ['title', 'url', 'author', 'publisher', 'publishedAt'] as const;

/** Register a source (with its text, so claims can anchor quotes in it); opens its reader when done. */
export const RegisterSourceForm = () => {
  const form = useForm({ ...citationDraft('', DESCRIPTION), language: '', text: '' });
  const { title, language, text } = form.values;
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
                ...citationInput(form.values, '', DESCRIPTION),
                title: title.trim(),
                language: optional(language),
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
      <CitationFields form={form} prefix="" fields={DESCRIPTION} required={['title']}>
        <TextField bind={form.field('language')} label="Language" hint="e.g. en" />
      </CitationFields>
      <ProseField
        bind={form.field('text')}
        label="Text"
        hint="Paste the full text: claims anchor their quotes in it."
        rows={8}
      />
    </ActionForm>
  );
};
