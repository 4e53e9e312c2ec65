import { AcceptabilityBadge, ErrorBox } from '../components/ui.js';
import { ClaimEditorialDocument } from '../generated/graphql.js';
import { useLiveRefetch } from '../live.js';
import { useQuery } from '../query.js';
import '../desk.css';
import { WordDiff } from './word-diff.js';

const words = (type: string) =>
  type
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();

const when = (at: string) =>
  new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const text = (data: unknown, key: string): string | undefined => {
  const value = data && typeof data === 'object' ? (data as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? value : undefined;
};

/**
 * Beside a claim, for editors: a banner when its verdict has gone stale (which version it judged, what
 * changed and when, the statement then and now word by word), the history of its standing with causes, and
 * each revision of its statement as a word-level diff. Refreshed live.
 */
export const EditorPanel = ({ id }: { id: string }) => {
  const query = useQuery(ClaimEditorialDocument, { id }, { keepPrevious: true });
  useLiveRefetch(query.refetch);
  const claim = query.data?.claim;
  if (query.error && !claim)
    return <ErrorBox error={query.error}>The editors' view of this claim could not be loaded.</ErrorBox>;
  if (!claim) return null;
  const assessment = claim.assessment;
  const revisions = claim.history.edges
    .map((edge) => edge.node)
    .filter((entry) => entry.type === 'ClaimRevised');
  const standing = claim.standingHistory.edges.map((edge) => edge.node);
  return (
    <section class="editor-panel" aria-label="For editors" data-testid="editor-panel">
      {assessment?.stale ? (
        <div class="stale-banner" role="status" data-testid="stale-banner">
          <strong>The verdict is stale.</strong> {assessment.verdict} was given on version{' '}
          {assessment.assessedVersion}
          {assessment.staleSince
            ? `; the claim changed at version ${assessment.staleSince.version} (${assessment.staleSince.actor.id}: ${words(assessment.staleSince.type)}, ${when(assessment.staleSince.occurredAt)})`
            : ''}
          . It is now at version {claim.version}.
          {assessment.assessedStatement !== claim.statement ? (
            <p>
              Statement then → now: <WordDiff before={assessment.assessedStatement} after={claim.statement} />
            </p>
          ) : null}
        </div>
      ) : null}
      {standing.length ? (
        <details class="standing-history">
          <summary>Its standing through time ({claim.standingHistory.totalCount} changes)</summary>
          <ol class="plain">
            {standing.map((change) => (
              <li key={change.position}>
                {when(change.at)}:{' '}
                {change.from ? (
                  <>
                    <AcceptabilityBadge acceptability={change.from} /> →{' '}
                  </>
                ) : (
                  'entered the debate as '
                )}
                <AcceptabilityBadge acceptability={change.to} /> — {change.cause.actor.id}:{' '}
                {words(change.cause.type)}
                {change.event && change.event.subjectId !== claim.id ? ' on another claim' : ''}
                {change.cause.reason ? `: “${change.cause.reason}”` : ''}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      {revisions.length ? (
        <details class="revisions">
          <summary>Statement revisions ({revisions.length})</summary>
          <ol class="plain">
            {revisions.map((entry) => (
              <li key={entry.position} data-testid="revision">
                Version {entry.version}, {entry.actor.id}, {when(entry.occurredAt)}
                {entry.reason ? ` (“${entry.reason}”)` : ''}:{' '}
                <WordDiff
                  before={text(entry.data, 'previousStatement') ?? ''}
                  after={text(entry.data, 'statement') ?? ''}
                />
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
};
