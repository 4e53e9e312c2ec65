import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { describeError, isNotServedYet, request } from '../api.js';
import { GraphView } from '../components/GraphView.js';
import {
  AcceptabilityBadge,
  ErrorBox,
  formatTime,
  Loading,
  StatusBadge,
  Time,
  Who,
} from '../components/ui.js';
import {
  ArgumentGraphDocument,
  ClaimAtVersionDocument,
  ClaimHistoryDocument,
  type ClaimHistoryQuery,
} from '../generated/graphql.js';
import { useLiveRefetch } from '../live.js';
import { NO_PERMISSIONS } from '../session.js';
import type { ArgumentGraph, ClaimDetail } from '../types.js';
import { ClaimBody, ClaimHeader } from './ClaimPage.js';

type HistoryClaim = NonNullable<ClaimHistoryQuery['claim']>;
type Current = Omit<HistoryClaim, 'history'>;
type HistoryEntry = HistoryClaim['history']['edges'][number]['node'];

type Loaded<T> =
  | { readonly state: 'idle' | 'loading' }
  | { readonly state: 'done'; readonly value: T }
  | { readonly state: 'not-served'; readonly message: string }
  | { readonly state: 'error'; readonly error: unknown };

const PAGE = 200;
const MAX_PAGES = 20;

/** The whole audit trail of one claim (newest first), page by page. */
const loadHistory = async (id: string): Promise<{ claim: Current; entries: HistoryEntry[] } | null> => {
  const entries: HistoryEntry[] = [];
  let after: string | null = null;
  let claim: Current | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const data: ClaimHistoryQuery = await request(ClaimHistoryDocument, { id, first: PAGE, after });
    if (!data.claim) return null;
    claim = data.claim;
    entries.push(...data.claim.history.edges.map((edge) => edge.node));
    if (!data.claim.history.pageInfo.hasNextPage) break;
    after = data.claim.history.pageInfo.endCursor;
  }
  return claim ? { claim, entries } : null;
};

const problemText = (error: unknown) => describeError(error).replace(/\.$/, '');

/**
 * The claim's audit trail as a timeline, and a slider that shows the claim — and the argument graph around
 * it — as it stood after any version (claim(id, atVersion) and argumentGraph(rootId, asOf)).
 */
