import { useMemo, useState } from 'preact/hooks';
import { AcceptabilityBadge, ErrorBox, Loading } from '../components/ui.js';
import { isClaimId } from '../domain.js';
import { ArgumentMapDocument } from '../generated/graphql.js';
import { useLiveRefetch } from '../live.js';
import { useQuery } from '../query.js';
import { Link, navigate } from '../router.js';
import '../desk.css';
import { MapCanvas } from './MapCanvas.js';
import { MapFiltersBar } from './MapFiltersBar.js';
import { MapLegend } from './MapLegend.js';
import { filterChoices, filterGraph, neighbourhood, NO_FILTERS, type MapFilters } from './map-filters.js';
import { KIND_LOOK } from './map-style.js';
import { MapSearch } from './MapSearch.js';
import { MapChanges } from './MapChanges.js';
import { useMoments } from './map-moments.js';
import { TimeControl } from './TimeControl.js';

const EMPTY_GRAPH = { asOf: null, nodes: [], edges: [] };

/** `/graph?asOf=…&focus=…`: the map at a moment, focused on a claim (the activity feed links here). */
const fromAddress = () => {
  const params = new URLSearchParams(window.location.search);
  return { asOf: params.get('asOf'), focus: params.get('focus') ?? undefined };
};

/**
 * The argument map of every claim: a layered layout, filters, search to focus a claim, focus + context,
 * refreshed live.
 */
