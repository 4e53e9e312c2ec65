import { useState } from 'preact/hooks';
import { AcceptabilityBadge, ErrorBox } from '../components/ui.js';
import { isClaimId } from '../domain.js';
import { ReviewQueueDocument, SourcesDocument } from '../generated/graphql.js';
import { useLiveRefetch } from '../live.js';
import { useQuery } from '../query.js';
import { Link } from '../router.js';
import '../desk.css';
import { PERIODS, QUEUES, sinceDays, type QueueClaim, type QueueDefinition } from './review-queues.js';

const PAGE = 200;

const QueueRow = ({ claim, queue }: { claim: QueueClaim; queue: QueueDefinition['id'] }) => (
  <li class="queue-row" data-claim-id={claim.id}>
    <Link href={`/claims/${claim.id}`}>{claim.statement}</Link>
    <span class="queue-facts">
      <AcceptabilityBadge acceptability={claim.acceptability} />{' '}
      <span class={`badge status-${claim.status}`}>{claim.status}</span>
      {claim.anchor ? <> · {claim.anchor.source.title}</> : null}
      {queue === 'stale' && claim.assessment ? (
        <span data-testid="stale-note">
          {' '}
          · verdict {claim.assessment.verdict} on version {claim.assessment.assessedVersion}; the claim is at
          version {claim.version}
        </span>
      ) : null}
    </span>{' '}
    <Link href={`/claims/${claim.id}/history`}>history</Link>
  </li>
);

const Queue = ({ queue, since, sourceId }: { queue: QueueDefinition; since: string; sourceId: string }) => {
  const filter = { ...queue.filter(since), ...(sourceId ? { sourceId } : {}) };
  const result = useQuery(ReviewQueueDocument, { filter, first: PAGE }, { keepPrevious: true });
  useLiveRefetch(result.refetch, (entry) => isClaimId(entry.subjectId));
  const claims = result.data?.claims.edges.map((edge) => edge.node).filter((c) => queue.keeps(c, since));
  const total = result.data?.claims.totalCount ?? 0;
  const count = claims ? (queue.exact ? total : claims.length) : undefined;
  const more = total > PAGE;
  return (
    <section class="queue" aria-labelledby={`queue-${queue.id}`} data-queue={queue.id}>
      <h2 id={`queue-${queue.id}`}>
        {queue.title}{' '}
        <span class="badge queue-count" data-testid={`count-${queue.id}`}>
          {count ?? '…'}
          {more && !queue.exact ? '+' : ''}
        </span>
      </h2>
      <p class="hint">{queue.help}</p>
      {result.error ? <ErrorBox error={result.error} /> : null}
      {claims && claims.length === 0 ? <p class="empty">Nothing waits here.</p> : null}
      <ul class="plain queue-list">
        {claims?.map((claim) => (
          <QueueRow key={claim.id} claim={claim} queue={queue.id} />
        ))}
      </ul>
      {more ? <p class="hint">Showing the {PAGE} most recently changed.</p> : null}
    </section>
  );
};

/** What needs an editor: four queues with counts, narrowed by source and period, refreshed live. */
export const ReviewPage = () => {
  const [days, setDays] = useState(7);
  const [sourceId, setSourceId] = useState('');
  const since = sinceDays(days);
  const sources = useQuery(SourcesDocument, { first: 100, after: null });
  return (
    <article class="review-page">
      <header class="claim-header">
        <h1 tabIndex={-1}>Review queue</h1>
        <p>Claims that need an editor. The counts and lists follow every change live.</p>
      </header>
      <div class="toolbar" role="group" aria-label="Filters">
        <label>
          Newly linked within{' '}
          <select value={String(days)} onChange={(event) => setDays(Number(event.currentTarget.value))}>
            {PERIODS.map((period) => (
              <option key={period.days} value={period.days}>
                {period.words}
              </option>
            ))}
          </select>
        </label>
        <label>
          Source{' '}
          <select value={sourceId} onChange={(event) => setSourceId(event.currentTarget.value)}>
            <option value="">any</option>
            {sources.data?.sources.edges.map(({ node }) => (
              <option key={node.id} value={node.id}>
                {node.title}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div class="queues">
        {QUEUES.map((queue) => (
          <Queue key={queue.id} queue={queue} since={since} sourceId={sourceId} />
        ))}
      </div>
    </article>
  );
};
