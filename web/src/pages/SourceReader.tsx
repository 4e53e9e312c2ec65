import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ProposeClaimForm } from '../components/forms/propose-claim-form.js';
import { AcceptabilityBadge, ErrorBox, Loading, StatusBadge } from '../components/ui.js';
import { isClaimId } from '../domain.js';
import { SourceReaderDocument } from '../generated/graphql.js';
import { useLiveRefetch } from '../live.js';
import { useQuery } from '../query.js';
import { segmentText, trimSpan, type Span } from '../quote.js';
import { Link, useLocation } from '../router.js';
import { atLeast, useSession } from '../session.js';
import {
  NO_READER_FILTERS,
  passesReaderFilters,
  ReaderKey,
  type ReaderFilters,
} from '../reader/reader-filters.js';
import { useAllSourceClaims } from '../reader/use-all-source-claims.js';
import type { AnchoredClaim, SourceDetail } from '../types.js';

/** Character offset of a DOM position inside `root`, counting only text (the reader holds nothing else). */
const offsetIn = (root: Node, node: Node, offset: number): number => {
  const range = document.createRange();
  range.setStart(root, 0);
  range.setEnd(node, offset);
  return range.toString().length;
};

/** The selection inside the text, as offsets into the source text, or undefined. */
const selectionIn = (root: HTMLElement, text: string): Span | undefined => {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return undefined;
  const range = selection.getRangeAt(0);
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return undefined;
  return trimSpan(text, {
    start: offsetIn(root, range.startContainer, range.startOffset),
    end: offsetIn(root, range.endContainer, range.endOffset),
  });
};

/** The DOM range of [start, end) of the reader's text. */
const rangeOf = (root: HTMLElement, span: Span): Range | undefined => {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let seen = 0;
  let started = false;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const length = node.length;
    if (!started && span.start < seen + length) {
      range.setStart(node, span.start - seen);
      started = true;
    }
    if (started && span.end <= seen + length) {
      range.setEnd(node, span.end - seen);
      return range;
    }
    seen += length;
  }
  return undefined;
};

const PENDING = 'claimtrail-pending';

