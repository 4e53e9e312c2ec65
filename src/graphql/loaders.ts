import DataLoader from 'dataloader';
import type { ClaimsQueries } from '../claims/read-model/claims.queries.js';
import type {
  ClaimView,
  CounterpointView,
  EvidenceView,
  RelationView,
  ThreadEntryView,
} from '../claims/read-model/claim.views.js';
import type {
  SourceRevisionView,
  SourcesQueries,
  SourceView,
} from '../sources/read-model/sources.queries.js';

export interface LoaderSources {
  readonly claims: ClaimsQueries;
  readonly sources: SourcesQueries;
}

/**
 * Per-request batching of nested fields: listing 100 claims with their relations runs one query per
 * kind of field, not one per claim.
 */
export const createLoaders = ({ claims, sources }: LoaderSources) => ({
  claim: new DataLoader<string, ClaimView | undefined>(async (ids) => {
    const found = claims.claimsByIds(ids);
    return ids.map((id) => found.get(id));
  }),
  source: new DataLoader<string, SourceView | undefined>(async (ids) => {
    const found = sources.sourcesByIds(ids);
    return ids.map((id) => found.get(id));
  }),
  evidence: new DataLoader<string, EvidenceView[]>(async (ids) => {
    const found = claims.evidenceFor(ids);
    return ids.map((id) => found.get(id) ?? []);
  }),
  counterpoints: new DataLoader<string, CounterpointView[]>(async (ids) => {
    const found = claims.counterpointsFor(ids);
    return ids.map((id) => found.get(id) ?? []);
  }),
  relations: new DataLoader<string, RelationView[]>(async (ids) => {
    const found = claims.relationsFor(ids);
    return ids.map((id) => found.get(id) ?? []);
  }),
  /** Keyed by counterpoint id. */
  threads: new DataLoader<string, ThreadEntryView[]>(async (ids) => {
    const found = claims.threadsFor(ids);
    return ids.map((id) => found.get(id) ?? []);
  }),
  sourceRevisions: new DataLoader<string, SourceRevisionView[]>(async (ids) => {
    const found = sources.revisionsFor(ids);
    return ids.map((id) => found.get(id) ?? []);
  }),
});

export type Loaders = ReturnType<typeof createLoaders>;
