import { useEffect, useState } from 'preact/hooks';
import { ApiError, plainWords } from '../api.js';
import {
  ACCEPTABILITIES,
  AcceptabilityBadge,
  CheckboxGroup,
  ErrorBox,
  label,
  StatusBadge,
  Tags,
  Time,
} from '../components/ui.js';
import { TextField } from '../components/forms/fields.js';
import { parseTags } from '../components/forms/rules.js';
import { CLAIM_STATUSES, isClaimId, VERDICTS } from '../domain.js';
import { ClaimBoardDocument, SourcesDocument, type ClaimBoardQuery } from '../generated/graphql.js';
import { useLiveRefetch } from '../live.js';
import { useQuery } from '../query.js';
import { Link, navigate, useLocation } from '../router.js';
import type {
  Acceptability,
  ClaimFilter,
  ClaimOrderField,
  ClaimRow,
  ClaimStatus,
  OrderDirection,
  Verdict,
} from '../types.js';

/** The board's state lives in the URL, so a filtered view can be bookmarked and shared. */
interface BoardState {
  readonly status: ClaimStatus[];
  readonly acceptability: Acceptability[];
  readonly verdict: Verdict[];
  readonly tags: string;
  readonly source: string;
  readonly search: string;
  /** The order chosen in the URL; null: the default (best match first with a search, else updated). */
  readonly sort: ClaimOrderField | null;
  readonly direction: OrderDirection;
  readonly size: number;
  /** Cursors of the pages before this one (for "Previous"), and this page's `after`. */
  readonly trail: string[];
}

const SIZES = [10, 20, 50, 100];

/** Each sort field, in the order the menu offers them, with its words for descending and ascending. */
const SORT_LABELS: Record<ClaimOrderField, [string, string]> = {
  UPDATED_AT: ['Recently updated first', 'Least recently updated first'],
  CREATED_AT: ['Newest first', 'Oldest first'],
  STATEMENT: ['Statement Z→A', 'Statement A→Z'],
  RELEVANCE: ['Best match first', 'Best match first'],
};

const CLAIM_ORDER_FIELDS = Object.keys(SORT_LABELS) as ClaimOrderField[];

/** A search is ranked best match first unless another order is chosen; RELEVANCE needs a search. */
const sortOf = (state: BoardState): ClaimOrderField => {
  const searching = state.search.trim() !== '';
  if (state.sort === null || (state.sort === 'RELEVANCE' && !searching))
    return searching ? 'RELEVANCE' : 'UPDATED_AT';
  return state.sort;
};

type SearchMatch = NonNullable<ClaimBoardQuery['claims']['edges'][number]['match']>;

/** Where a search matched, when it was not the statement shown above it: the words marked. */
const MatchSnippet = ({ match }: { match: SearchMatch | null }) =>
  match && match.field && match.field !== 'STATEMENT' ? (
    <p class="match-snippet">
      <span class="meta">{label(match.field)}: </span>
      {match.highlights.map((part, index) =>
        part.matched ? (
          <mark key={index} class="search-hit">
            {part.text}
          </mark>
        ) : (
          part.text
        ),
      )}
    </p>
  ) : null;

const pick = <T extends string>(values: string[], allowed: readonly T[]): T[] =>
  values.filter((value): value is T => (allowed as readonly string[]).includes(value));

const readState = (search: string): BoardState => {
  const params = new URLSearchParams(search);
  const list = (name: string) => (params.get(name) ?? '').split(',').filter(Boolean);
  const sort = params.get('sort') ?? '';
  const size = Number(params.get('size'));
  return {
    status: pick(list('status'), CLAIM_STATUSES),
    acceptability: pick(list('acceptability'), ACCEPTABILITIES),
    verdict: pick(list('verdict'), VERDICTS),
    tags: params.get('tags') ?? '',
    source: params.get('source') ?? '',
    search: params.get('q') ?? '',
    sort: pick([sort], CLAIM_ORDER_FIELDS)[0] ?? null,
    direction: params.get('dir') === 'ASC' ? 'ASC' : 'DESC',
    size: SIZES.includes(size) ? size : 20,
    trail: list('page'),
  };
};

const writeState = (state: BoardState): string => {
  const params = new URLSearchParams();
  if (state.status.length) params.set('status', state.status.join(','));
  if (state.acceptability.length) params.set('acceptability', state.acceptability.join(','));
  if (state.verdict.length) params.set('verdict', state.verdict.join(','));
  if (state.tags.trim()) params.set('tags', state.tags.trim());
  if (state.source) params.set('source', state.source);
  if (state.search.trim()) params.set('q', state.search);
  if (state.sort) params.set('sort', state.sort);
  if (state.direction !== 'DESC') params.set('dir', state.direction);
  if (state.size !== 20) params.set('size', String(state.size));
  if (state.trail.length) params.set('page', state.trail.join(','));
  const text = params.toString();
  return `/claims${text ? `?${text}` : ''}`;
};

