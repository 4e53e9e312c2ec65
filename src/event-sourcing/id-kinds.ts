/**
 * The kinds of id and how to tell them apart: pure, so the web app can use the same rule (ids.ts, which makes
 * ids, needs node:crypto).
 */

/** Prefixed ULIDs, so `node(id:)` can tell a claim from a source by looking at the id. */
export const ID_PREFIXES = { claim: 'clm', source: 'src', evidence: 'evd', counterpoint: 'cpt' } as const;
export type IdKind = keyof typeof ID_PREFIXES;

const ID_PATTERN = /^(clm|src|evd|cpt)_[0-9A-HJKMNP-TV-Z]{26}$/;

export const isId = (value: string, kind?: IdKind): boolean =>
  ID_PATTERN.test(value) && (kind === undefined || value.startsWith(`${ID_PREFIXES[kind]}_`));

export const kindOfId = (value: string): IdKind | undefined => {
  if (!ID_PATTERN.test(value)) return undefined;
  const prefix = value.slice(0, 3);
  return (Object.keys(ID_PREFIXES) as IdKind[]).find((kind) => ID_PREFIXES[kind] === prefix);
};
