import { useEffect, useMemo, useState } from 'preact/hooks';
import { request } from '../api.js';
import { SourceClaimsAfterDocument } from '../generated/graphql.js';
import type { AnchoredClaim, SourceDetail } from '../types.js';

/**
 * Every claim of the source: the reader's first page, then the following pages one after another, so that
 * the text highlights all of them however many there are. Starts again whenever the first page changes (a
 * live refetch).
 */
export const useAllSourceClaims = (
  source: SourceDetail | null | undefined,
): { claims: AnchoredClaim[]; complete: boolean; error: unknown } => {
  const first = source?.claims;
  const [rest, setRest] = useState<{ for: unknown; claims: AnchoredClaim[]; complete: boolean }>({
    for: undefined,
    claims: [],
    complete: true,
  });
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    if (!source || !first) return;
    let cancelled = false;
    const more = first.pageInfo.hasNextPage;
    setRest({ for: first, claims: [], complete: !more });
    if (!more) return;
    void (async () => {
      let after = first.pageInfo.endCursor ?? null;
      const gathered: AnchoredClaim[] = [];
      try {
        for (;;) {
          const data = await request(SourceClaimsAfterDocument, { id: source.id, after });
          if (cancelled) return;
          const page = data.source?.claims;
          if (!page) break;
          gathered.push(...page.edges.map((edge) => edge.node));
          setRest({ for: first, claims: [...gathered], complete: !page.pageInfo.hasNextPage });
          if (!page.pageInfo.hasNextPage) break;
          after = page.pageInfo.endCursor ?? null;
        }
      } catch (failure) {
        if (!cancelled) setError(failure);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [first]);
  const claims = useMemo(() => {
    const own = first ? first.edges.map((edge) => edge.node) : [];
    return rest.for === first ? [...own, ...rest.claims] : own;
  }, [first, rest]);
  return {
    claims,
    complete: rest.for === first ? rest.complete : !first?.pageInfo.hasNextPage,
    error,
  };
};