const toFilter = (state: BoardState): ClaimFilter => ({
  ...(state.status.length ? { status: state.status } : {}),
  ...(state.acceptability.length ? { acceptability: state.acceptability } : {}),
  ...(state.verdict.length ? { verdict: state.verdict } : {}),
  ...(state.tags.trim() ? { tags: parseTags(state.tags) } : {}),
  ...(state.source ? { sourceId: state.source } : {}),
  ...(state.search.trim() ? { search: state.search.trim() } : {}),
});

const Counts = ({ claim }: { claim: ClaimRow }) => {
  const forCount = claim.evidence.filter((item) => item.stance === 'SUPPORTS').length;
  const against = claim.evidence.length - forCount;
  const open = claim.counterpoints.filter((item) => item.state === 'OPEN').length;
  const links = claim.relations.length;
  return (
    <ul class="counts plain" aria-label="Counts">
      <li title="Evidence for">
        <span aria-hidden="true">▲</span> {forCount} for
      </li>
      <li title="Evidence against">
        <span aria-hidden="true">▼</span> {against} against
      </li>
      <li title="Counterpoints: open of all">
        <span aria-hidden="true">✎</span> {open}/{claim.counterpoints.length} counterpoints open
      </li>
      <li title="Links in and out">
        <span aria-hidden="true">⇄</span> {links} link{links === 1 ? '' : 's'}
      </li>
    </ul>
  );
};

