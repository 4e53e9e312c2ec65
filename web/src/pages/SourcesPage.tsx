import { useState } from 'preact/hooks';
import { request } from '../api.js';
import { FormError, Submit, useAction } from '../components/action.js';
import { ErrorBox, Field, Loading, Time } from '../components/ui.js';
import { useLiveRefetch } from '../live.js';
import { REGISTER_SOURCE, SOURCES } from '../operations.js';
import { useQuery } from '../query.js';
import { Link, navigate } from '../router.js';
import { atLeast, useSession } from '../session.js';

const RegisterSourceForm = () => {
  const [title, setTitle] = useState('');
  const [url, setUrl] = useState('');
  const [author, setAuthor] = useState('');
  const [publisher, setPublisher] = useState('');
  const [publishedAt, setPublishedAt] = useState('');
  const [language, setLanguage] = useState('');
  const [text, setText] = useState('');
  const action = useAction(['title', 'url', 'author', 'publisher', 'publishedAt', 'language', 'text']);
  const optional = (value: string) => value.trim() || null;
  return (
    <form
      noValidate
      ref={action.formRef}
      class="action-form"
      aria-label="Register a source"
      onSubmit={(event) => {
        event.preventDefault();
        void action
          .run({ title: title.trim() ? undefined : 'A title is required.' }, async (idempotencyKey) =>
            request(REGISTER_SOURCE, {
              input: {
                title: title.trim(),
                url: optional(url),
                author: optional(author),
                publisher: optional(publisher),
                publishedAt: publishedAt ? new Date(`${publishedAt}T00:00:00Z`).toISOString() : null,
                language: optional(language),
                text: text || null,
                idempotencyKey,
              },
            }),
          )
          .then((outcome) => {
            if (outcome.ok) navigate(`/sources/${outcome.value.registerSource.source.id}`);
          });
      }}
    >
      <Field label="Title" required error={action.fieldErrors['title']}>
        {(control) => (
          <input
            {...control}
            type="text"
            name="title"
            value={title}
            onInput={(event) => setTitle(event.currentTarget.value)}
          />
        )}
      </Field>
      <div class="row">
        <Field label="URL" error={action.fieldErrors['url']}>
          {(control) => (
            <input
              {...control}
              type="url"
              name="url"
              value={url}
              onInput={(event) => setUrl(event.currentTarget.value)}
            />
          )}
        </Field>
        <Field label="Author" error={action.fieldErrors['author']}>
          {(control) => (
            <input
              {...control}
              type="text"
              name="author"
              value={author}
              onInput={(event) => setAuthor(event.currentTarget.value)}
            />
          )}
        </Field>
      </div>
      <div class="row">
        <Field label="Publisher" error={action.fieldErrors['publisher']}>
          {(control) => (
            <input
              {...control}
              type="text"
              name="publisher"
              value={publisher}
              onInput={(event) => setPublisher(event.currentTarget.value)}
            />
          )}
        </Field>
        <Field label="Published on" error={action.fieldErrors['publishedAt']}>
          {(control) => (
            <input
              {...control}
              type="date"
              name="publishedAt"
              value={publishedAt}
              onInput={(event) => setPublishedAt(event.currentTarget.value)}
            />
          )}
        </Field>
        <Field label="Language" hint="e.g. en" error={action.fieldErrors['language']}>
          {(control) => (
            <input
              {...control}
              type="text"
              name="language"
              value={language}
              onInput={(event) => setLanguage(event.currentTarget.value)}
            />
          )}
        </Field>
      </div>
      <Field
        label="Text"
        hint="Paste the full text: claims anchor their quotes in it."
        error={action.fieldErrors['text']}
      >
        {(control) => (
          <textarea
            {...control}
            name="text"
            rows={8}
            value={text}
            onInput={(event) => setText(event.currentTarget.value)}
          />
        )}
      </Field>
      <FormError message={action.formError} />
      <Submit busy={action.busy}>Register source</Submit>
    </form>
  );
};

export const SourcesPage = () => {
  const { viewer } = useSession();
  const sources = useQuery(SOURCES, { first: 100 });
  useLiveRefetch(
    sources.refetch,
    (entry) => entry.subjectId.startsWith('src_') || entry.type === 'ClaimProposed',
  );
  return (
    <article>
      <header class="page-header">
        <h1 tabIndex={-1}>Sources</h1>
      </header>
      {sources.error ? <ErrorBox error={sources.error} /> : null}
      {!sources.data && !sources.error ? <Loading what="Loading sources" /> : null}
      {sources.data ? (
        sources.data.sources.edges.length === 0 ? (
          <p class="empty">No sources yet.</p>
        ) : (
          <ul class="plain source-list">
            {sources.data.sources.edges.map(({ node }) => (
              <li key={node.id} class="card">
                <h2>
                  <Link href={`/sources/${node.id}`}>{node.title}</Link>
                </h2>
                <p class="meta">
                  {[node.author ? `by ${node.author}` : '', node.publisher ?? ''].filter(Boolean).join(' · ')}
                  {node.publishedAt ? (
                    <>
                      {' · '}
                      <Time iso={node.publishedAt} />
                    </>
                  ) : null}
                  {' · '}
                  {node.textLength ? `${node.textLength.toLocaleString()} characters` : 'no text'} ·{' '}
                  {node.claims.totalCount} claim{node.claims.totalCount === 1 ? '' : 's'}
                </p>
              </li>
            ))}
          </ul>
        )
      ) : null}
      {atLeast(viewer, 'ANALYST') ? (
        <details class="card action">
          <summary>Register a source</summary>
          <RegisterSourceForm />
        </details>
      ) : null}
    </article>
  );
};
