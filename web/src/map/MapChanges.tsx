import { AcceptabilityBadge } from '../components/ui.js';
import type { MapGraph } from './map-filters.js';
import { diffGraphs, isEmptyDiff } from './map-diff.js';
import type { Moment } from './map-moments.js';
import { KIND_LOOK } from './map-style.js';
import { eventWords } from './TimeControl.js';

/** "What changed at this moment": claims and links added or removed, labels flipped, with who and why. */
export const MapChanges = ({
  before,
  after,
  moment,
}: {
  before: MapGraph;
  after: MapGraph;
  moment: Moment;
}) => {
  const diff = diffGraphs(before, after);
  const statement = new Map([...before.nodes, ...after.nodes].map((node) => [node.id, node.statement]));
  const name = (id: string) => `“${statement.get(id) ?? id}”`;
  return (
    <section class="map-changes" aria-label="What changed at this moment" data-testid="map-changes">
      <h2>What changed since the moment before</h2>
      {isEmptyDiff(diff) ? (
        <p>Nothing on the map changed (the change was to evidence, tags or notes).</p>
      ) : null}
      <ul class="plain">
        {diff.claimsAdded.map((node) => (
          <li key={`+${node.id}`} data-change="claim-added">
            Claim added: {name(node.id)}
          </li>
        ))}
        {diff.claimsRemoved.map((node) => (
          <li key={`-${node.id}`} data-change="claim-removed">
            Claim retracted: {name(node.id)}
          </li>
        ))}
        {diff.linksAdded.map((edge) => (
          <li key={`+${edge.from.id}${edge.kind}${edge.to.id}`} data-change="link-added">
            Link added: {name(edge.from.id)} {KIND_LOOK[edge.kind].words} {name(edge.to.id)}
          </li>
        ))}
        {diff.linksRemoved.map((edge) => (
          <li key={`-${edge.from.id}${edge.kind}${edge.to.id}`} data-change="link-removed">
            Link removed: {name(edge.from.id)} {KIND_LOOK[edge.kind].words} {name(edge.to.id)}
          </li>
        ))}
        {diff.flipped.map(({ node, from }) => (
          <li key={`~${node.id}`} data-change="label-flipped">
            Label flipped: {name(node.id)} <AcceptabilityBadge acceptability={from} /> →{' '}
            <AcceptabilityBadge acceptability={node.acceptability} />
          </li>
        ))}
        {diff.reworded.map(({ node, was }) => (
          <li key={`r${node.id}`} data-change="reworded">
            Revised: {name(node.id)}, was “{was}”
          </li>
        ))}
      </ul>
      <h3>Who and why</h3>
      <ul class="plain">
        {moment.events.map((event) => (
          <li key={event.position}>
            <strong>{event.actor.id}</strong> — {eventWords(event.type)} {name(event.subjectId)}
            {event.reason ? `: “${event.reason}”` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
};
