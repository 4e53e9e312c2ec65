import { useState } from 'preact/hooks';
import type { MapNode } from './map-filters.js';

const MAX_HITS = 8;

/** Finds claims on the map by words of their statement; choosing one focuses it. */
export const MapSearch = ({
  nodes,
  onFocus,
}: {
  nodes: readonly MapNode[];
  onFocus: (id: string) => void;
}) => {
  const [text, setText] = useState('');
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  const hits = words.length
    ? nodes.filter((node) => words.every((word) => node.statement.toLowerCase().includes(word)))
    : [];
  return (
    <div role="search" class="map-search">
      <label>
        Find a claim on the map{' '}
        <input
          type="search"
          value={text}
          onInput={(event) => setText(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && hits[0]) onFocus(hits[0].id);
          }}
        />
      </label>
      {words.length ? (
        <ul class="plain map-hits" aria-label="Matching claims">
          {hits.slice(0, MAX_HITS).map((node) => (
            <li key={node.id}>
              <button type="button" class="link-button" onClick={() => onFocus(node.id)}>
                {node.statement}
              </button>
            </li>
          ))}
          {hits.length === 0 ? <li>No claim on the map has these words.</li> : null}
          {hits.length > MAX_HITS ? <li>…and {hits.length - MAX_HITS} more: add words to narrow.</li> : null}
        </ul>
      ) : null}
    </div>
  );
};
