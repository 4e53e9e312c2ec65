import { useState } from 'preact/hooks';
import { GraphView } from '../components/GraphView.js';
import { ClaimTabs } from '../components/ClaimTabs.js';
import { ErrorBox, Loading } from '../components/ui.js';
import { isClaimId } from '../domain.js';
import { ArgumentGraphDocument, ClaimPageDocument } from '../generated/graphql.js';
import { useLiveRefetch } from '../live.js';
import { useQuery } from '../query.js';
import { Link } from '../router.js';

/** The claims around one claim (or all claims) as a graph, refreshed live. */
export const GraphPage = ({ rootId }: { rootId?: string | undefined }) => {
  const [depth, setDepth] = useState(2);
  const graph = useQuery(
    ArgumentGraphDocument,
    { rootId: rootId ?? null, depth, asOf: null },
    { keepPrevious: true },
  );
  const root = useQuery(ClaimPageDocument, { id: rootId ?? '' }, { skip: !rootId });
  useLiveRefetch(
    () => {
      graph.refetch();
      if (rootId) root.refetch();
    },
    (entry) => isClaimId(entry.subjectId),
  );
  const statement = root.data?.claim?.statement;
  return (
    <article>
      <header class="claim-header">
        <p class="breadcrumbs">
          <Link href="/claims">Claims</Link>
          {rootId ? (
            <>
              {' '}
              <span aria-hidden="true">›</span> <Link href={`/claims/${rootId}`}>{rootId}</Link>
            </>
          ) : null}
        </p>
        <h1 tabIndex={-1}>
          {rootId ? `Argument graph around: ${statement ?? rootId}` : 'Argument graph of all claims'}
        </h1>
        {rootId ? <ClaimTabs id={rootId} /> : null}
      </header>
      <div class="toolbar">
        {rootId ? (
          <label>
            Steps from this claim{' '}
            <select value={String(depth)} onChange={(event) => setDepth(Number(event.currentTarget.value))}>
              {[1, 2, 3, 4, 5].map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {graph.loading ? <span role="status">Loading…</span> : null}
      </div>
      {graph.error ? <ErrorBox error={graph.error} /> : null}
      {graph.data ? (
        graph.data.argumentGraph.nodes.length === 0 ? (
          <p class="empty">No claims to draw{rootId ? ' (the claim may be retracted)' : ''}.</p>
        ) : (
          <GraphView
            graph={graph.data.argumentGraph}
            rootId={rootId}
            caption={rootId ? `Claims within ${depth} steps of this claim` : 'All claims'}
          />
        )
      ) : !graph.error ? (
        <Loading what="Loading the graph" />
      ) : null}
    </article>
  );
};
