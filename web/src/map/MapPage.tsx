import { useMemo, useState } from 'preact/hooks';
import { AcceptabilityBadge, ErrorBox, Loading } from '../components/ui.js';
import { isClaimId } from '../domain.js';
import { ArgumentMapDocument } from '../generated/graphql.js';
import { useLiveRefetch } from '../live.js';
import { useQuery } from '../query.js';
import { Link } from '../router.js';
import '../desk.css';
import { MapCanvas } from './MapCanvas.js';
import { MapFiltersBar } from './MapFiltersBar.js';
import { MapLegend } from './MapLegend.js';
import { filterChoices, filterGraph, neighbourhood, NO_FILTERS, type MapFilters } from './map-filters.js';
import { KIND_LOOK } from './map-style.js';
import { MapSearch } from './MapSearch.js';

/**
 * The argument map of every claim: a layered layout, filters, search to focus a claim, focus + context,
 * refreshed live.
 */
export const MapPage = () => {
  const [filters, setFilters] = useState<MapFilters>(NO_FILTERS);
  const [focusId, setFocusId] = useState<string | undefined>();
  // The text version of 500 claims is drawn only once someone opens it: it costs the first paint otherwise.
  const [textOpen, setTextOpen] = useState(false);
  const graph = useQuery(ArgumentMapDocument, { asOf: null }, { keepPrevious: true });
  useLiveRefetch(graph.refetch, (entry) => isClaimId(entry.subjectId));
  const whole = graph.data?.argumentGraph;
  const shown = useMemo(() => (whole ? filterGraph(whole, filters) : undefined), [whole, filters]);
  const choices = useMemo(() => (whole ? filterChoices(whole) : undefined), [whole]);
  const focused = shown?.nodes.find((node) => node.id === focusId);
  const byId = new Map(shown?.nodes.map((node) => [node.id, node]) ?? []);
  const near = shown && focused ? neighbourhood(shown, focused.id) : undefined;

  return (
    <article class="map-page">
      <header class="claim-header">
        <h1 tabIndex={-1}>Argument map</h1>
        <p class="map-summary" role="status">
          {shown && whole
            ? `${shown.nodes.length} of ${whole.nodes.length} claims, ${shown.edges.length} links`
            : 'Loading…'}
        </p>
      </header>
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
