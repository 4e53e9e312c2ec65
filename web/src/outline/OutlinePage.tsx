import { useMemo } from 'preact/hooks';
import { ClaimTabs } from '../components/ClaimTabs.js';
import { ErrorBox, Loading } from '../components/ui.js';
import { isClaimId } from '../domain.js';
import { ArgumentGraphDocument } from '../generated/graphql.js';
import { useLiveRefetch } from '../live.js';
import { useQuery } from '../query.js';
import { Link } from '../router.js';
import '../desk.css';
import { buildOutline } from './outline-tree.js';
import { OutlineTree } from './OutlineTree.js';

/** The API's deepest argument graph around a claim (argumentGraph's MAX_DEPTH). */
const DEPTH = 10;

/** The pro/con outline from one claim: the claims arguing about it, nested, expandable by keyboard. */
export const OutlinePage = ({ id }: { id: string }) => {
  const graph = useQuery(
    ArgumentGraphDocument,
    { rootId: id, depth: DEPTH, asOf: null },
    { keepPrevious: true },
  );
  useLiveRefetch(graph.refetch, (entry) => isClaimId(entry.subjectId));
  const root = useMemo(
    () => (graph.data ? buildOutline(graph.data.argumentGraph, id) : undefined),
    [graph.data, id],
  );
  return (
    <article>
      <header class="claim-header">
        <p class="breadcrumbs">
          <Link href="/claims">Claims</Link> <span aria-hidden="true">›</span>{' '}
          <Link href={`/claims/${id}`}>{root?.claim.statement ?? id}</Link>
        </p>
        <h1 tabIndex={-1}>Outline: the arguments about this claim</h1>
        <ClaimTabs id={id} />
      </header>
      <p class="hint">
        Use the arrow keys in the outline: → opens a row, ← closes it, ↓ and ↑ move, Enter opens the claim.
      </p>
      {graph.error ? <ErrorBox error={graph.error} /> : null}
      {root ? (
        <OutlineTree root={root} label={`Arguments about: ${root.claim.statement}`} />
      ) : graph.data ? (
        <p class="empty">The claim is not on the map (it may be retracted).</p>
      ) : !graph.error ? (
        <Loading what="Loading the outline" />
      ) : null}
    </article>
  );
};