export const HistoryPage = ({ id }: { id: string }) => {
  const [history, setHistory] = useState<{ claim: Current; entries: HistoryEntry[] } | null | undefined>();
  const [historyError, setHistoryError] = useState<unknown>();
  /** undefined: follow the latest version. */
  const [chosen, setChosen] = useState<number | undefined>();
  const [snapshot, setSnapshot] = useState<Loaded<ClaimDetail | null> & { version?: number }>({
    state: 'idle',
  });
  const [graph, setGraph] = useState<Loaded<ArgumentGraph>>({ state: 'idle' });
  const ticket = useRef(0);

  const reload = useCallback(() => {
    loadHistory(id).then(
      (loaded) => {
        setHistory(loaded);
        setHistoryError(undefined);
      },
      (error: unknown) => setHistoryError(error),
    );
  }, [id]);
  useEffect(reload, [reload]);
  useLiveRefetch(reload, (entry) => entry.subjectId === id);

  const latest = history?.claim.version ?? 0;
  const version = Math.min(chosen ?? latest, latest);
  const entryAt = history?.entries.find((entry) => entry.version === version);

  // Time travel for the chosen version, debounced while the slider moves.
  useEffect(() => {
    if (!history || version < 1) return;
    const mine = ++ticket.current;
    setSnapshot({ state: 'loading' });
    setGraph({ state: 'loading' });
    const timer = setTimeout(() => {
      request(ClaimAtVersionDocument, { id, version }).then(
        (data) => mine === ticket.current && setSnapshot({ state: 'done', value: data.claim, version }),
        (error: unknown) =>
          mine === ticket.current &&
          setSnapshot(
            isNotServedYet(error)
              ? { state: 'not-served', message: problemText(error) }
              : { state: 'error', error },
          ),
      );
      // asOf includes the events recorded by then: the recording time, not the command's, includes this one.
      const entry = history.entries.find((candidate) => candidate.version === version);
      const asOf = entry?.recordedAt ?? entry?.occurredAt ?? null;
      request(ArgumentGraphDocument, { rootId: id, depth: 2, asOf }).then(
        (data) => mine === ticket.current && setGraph({ state: 'done', value: data.argumentGraph }),
        (error: unknown) =>
          mine === ticket.current &&
          setGraph(
            isNotServedYet(error)
              ? { state: 'not-served', message: problemText(error) }
              : { state: 'error', error },
          ),
      );
    }, 200);
    return () => clearTimeout(timer);
  }, [id, version, history?.entries.length]);

  if (historyError && !history) return <ErrorBox error={historyError} />;
  if (history === undefined) return <Loading what="Loading the history" />;
  if (history === null) return <ErrorBox>No claim with the id {id}.</ErrorBox>;

  const { claim, entries } = history;
  const describe = (entry: HistoryEntry | undefined) =>
    entry ? `${formatTime(entry.occurredAt, true)}, ${entry.actor.id}: ${entry.summary}` : '';
  const setVersion = (next: number) => setChosen(next >= latest ? undefined : Math.max(1, next));
  const then = snapshot.state === 'done' ? snapshot.value : undefined;

  return (
    <article class="history-page">
      <ClaimHeader claim={claim} />
      <section class="card slider-card" aria-labelledby="slider-heading">
        <h2 id="slider-heading">Time travel</h2>
        <label for="history-slider" class="slider-label">
          Show the claim as it stood after version{' '}
          <output for="history-slider" data-testid="slider-version">
            {version}
          </output>{' '}
          of {latest}
        </label>
        <div class="slider-row">
          <button
            type="button"
            onClick={() => setVersion(version - 1)}
            disabled={version <= 1}
            aria-label="One version earlier"
          >
            ◀ Earlier
          </button>
          <input
            id="history-slider"
            type="range"
            min={1}
            max={Math.max(1, latest)}
            step={1}
            value={version}
            aria-valuetext={`Version ${version} of ${latest}: ${describe(entryAt)}`}
            onInput={(event) => setVersion(Number(event.currentTarget.value))}
          />
          <button
            type="button"
            onClick={() => setVersion(version + 1)}
            disabled={version >= latest}
            aria-label="One version later"
          >
            Later ▶
          </button>
          <button type="button" onClick={() => setChosen(undefined)} disabled={chosen === undefined}>
            Now
          </button>
        </div>
        <p class="meta" aria-live="polite">
          {entryAt ? (
            <>
              Version {version}: <Time iso={entryAt.occurredAt} seconds /> · <Who actor={entryAt.actor} /> ·{' '}
              {entryAt.summary}
              {entryAt.reason ? <> · reason: “{entryAt.reason}”</> : null}
            </>
          ) : null}
        </p>
      </section>

      <div class="history-layout">
        <section class="card timeline-card" aria-labelledby="timeline-heading">
          <h2 id="timeline-heading">Audit trail ({entries.length} events)</h2>
          <ol class="timeline" reversed>
            {entries.map((entry) => (
              <li
                key={entry.position}
                class={entry.version === version ? 'current' : ''}
                aria-current={entry.version === version ? 'step' : undefined}
              >
                <div class="timeline-head">
                  <span class="version">v{entry.version}</span> <Time iso={entry.occurredAt} seconds /> ·{' '}
                  <Who actor={entry.actor} />
                </div>
                <p class="summary">{entry.summary}</p>
                {entry.reason ? <p class="reason">Reason: {entry.reason}</p> : null}
                <p class="meta">
                  <span class="mono">{entry.type}</span>{' '}
                  <button
                    type="button"
                    class="link-button"
                    onClick={() => setVersion(entry.version)}
                    aria-label={`Show the claim at version ${entry.version}`}
                  >
                    Show as of here
                  </button>
                </p>
              </li>
            ))}
          </ol>
        </section>

        <section
          class="card snapshot-card"
          aria-labelledby="snapshot-heading"
          aria-busy={snapshot.state === 'loading' ? 'true' : undefined}
          data-version={version}
        >
          <h2 id="snapshot-heading">
            As it stood at version {version}
            {version === latest ? ' (now)' : ''}
          </h2>
          {snapshot.state === 'not-served' ? (
            <div class="notice" role="status" data-testid="time-travel-unavailable">
              <p>
                <strong>Time travel isn't available on this server yet.</strong> The server answered: “
                {snapshot.message}”. The audit trail lists every change meanwhile.
              </p>
            </div>
          ) : null}
          {snapshot.state === 'error' ? <ErrorBox error={snapshot.error} /> : null}
          {snapshot.state === 'loading' ? <Loading what={`Loading version ${version}`} /> : null}
          {then === null ? <p class="empty">The claim did not exist at that version.</p> : null}
          {then ? (
            <div data-testid="snapshot" data-snapshot-version={then.version}>
              <p class="then-now">
                Then: <StatusBadge status={then.status} />{' '}
                <AcceptabilityBadge acceptability={then.acceptability} /> · Now:{' '}
                <StatusBadge status={claim.status} />{' '}
                <AcceptabilityBadge acceptability={claim.acceptability} />
              </p>
              <p class="then-statement">
                <strong>Statement then:</strong> {then.statement}
              </p>
              <ClaimBody claim={then} can={NO_PERMISSIONS} />
            </div>
          ) : null}
          <h3>The argument graph then</h3>
          {graph.state === 'not-served' ? (
            <p class="notice" role="status">
              The graph as it stood isn't available on this server yet ({graph.message}).
            </p>
          ) : null}
          {graph.state === 'error' ? <ErrorBox error={graph.error} /> : null}
          {graph.state === 'done' ? (
            graph.value.nodes.length ? (
              <GraphView
                graph={graph.value}
                rootId={id}
                caption={`Argument graph as of version ${version}`}
              />
            ) : (
              <p class="empty">No claims in the graph then.</p>
            )
          ) : null}
        </section>
      </div>
    </article>
  );
};
