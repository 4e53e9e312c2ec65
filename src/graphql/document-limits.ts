import type { DocumentNode, Token } from 'graphql';
import { LimitExceededError } from './limits.js';

/**
 * What Mercurius keeps of each distinct document: the source, its AST and, from the second use on
 * (`jit: 1`), the graphql-jit compiled query, in two QuickLRU caches (valid and invalid documents) of
 * `cachedDocuments` entries each. QuickLRU keeps up to twice its size (a current and an old generation), so
 * Mercurius' default of 1,024 held up to 2,048 compiled queries: about 120 KB each for a 1 KB detail-page
 * query, 340 MB of live heap once 2,000 distinct ones had been sent (bench/memory/RESULTS.md).
 *
 * Measured per document (graphql 16, graphql-jit 0.8): the AST about 290 bytes per token, a compiled query
 * about 200 more. The limits bound the worst case: 128 entries of at most 2,000 tokens, compiled only up to
 * 500 tokens, about 100 MB for valid documents and 75 MB for invalid ones, against about 15 MB for a web
 * app's 25 documents of under 200 tokens each (the largest honest documents: GraphiQL's introspection
 * query, 185 tokens; a mutation with the claim detail fragment, 157).
 */
export const DOCUMENT_LIMITS = {
  characters: 64 * 1024,
  tokens: 2000,
  compiledTokens: 500,
  cachedDocuments: 64,
} as const;

/** Before parsing: a document longer than any honest one is refused without being read. */
export const assertDocumentLength = (source: unknown): void => {
  if (typeof source === 'string' && source.length > DOCUMENT_LIMITS.characters) {
    throw new LimitExceededError(
      `the document is ${source.length.toLocaleString('en-US')} characters long, more than the ${DOCUMENT_LIMITS.characters.toLocaleString('en-US')} allowed; pass large values as variables`,
      'documentSize',
      400,
    );
  }
};

const tokenCounts = new WeakMap<DocumentNode, number>();

const tokenCount = (document: DocumentNode): number => {
  const known = tokenCounts.get(document);
  if (known !== undefined) return known;
  let count = 0;
  for (
    let token: Token | null | undefined = document.loc?.startToken;
    token && count <= DOCUMENT_LIMITS.tokens;
    token = token.next
  )
    count++;
  tokenCounts.set(document, count);
  return count;
};

/** Whether graphql-jit may compile (and Mercurius keep) a compiled query for this document. */
export const mayCompile = (document: DocumentNode): boolean =>
  tokenCount(document) <= DOCUMENT_LIMITS.compiledTokens;