const SourceText = ({
  source,
  claims,
  focused,
  pending,
  onFocusClaim,
  onSelect,
}: {
  source: SourceDetail & { text: string };
  /** The claims to highlight (every page of them, after the reader's filters). */
  claims: readonly AnchoredClaim[];
  focused: string | undefined;
  /** The quote being proposed: painted with the CSS Custom Highlight API, without touching the DOM (which would break a selection in progress). */
  pending: Span | undefined;
  onFocusClaim: (id: string) => void;
  onSelect: (span: Span) => void;
}) => {
  const root = useRef<HTMLDivElement>(null);
  const byId = useMemo(() => new Map(claims.map((claim) => [claim.id, claim])), [claims]);
  const segments = useMemo(
    () =>
      segmentText(
        source.text.length,
        claims
          .filter((claim) => claim.anchor && claim.status !== 'RETRACTED')
          .map((claim) => ({ id: claim.id, start: claim.anchor!.quote.start, end: claim.anchor!.quote.end })),
      ),
    [claims, source.text],
  );
  useEffect(() => {
    const onChange = () => {
      if (!root.current) return;
      const span = selectionIn(root.current, source.text);
      if (span) onSelect(span);
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, [source.text, onSelect]);
  useEffect(() => {
    if (!root.current || !pending || typeof CSS === 'undefined' || !('highlights' in CSS)) return;
    const range = rangeOf(root.current, pending);
    if (!range) return;
    CSS.highlights.set(PENDING, new Highlight(range));
    return () => void CSS.highlights.delete(PENDING);
  }, [pending?.start, pending?.end, segments]);
  return (
    <div
      ref={root}
      class="source-text"
      role="region"
      data-testid="source-text"
      aria-label="Source text; select a passage to quote it"
    >
      {segments.map((segment) => {
        const text = source.text.slice(segment.start, segment.end);
        if (segment.claimIds.length === 0) return text;
        const first = byId.get(segment.claimIds[0]!)!;
        const isFocused = focused !== undefined && segment.claimIds.includes(focused);
        return (
          <mark
            key={segment.start}
            id={`q-${segment.start}`}
            class={`hl hl-${first.acceptability}${segment.claimIds.length > 1 ? ' hl-multi' : ''}${isFocused ? ' hl-focused' : ''}`}
            data-claim-ids={segment.claimIds.join(' ')}
            title={segment.claimIds.map((id) => byId.get(id)?.statement ?? id).join('\n')}
            onClick={() => {
              // A click that ends a drag selection is a selection, not a request to show the claim.
              if (window.getSelection()?.isCollapsed !== false)
                onFocusClaim(focused === first.id && segment.claimIds[1] ? segment.claimIds[1] : first.id);
            }}
          >
            {text}
          </mark>
        );
      })}
    </div>
  );
};

const ClaimList = ({
  claims,
  total,
  focused,
  onFocus,
}: {
  claims: readonly AnchoredClaim[];
  total: number;
  focused: string | undefined;
  onFocus: (id: string) => void;
}) => (
  <section aria-labelledby="anchored-heading" class="anchored-claims">
    <h2 id="anchored-heading">Claims from this source ({total})</h2>
    {total > claims.length ? (
      <p class="hint" role="status">
        Loading the rest: {claims.length} of {total} so far.
      </p>
    ) : null}
    {claims.length === 0 ? <p class="empty">None yet.</p> : null}
    <ul class="plain">
      {claims.map((claim) => (
        <li
          key={claim.id}
          id={`claim-${claim.id}`}
          class={claim.id === focused ? 'focused' : ''}
          data-claim-id={claim.id}
        >
          <Link href={`/claims/${claim.id}`}>{claim.statement}</Link>
          <div class="badges">
            <StatusBadge status={claim.status} /> <AcceptabilityBadge acceptability={claim.acceptability} />
            {claim.anchor ? (
              <button
                type="button"
                class="link-button"
                onClick={() => onFocus(claim.id)}
                aria-label={`Show in text: the quote of “${claim.statement}”`}
              >
                Show in text
              </button>
            ) : (
              <span class="meta"> not anchored</span>
            )}
          </div>
        </li>
      ))}
    </ul>
  </section>
);

/** A source's text with its claims highlighted where their quotes are anchored; select a passage to propose a claim. */
export const SourceReader = ({ id }: { id: string }) => {
  const { viewer } = useSession();
  const { search } = useLocation();
  const query = useQuery(SourceReaderDocument, { id });
  const all = useAllSourceClaims(query.data?.source);
  const [filters, setFilters] = useState<ReaderFilters>(NO_READER_FILTERS);
  const highlighted = useMemo(
    () => all.claims.filter((claim) => passesReaderFilters(claim, filters)),
    [all.claims, filters],
  );
  const [selected, setSelected] = useState<Span | undefined>();
  const [pending, setPending] = useState<Span | undefined>();
  const [focused, setFocused] = useState<string | undefined>(
    () => new URLSearchParams(search).get('claim') ?? undefined,
  );
  useLiveRefetch(query.refetch, (entry) => isClaimId(entry.subjectId) || entry.subjectId === id);

  const focus = (claimId: string, scroll: 'text' | 'list') => {
    setFocused(claimId);
    requestAnimationFrame(() => {
      const target =
        scroll === 'text'
          ? document.querySelector<HTMLElement>(`.source-text mark[data-claim-ids~="${claimId}"]`)
          : document.getElementById(`claim-${claimId}`);
      target?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    });
  };
  // Arriving from a claim's quote: show it.
  useEffect(() => {
    if (focused && query.data) focus(focused, 'text');
  }, [!!query.data]);

  if (query.error && !query.data) return <ErrorBox error={query.error} />;
  if (!query.data) return <Loading what="Loading the source" />;
  const source = query.data.source;
  if (!source) return <ErrorBox>No source with the id {id}.</ErrorBox>;
  const claims = all.claims;
  const meta = [
    source.author ? `by ${source.author}` : '',
    source.publisher ?? '',
    source.publishedAt ? new Date(source.publishedAt).toLocaleDateString() : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <article class="reader">
      <header class="reader-header">
        <p class="breadcrumbs">
          <Link href="/sources">Sources</Link> <span aria-hidden="true">›</span>{' '}
          <span class="mono">{source.id}</span>
        </p>
        <h1 tabIndex={-1}>{source.title}</h1>
        <p class="meta">
          {meta}
          {source.url ? (
            <>
              {' '}
              ·{' '}
              <a href={source.url} rel="noreferrer noopener" target="_blank">
                original
              </a>
            </>
          ) : null}
          {' · '}
          <Link href={`/claims?source=${encodeURIComponent(source.id)}`}>claims on the board</Link>
        </p>
      </header>
      <div class="reader-layout">
        <div class="reader-text card">
          {source.text === null ? (
            <p class="empty">
              This source was registered without its text, so quotes cannot be anchored in it.
            </p>
          ) : (
            <>
              <ReaderKey claims={claims} filters={filters} onChange={setFilters} shown={highlighted.length} />
              <SourceText
                source={{ ...source, text: source.text }}
                claims={highlighted}
                focused={focused}
                pending={pending}
                onFocusClaim={(claimId) => focus(claimId, 'list')}
                onSelect={setSelected}
              />
            </>
          )}
        </div>
        <aside class="reader-side">
          {source.text !== null && atLeast(viewer, 'ANALYST') ? (
            <div class="card">
              <ProposeClaimForm
                source={{ id: source.id, text: source.text, author: source.author }}
                selected={selected}
                onPending={setPending}
                onProposed={(claimId) => {
                  query.refetch();
                  setFocused(claimId);
                }}
              />
            </div>
          ) : null}
          <div class="card">
            <ClaimList
              claims={claims}
              total={source.claims.totalCount}
              focused={focused}
              onFocus={(claimId) => focus(claimId, 'text')}
            />
          </div>
        </aside>
      </div>
    </article>
  );
};
