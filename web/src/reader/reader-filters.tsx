import type { Acceptability, AnchoredClaim, ClaimStatus } from '../types.js';
import '../desk.css';

/** What the reader highlights; an empty value means any. */
export interface ReaderFilters {
  readonly author: string;
  readonly acceptability: Acceptability | '';
  readonly status: ClaimStatus | '';
}

export const NO_READER_FILTERS: ReaderFilters = { author: '', acceptability: '', status: '' };

export const passesReaderFilters = (claim: AnchoredClaim, filters: ReaderFilters): boolean =>
  (!filters.author || claim.createdBy.id === filters.author) &&
  (!filters.acceptability || claim.acceptability === filters.acceptability) &&
  (!filters.status || claim.status === filters.status);

const LEGEND: Array<{ name: Acceptability; words: string }> = [
  { name: 'IN', words: 'IN: stands (solid underline)' },
  { name: 'OUT', words: 'OUT: defeated (dashed underline)' },
  { name: 'UNDECIDED', words: 'UNDECIDED (dotted underline)' },
];

/** The reader's key (each label has its own underline, not only its colour) and its filters. */
export const ReaderKey = ({
  claims,
  filters,
  onChange,
  shown,
}: {
  claims: readonly AnchoredClaim[];
  filters: ReaderFilters;
  onChange: (filters: ReaderFilters) => void;
  shown: number;
}) => {
  const authors = [...new Set(claims.map((claim) => claim.createdBy.id))].sort();
  return (
    <div class="reader-key">
      <ul class="plain reader-legend" aria-label="Highlight key">
        {LEGEND.map((item) => (
          <li key={item.name}>
            <mark class={`legend-mark legend-${item.name}`}>quoted</mark> {item.words}
          </li>
        ))}
        <li>
          <mark class="legend-mark legend-IN legend-multi">quoted</mark> quoted by more than one claim
          (double)
        </li>
      </ul>
      <div class="toolbar" role="group" aria-label="Which claims to highlight">
        <label>
          Proposed by{' '}
          <select
            value={filters.author}
            onChange={(event) => onChange({ ...filters, author: event.currentTarget.value })}
          >
            <option value="">anyone</option>
            {authors.map((author) => (
              <option key={author} value={author}>
                {author}
              </option>
            ))}
          </select>
        </label>
        <label>
          Label{' '}
          <select
            value={filters.acceptability}
            onChange={(event) =>
              onChange({ ...filters, acceptability: event.currentTarget.value as Acceptability | '' })
            }
          >
            <option value="">any</option>
            <option value="IN">IN</option>
            <option value="OUT">OUT</option>
            <option value="UNDECIDED">UNDECIDED</option>
          </select>
        </label>
        <label>
          Status{' '}
          <select
            value={filters.status}
            onChange={(event) =>
              onChange({ ...filters, status: event.currentTarget.value as ClaimStatus | '' })
            }
          >
            <option value="">any</option>
            <option value="OPEN">OPEN</option>
            <option value="CONTESTED">CONTESTED</option>
            <option value="ASSESSED">ASSESSED</option>
          </select>
        </label>
        <span role="status" data-testid="reader-shown">
          {shown} of {claims.length} claims highlighted
        </span>
      </div>
    </div>
  );
};
