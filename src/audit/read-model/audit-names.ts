import type { Role } from '../../event-sourcing/metadata.js';

/**
 * What the read model holds of the things an event refers to, by id: the texts a summary names them by.
 * undefined when it does not hold the thing (yet). The audit projection asks while applying an event, after
 * the projections before it (src/projections.ts) have applied that same event: a summary names things as they
 * stood just after the event happened, never as they stand now, so a rebuild words every row the same way,
 * whatever its batches. An event that renames a thing (a revision) names it from its own data instead.
 */
export interface NameLookup {
  /** A claim's statement. */
  claim(claimId: string): string | undefined;
  /** A source's title. */
  source(sourceId: string): string | undefined;
  /** A counterpoint's text. */
  counterpoint(counterpointId: string): string | undefined;
  evidence(evidenceId: string): EvidenceLabel | undefined;
  /** Who a token authenticates, and as what. */
  token(tokenId: string): { readonly actorId: string; readonly role: Role } | undefined;
}

export interface EvidenceLabel {
  readonly citationTitle: string | null;
  readonly summary: string;
}

/** Knows nothing: every name falls back to its neutral wording. */
export const NOTHING_KNOWN: NameLookup = {
  claim: () => undefined,
  source: () => undefined,
  counterpoint: () => undefined,
  evidence: () => undefined,
  token: () => undefined,
};

/** A text an event itself carries (a statement proposed, a counterpoint raised): room for a sentence. */
const MAX_QUOTED = 80;
/** A text that names something the event refers to: short, so that two fit in one line. */
const MAX_NAMED = 50;

/** A short quotation: whole if short, else cut at a word boundary with an ellipsis. */
export const quoted = (text: string, max = MAX_QUOTED): string => {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  if (oneLine.length <= max) return `'${oneLine}'`;
  // Cut at the last space within the limit (a word ending right at the limit stays whole), unless that
  // would drop more than half: then cut mid-word.
  const space = oneLine.lastIndexOf(' ', max);
  return `'${oneLine.slice(0, space >= max / 2 ? space : max)}…'`;
};

/** Evidence goes by its citation's title, else by its summary. */
export const evidenceLabel = ({ citationTitle, summary }: EvidenceLabel): string => citationTitle ?? summary;

const AN = new Set<Role>(['ANALYST', 'EDITOR', 'ADMIN']);
/** "a VIEWER token", "an ANALYST token". */
export const tokenOfRole = (role: Role): string => `${AN.has(role) ? 'an' : 'a'} ${role} token`;

/**
 * How a summary names what an event refers to, as a phrase that fits its sentence: a short excerpt in
 * quotes, or, when the lookup does not know the thing, a neutral noun ("a claim"), so the line still reads.
 */
export interface Names {
  /** `'Central Asia moved from geopolitical object…'`, or `a claim`. */
  claim(claimId: string): string;
  /** `'Central Asia-Russia Summit: Moscow's quest for…'`, or `a source`. */
  source(sourceId: string): string;
  /** `the counterpoint 'Moscow still sets…'`, or `a counterpoint`. */
  counterpoint(counterpointId: string): string;
  /** `evidence 'Dushanbe summit communique'`, or `evidence`. */
  evidence(evidenceId: string): string;
  /** `alice's ANALYST token`, or `a token`. */
  token(tokenId: string): string;
}

export const namesFrom = (lookup: NameLookup): Names => {
  const named = (text: string | undefined, unknown: string, noun = '') =>
    text === undefined ? unknown : `${noun}${quoted(text, MAX_NAMED)}`;
  return {
    claim: (claimId) => named(lookup.claim(claimId), 'a claim'),
    source: (sourceId) => named(lookup.source(sourceId), 'a source'),
    counterpoint: (id) => named(lookup.counterpoint(id), 'a counterpoint', 'the counterpoint '),
    evidence: (id) => {
      const found = lookup.evidence(id);
      return named(found && evidenceLabel(found), 'evidence', 'evidence ');
    },
    token: (tokenId) => {
      const holder = lookup.token(tokenId);
      return holder ? `${holder.actorId}'s ${holder.role} token` : 'a token';
    },
  };
};
