import { useMemo, useState } from 'preact/hooks';
import { ErrorBox, Loading } from '../components/ui.js';
import { isClaimId } from '../domain.js';
import { ActivityFeedDocument, DeskNamesDocument } from '../generated/graphql.js';
import { useLiveRefetch } from '../live.js';
import { useQuery } from '../query.js';
import { Link } from '../router.js';
import '../desk.css';
import { feedSentence, type DeskNames } from './feed-words.js';

const STEP = 100;
const NAMES_PAGE = 500;

const when = (at: string) =>
  new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/**
 * Everything happening across claims and sources, newest first, live, in words; filterable by actor (asked of
 * the API), type and source; each entry links to its claim and to the map at that moment.
 */
export const ActivityPage = () => {
  const [actorId, setActorId] = useState('');
  const [type, setType] = useState('');
  const [sourceId, setSourceId] = useState('');
  const [first, setFirst] = useState(STEP);
  const feed = useQuery(
    ActivityFeedDocument,
    { first, after: null, filter: actorId ? { actorId } : null },
    { keepPrevious: true },
  );
  const namesQuery = useQuery(DeskNamesDocument, { first: NAMES_PAGE });
  useLiveRefetch(() => {
    feed.refetch();
    namesQuery.refetch();
  });
  const names: DeskNames = useMemo(
    () => ({
      claims: new Map(
        namesQuery.data?.claims.edges.map(({ node }) => [
          node.id,
          { statement: node.statement, sourceId: node.anchor?.source.id },
        ]) ?? [],
      ),
      sources: new Map(namesQuery.data?.sources.edges.map(({ node }) => [node.id, node.title]) ?? []),
    }),
    [namesQuery.data],
  );
  const entries = feed.data?.auditTrail.edges.map((edge) => edge.node) ?? [];
  const types = [...new Set(entries.map((entry) => entry.type))].sort();
  const actors = [
    ...new Set([...entries.map((entry) => entry.actor.id), ...(actorId ? [actorId] : [])]),
  ].sort();
  const shown = entries.filter(
    (entry) =>
      (!type || entry.type === type) &&
      (!sourceId || entry.subjectId === sourceId || names.claims.get(entry.subjectId)?.sourceId === sourceId),
  );
  return (
    <article class="activity-page">
      <header class="claim-header">
        <h1 tabIndex={-1}>Activity</h1>
        <p>Every change across claims and sources, newest first; new ones appear as they happen.</p>
      </header>
      <div class="toolbar" role="group" aria-label="Filters">
        <label>
          Actor{' '}
          <select value={actorId} onChange={(event) => setActorId(event.currentTarget.value)}>
            <option value="">anyone</option>
            {actors.map((actor) => (
              <option key={actor} value={actor}>
                {actor}
              </option>
            ))}
          </select>
        </label>
        <label>
          Type{' '}
          <select value={type} onChange={(event) => setType(event.currentTarget.value)}>
            <option value="">any</option>
            {types.map((each) => (
              <option key={each} value={each}>
                {each}
              </option>
            ))}
          </select>
        </label>
        <label>
          Source{' '}
          <select value={sourceId} onChange={(event) => setSourceId(event.currentTarget.value)}>
            <option value="">any</option>
            {[...names.sources].map(([id, title]) => (
              <option key={id} value={id}>
                {title}
              </option>
            ))}
          </select>
        </label>
      </div>
      {feed.error ? <ErrorBox error={feed.error} /> : null}
      {!feed.data && !feed.error ? <Loading what="Loading the activity" /> : null}
      <ol class="plain feed" aria-label="Activity, newest first" data-testid="feed">
        {shown.map((entry) => (
          <li key={entry.position} class="feed-entry" data-type={entry.type} data-subject={entry.subjectId}>
            <time dateTime={entry.occurredAt}>{when(entry.occurredAt)}</time>{' '}
            <span class="feed-words">{feedSentence(entry, names)}</span>
            {entry.reason ? <span class="feed-reason"> — “{entry.reason}”</span> : null}{' '}
            {isClaimId(entry.subjectId) ? (
              <span class="feed-links">
                <Link href={`/claims/${entry.subjectId}`}>the claim</Link> ·{' '}
                <Link href={`/graph?asOf=${encodeURIComponent(entry.recordedAt)}&focus=${entry.subjectId}`}>
                  on the map at that moment
                </Link>
              </span>
            ) : (
              <Link href={`/sources/${entry.subjectId}`}>the source</Link>
            )}
          </li>
        ))}
      </ol>
      {feed.data && shown.length === 0 ? <p class="empty">No activity matches these filters.</p> : null}
      {feed.data?.auditTrail.pageInfo.hasNextPage && first < 500 ? (
        <button type="button" onClick={() => setFirst(Math.min(500, first + STEP))}>
          Show older activity
        </button>
      ) : null}
    </article>
  );
};
