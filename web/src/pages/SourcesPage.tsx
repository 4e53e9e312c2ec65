import { RegisterSourceForm } from '../components/forms/register-source-form.js';
import { ErrorBox, Loading, Time } from '../components/ui.js';
import { isSourceId } from '../domain.js';
import { SourcesDocument } from '../generated/graphql.js';
import { useLiveRefetch } from '../live.js';
import { useQuery } from '../query.js';
import { Link } from '../router.js';
import { atLeast, useSession } from '../session.js';

export const SourcesPage = () => {
  const { viewer } = useSession();
  const sources = useQuery(SourcesDocument, { first: 100 });
  useLiveRefetch(sources.refetch, (entry) => isSourceId(entry.subjectId) || entry.type === 'ClaimProposed');
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
