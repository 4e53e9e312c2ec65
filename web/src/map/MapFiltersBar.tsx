import type { Acceptability, ClaimStatus } from '../types.js';
import type { filterChoices, MapFilters } from './map-filters.js';
import { ACCEPTABILITIES } from './map-style.js';

const STATUSES: ClaimStatus[] = ['OPEN', 'CONTESTED', 'ASSESSED'];

const Choice = ({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: ReadonlyArray<readonly [string, string]>;
  onChange: (value: string) => void;
}) => (
  <label>
    {label}{' '}
    <select value={value} onChange={(event) => onChange(event.currentTarget.value)}>
      <option value="">any</option>
      {options.map(([id, text]) => (
        <option key={id} value={id}>
          {text}
        </option>
      ))}
    </select>
  </label>
);

/** The map's filters: source, status, acceptability, tag, author. */
export const MapFiltersBar = ({
  filters,
  choices,
  onChange,
}: {
  filters: MapFilters;
  choices: ReturnType<typeof filterChoices>;
  onChange: (filters: MapFilters) => void;
}) => (
  <div class="toolbar map-filters" role="group" aria-label="Filters">
    <Choice
      label="Source"
      value={filters.sourceId}
      options={choices.sources}
      onChange={(sourceId) => onChange({ ...filters, sourceId })}
    />
    <Choice
      label="Status"
      value={filters.status}
      options={STATUSES.map((status) => [status, status] as const)}
      onChange={(status) => onChange({ ...filters, status: status as ClaimStatus | '' })}
    />
    <Choice
      label="Acceptability"
      value={filters.acceptability}
      options={ACCEPTABILITIES.map((name) => [name, name] as const)}
      onChange={(acceptability) =>
        onChange({ ...filters, acceptability: acceptability as Acceptability | '' })
      }
    />
    <Choice
      label="Tag"
      value={filters.tag}
      options={choices.tags.map((tag) => [tag, tag] as const)}
      onChange={(tag) => onChange({ ...filters, tag })}
    />
    <Choice
      label="Author"
      value={filters.author}
      options={choices.authors.map((author) => [author, author] as const)}
      onChange={(author) => onChange({ ...filters, author })}
    />
  </div>
);