export const MapPage = () => {
  const [filters, setFilters] = useState<MapFilters>(NO_FILTERS);
  const [focusId, setFocusId] = useState<string | undefined>(() => fromAddress().focus);
  const [asOf, setAsOf] = useState<string | null>(() => fromAddress().asOf);
  const { moments, error: momentsError } = useMoments();
  const found = asOf === null ? moments.length : moments.findIndex((moment) => moment.at === asOf);
  const index = found < 0 ? moments.length : found;
  const moment = asOf !== null ? moments[index] : undefined;
  const previousAt = moment && index > 0 ? moments[index - 1]!.at : null;
  const travel = (next: number) => {
    const at = next >= moments.length ? null : moments[next]!.at;
    setAsOf(at);
    navigate(at ? `/graph?asOf=${encodeURIComponent(at)}` : '/graph', { replace: true });
  };
  // The text version of 500 claims is drawn only once someone opens it: it costs the first paint otherwise.
  const [textOpen, setTextOpen] = useState(false);
  const graph = useQuery(ArgumentMapDocument, { asOf }, { keepPrevious: true });
  const before = useQuery(ArgumentMapDocument, { asOf: previousAt }, { skip: !moment || index === 0 });
  // Only the present changes live; a past moment stays as it was.
  useLiveRefetch(
    () => {
      if (asOf === null) graph.refetch();
    },
    (entry) => isClaimId(entry.subjectId),
  );
  const whole = graph.data?.argumentGraph;
  const shown = useMemo(() => (whole ? filterGraph(whole, filters) : undefined), [whole, filters]);
  const choices = useMemo(() => (whole ? filterChoices(whole) : undefined), [whole]);
  const focused = shown?.nodes.find((node) => node.id === focusId);
  const byId = new Map(shown?.nodes.map((node) => [node.id, node]) ?? []);
  const near = shown && focused ? neighbourhood(shown, focused.id) : undefined;

  return (
    <article class="map-page">
      <header class="claim-header">
        <h1 tabIndex={-1}>Argument map{moment ? ' as it stood' : ''}</h1>
        <p class="map-summary" role="status">
          {shown && whole
            ? `${shown.nodes.length} of ${whole.nodes.length} claims, ${shown.edges.length} links`
            : 'Loading…'}
        </p>
      </header>
      <TimeControl moments={moments} index={index} onChange={travel} />
      {momentsError ? <ErrorBox error={momentsError} /> : null}
      {choices ? <MapFiltersBar filters={filters} choices={choices} onChange={setFilters} /> : null}
      {shown ? <MapSearch nodes={shown.nodes} onFocus={setFocusId} /> : null}
      {graph.error ? <ErrorBox error={graph.error} /> : null}
      {shown ? (
        shown.nodes.length === 0 ? (
          <p class="empty">No claims match these filters.</p>
        ) : (
          <div class="map-layout">
            <figure class="map-figure">
              <MapCanvas
                graph={shown}
                focusId={focused?.id}
                onSelect={setFocusId}
                label={`Argument map: ${shown.nodes.length} claims and ${shown.edges.length} links, listed below the map.`}
              />
              <figcaption>
                <MapLegend />
              </figcaption>
            </figure>
            <aside class="map-focus" aria-label="Selected claim">
              {focused && near ? (
                <>
                  <h2>Selected claim</h2>
                  <p>
                    <AcceptabilityBadge acceptability={focused.acceptability} />{' '}
                    <span class={`badge status-${focused.status}`}>{focused.status}</span>
                  </p>
                  <p class="map-focus-statement" data-testid="map-focus">
                    {focused.statement}
                  </p>
                  <p>
                    <Link href={`/claims/${focused.id}`}>Open the claim</Link>
                  </p>
                  <h3>
                    Links (
                    {shown.edges.filter((e) => e.from.id === focused.id || e.to.id === focused.id).length})
                  </h3>
                  <ul class="plain map-links">
                    {shown.edges
                      .filter((edge) => edge.from.id === focused.id || edge.to.id === focused.id)
                      .map((edge) => {
                        const other = edge.from.id === focused.id ? edge.to.id : edge.from.id;
                        const outgoing = edge.from.id === focused.id;
                        return (
                          <li key={`${edge.from.id}|${edge.kind}|${edge.to.id}`}>
                            {outgoing ? 'It ' : ''}
                            {outgoing ? KIND_LOOK[edge.kind].words : ''}
                            {outgoing ? ' ' : ''}
                            <button type="button" class="link-button" onClick={() => setFocusId(other)}>
                              {byId.get(other)?.statement ?? other}
                            </button>
                            {outgoing ? '' : ` ${KIND_LOOK[edge.kind].words} it`}
                          </li>
                        );
                      })}
                  </ul>
                  <button type="button" onClick={() => setFocusId(undefined)}>
                    Show the whole map
                  </button>
                </>
              ) : (
                <p>Select a claim on the map, or search for one, to bring it and its neighbours forward.</p>
              )}
            </aside>
          </div>
        )
      ) : !graph.error ? (
        <Loading what="Loading the map" />
      ) : null}
      {moment && whole && (index === 0 || before.data) ? (
        <MapChanges
          before={index === 0 ? EMPTY_GRAPH : before.data!.argumentGraph}
          after={whole}
          moment={moment}
        />
      ) : null}
      {shown ? (
        <details class="graph-text" onToggle={(event) => setTextOpen(event.currentTarget.open)}>
          <summary>
            The map as text ({shown.nodes.length} claims, {shown.edges.length} links)
          </summary>
          {textOpen ? (
            <>
              <ul class="plain" data-testid="map-text-nodes">
                {shown.nodes.map((node) => (
                  <li key={node.id} data-claim-id={node.id} data-acceptability={node.acceptability}>
                    <AcceptabilityBadge acceptability={node.acceptability} />{' '}
                    <Link href={`/claims/${node.id}`}>{node.statement}</Link>
                  </li>
                ))}
              </ul>
              <ul class="plain" data-testid="map-text-edges">
                {shown.edges.map((edge) => (
                  <li
                    key={`${edge.from.id}|${edge.kind}|${edge.to.id}`}
                    data-edge={`${edge.from.id}|${edge.kind}|${edge.to.id}`}
                  >
                    “{byId.get(edge.from.id)?.statement ?? edge.from.id}”{' '}
                    <strong>{KIND_LOOK[edge.kind].words}</strong> “
                    {byId.get(edge.to.id)?.statement ?? edge.to.id}”
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </details>
      ) : null}
    </article>
  );
};