/** Claim board: filters, full-text search, sort and cursor pagination, refreshed live. */
export const ClaimBoard = () => {
  const location = useLocation();
  const state = readState(location.search);
  const sort = sortOf(state);
  const [searchText, setSearchText] = useState(state.search);
  const [tagsText, setTagsText] = useState(state.tags);
  useEffect(() => setSearchText(state.search), [state.search]);
  useEffect(() => setTagsText(state.tags), [state.tags]);

  const update = (change: Partial<BoardState>, keepPage = false) =>
    navigate(writeState({ ...state, ...change, trail: keepPage ? (change.trail ?? state.trail) : [] }), {
      replace: !keepPage,
    });

  // Typing searches after a short pause; Enter searches at once.
  useEffect(() => {
    if (searchText === state.search && tagsText === state.tags) return;
    const timer = setTimeout(() => update({ search: searchText, tags: tagsText }), 400);
    return () => clearTimeout(timer);
  }, [searchText, tagsText]);

  const board = useQuery(
    ClaimBoardDocument,
    {
      filter: toFilter(state),
      orderBy: { field: sort, direction: state.direction },
      first: state.size,
      after: state.trail[state.trail.length - 1] ?? null,
    },
    { keepPrevious: true },
  );
  const sources = useQuery(SourcesDocument, { first: 100 });
  useLiveRefetch(board.refetch, (entry) => isClaimId(entry.subjectId));

  const connection = board.data?.claims;
  const start = state.trail.length * state.size;
  const searchError =
    board.error instanceof ApiError
      ? board.error.problems.find(
          (problem) => problem.field === 'filter.search' || problem.field === 'search',
        )
      : undefined;
  const tagsError =
    board.error instanceof ApiError
      ? board.error.problems.find((problem) => problem.field?.startsWith('filter.tags'))
      : undefined;

  return (
    <article class="board">
      <header class="page-header">
        <h1 tabIndex={-1}>Claims</h1>
        <p class="meta" role="status" aria-live="polite">
          {connection
            ? connection.totalCount === 0
              ? 'No claims match.'
              : `Showing ${start + 1}–${start + connection.edges.length} of ${connection.totalCount} claim${connection.totalCount === 1 ? '' : 's'}`
            : 'Loading…'}
          {board.loading && connection ? ' (updating…)' : ''}
        </p>
      </header>
      <form
        noValidate
        class="filters card"
        role="search"
        aria-label="Filter claims"
        onSubmit={(event) => {
          event.preventDefault();
          update({ search: searchText, tags: tagsText });
        }}
      >
        <div class="filter-row">
          <TextField
            bind={{
              name: 'q',
              value: searchText,
              onValue: setSearchText,
              error: searchError ? plainWords(searchError, { besideField: true }) : undefined,
            }}
            label="Search statements, evidence and counterpoints"
            type="search"
            class="grow"
          />
          <TextField
            bind={{
              name: 'tags',
              value: tagsText,
              onValue: setTagsText,
              error: tagsError ? plainWords(tagsError, { besideField: true }) : undefined,
            }}
            label="With all tags"
            input={{ placeholder: 'e.g. russia, energy' }}
          />
          <div class="field">
            <label for="board-source">Source</label>
            <select
              id="board-source"
              value={state.source}
              onChange={(event) => update({ source: event.currentTarget.value })}
            >
              <option value="">All sources</option>
              {(sources.data?.sources.edges ?? []).map(({ node }) => (
                <option key={node.id} value={node.id}>
                  {node.title.length > 60 ? `${node.title.slice(0, 59)}…` : node.title}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="primary">
            Search
          </button>
        </div>
        <div class="filter-row">
          <CheckboxGroup
            legend="Status"
            name="status"
            options={CLAIM_STATUSES}
            value={state.status}
            onChange={(status) => update({ status })}
          />
          <CheckboxGroup
            legend="Acceptability"
            name="acceptability"
            options={ACCEPTABILITIES}
            value={state.acceptability}
            render={(value) => value}
            onChange={(acceptability) => update({ acceptability })}
          />
          <details class="more-filters" open={state.verdict.length > 0}>
            <summary>Verdict{state.verdict.length ? ` (${state.verdict.length})` : ''}</summary>
            <CheckboxGroup
              legend="Verdict"
              name="verdict"
              options={VERDICTS}
              value={state.verdict}
              onChange={(verdict) => update({ verdict })}
            />
          </details>
          <div class="field">
            <label for="board-sort">Sort</label>
            <select
              id="board-sort"
              value={`${sort}:${sort === 'RELEVANCE' ? 'DESC' : state.direction}`}
              onChange={(event) => {
                const [field, direction] = event.currentTarget.value.split(':') as [
                  ClaimOrderField,
                  OrderDirection,
                ];
                update({ sort: field, direction });
              }}
            >
              {CLAIM_ORDER_FIELDS.filter((field) => field !== 'RELEVANCE' || state.search.trim()).flatMap(
                (field) =>
                  (field === 'RELEVANCE' ? (['DESC'] as const) : (['DESC', 'ASC'] as const)).map(
                    (direction) => (
                      <option key={`${field}:${direction}`} value={`${field}:${direction}`}>
                        {SORT_LABELS[field][direction === 'DESC' ? 0 : 1]}
                      </option>
                    ),
                  ),
              )}
            </select>
          </div>
          <div class="field">
            <label for="board-size">Per page</label>
            <select
              id="board-size"
              value={String(state.size)}
              onChange={(event) => update({ size: Number(event.currentTarget.value) })}
            >
              {SIZES.map((size) => (
                <option key={size} value={size}>
                  {size}
                </option>
              ))}
            </select>
          </div>
          {location.search ? (
            <button type="button" onClick={() => navigate('/claims')}>
              Clear filters
            </button>
          ) : null}
        </div>
      </form>

      {board.error && !searchError && !tagsError ? <ErrorBox error={board.error} /> : null}

      {connection && connection.edges.length > 0 ? (
        <table class="claims-table" aria-busy={board.loading ? 'true' : undefined}>
          <caption class="visually-hidden">Claims, {label(sort)} order</caption>
          <thead>
            <tr>
              <th scope="col">Claim</th>
              <th scope="col">Status</th>
              <th scope="col">Acceptability</th>
              <th scope="col">At a glance</th>
              <th scope="col" class="col-updated">
                Updated
              </th>
            </tr>
          </thead>
          <tbody>
            {connection.edges.map(({ node, match }) => (
              <tr key={node.id} data-claim-id={node.id}>
                <td class="col-statement">
                  <Link href={`/claims/${node.id}`} class={node.status === 'RETRACTED' ? 'retracted' : ''}>
                    {node.statement}
                  </Link>
                  <div class="row-meta">
                    {node.anchor ? <span class="meta">from {node.anchor.source.title} · </span> : null}
                    {node.assessment ? (
                      <span class="meta">verdict: {label(node.assessment.verdict)} · </span>
                    ) : null}
                    <span class="meta">by {node.createdBy.id}</span>
                  </div>
                  <MatchSnippet match={match ?? null} />
                  <Tags tags={node.tags} />
                </td>
                <td>
                  <StatusBadge status={node.status} />
                </td>
                <td>
                  <AcceptabilityBadge acceptability={node.acceptability} />
                </td>
                <td>
                  <Counts claim={node} />
                </td>
                <td class="col-updated">
                  <Time iso={node.updatedAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      {connection ? (
        <nav class="pager" aria-label="Pages">
          <button
            type="button"
            disabled={state.trail.length === 0}
            onClick={() => update({ trail: state.trail.slice(0, -1) }, true)}
          >
            ← Previous page
          </button>
          <span>Page {state.trail.length + 1}</span>
          <button
            type="button"
            disabled={!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor}
            onClick={() => update({ trail: [...state.trail, connection.pageInfo.endCursor!] }, true)}
          >
            Next page →
          </button>
        </nav>
      ) : null}
    </article>
  );
};
