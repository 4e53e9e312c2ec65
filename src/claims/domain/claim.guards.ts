import { IllegalStateError, NotFoundError, ValidationError } from '../../event-sourcing/errors.js';
import { isId } from '../../event-sourcing/id-kinds.js';
import type { IdKind } from '../../event-sourcing/id-kinds.js';
import type { CommandMetadata } from '../../event-sourcing/metadata.js';
import { optionalDateTime, optionalHttpUrl, optionalText, requireText } from '../../event-sourcing/guards.js';
import type { ClaimState, LiveClaim } from './claim.state.js';
import { CITATION_FIELD_MAX_LENGTH, MAX_TAGS, REASON_LENGTH, tagProblem } from './claim.values.js';
import type { Citation, CitationInput } from './claim.values.js';

/** Checks the claim deciders share; each throws the typed domain error the API maps to a code. */

export const requireLiveClaim = (state: ClaimState, claimId: string): LiveClaim => {
  if (state.status === 'none') throw new NotFoundError(`claim ${claimId} not found`);
  // The handler folded another stream than the command names: a bug, not a user error.
  if (state.claimId !== claimId)
    throw new Error(`command for claim ${claimId} decided on claim ${state.claimId}`);
  return state;
};

export const requireNotRetracted = (claim: LiveClaim, action: string): void => {
  if (claim.retraction !== null) {
    throw new IllegalStateError(`claim ${claim.claimId} is retracted; ${action} is no longer possible`);
  }
};

export const requireReason = (value: string | null | undefined, field = 'reason'): string =>
  requireText(value, field, REASON_LENGTH);

/** The id for an entity the command creates, which the caller generated and passed in the metadata. */
export const requireNewId = (metadata: CommandMetadata, kind: IdKind, action: string): string => {
  const { newId } = metadata;
  if (newId === undefined || !isId(newId, kind)) {
    throw new ValidationError(
      `${action} needs a new ${kind} id in the command metadata, not ${String(newId)}`,
    );
  }
  return newId;
};

/** An id the command would create must not name an entry the claim already has. */
export const requireFreshId = (claim: LiveClaim, id: string): void => {
  const taken =
    claim.evidence.some((evidence) => evidence.evidenceId === id) ||
    claim.counterpoints.some((counterpoint) => counterpoint.counterpointId === id);
  if (taken) throw new IllegalStateError(`claim ${claim.claimId} already has an entry with id ${id}`);
};

/** Checked and de-duplicated tags, in the order given; at most MAX_TAGS in one list. */
export const requireTags = (values: readonly string[] | null | undefined, field: string): string[] => {
  const tags: string[] = [];
  for (const tag of values ?? []) {
    const problem = tagProblem(tag);
    if (problem) throw new ValidationError(`tag "${tag}" ${problem}`, field);
    if (!tags.includes(tag)) tags.push(tag);
  }
  if ((values ?? []).length > MAX_TAGS) {
    throw new ValidationError(`${field} lists at most ${MAX_TAGS} tags, not ${(values ?? []).length}`, field);
  }
  return tags;
};

export const requireTagCount = (tags: readonly string[], field: string): void => {
  if (tags.length > MAX_TAGS) {
    throw new ValidationError(
      `a claim has at most ${MAX_TAGS} tags; this would give it ${tags.length}`,
      field,
    );
  }
};

/** Errors name the sub-field, e.g. `citation.url`, so the API can point at it. */
export const requireCitation = (input: CitationInput | null | undefined, field: string): Citation => {
  const text = (name: keyof Citation): string | null =>
    optionalText(input?.[name], `${field}.${name}`, CITATION_FIELD_MAX_LENGTH);
  const citation: Citation = {
    url: optionalHttpUrl(input?.url, `${field}.url`),
    title: text('title'),
    publisher: text('publisher'),
    author: text('author'),
    publishedAt: optionalDateTime(input?.publishedAt, `${field}.publishedAt`),
    accessedAt: optionalDateTime(input?.accessedAt, `${field}.accessedAt`),
    quote: text('quote'),
  };
  if (citation.url === null && citation.title === null) {
    throw new ValidationError(`${field} needs at least a url or a title`, field);
  }
  return citation;
};
