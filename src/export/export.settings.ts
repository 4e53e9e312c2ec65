import type { ClaimtrailConfig } from '../config.js';

/** What an export needs to know beyond the read model: where the web app is published, and by whom. */
export interface ExportSettings {
  /** CLAIMTRAIL_PUBLIC_URL, without a trailing slash: a claim's page is `${publicUrl}/claims/${id}`. */
  readonly publicUrl: string | null;
  /** CLAIMTRAIL_PUBLISHER_NAME and CLAIMTRAIL_PUBLISHER_URL. */
  readonly publisher: { readonly name: string | null; readonly url: string | null };
}

export const NO_EXPORT_SETTINGS: ExportSettings = { publicUrl: null, publisher: { name: null, url: null } };

export const exportSettings = (
  config: Pick<ClaimtrailConfig, 'publicUrl' | 'publisher'>,
): ExportSettings => ({
  publicUrl: config.publicUrl,
  publisher: config.publisher,
});

/** The web app's page of a claim (web/src/app.tsx routes `/claims/:id`). */
export const claimPageUrl = (publicUrl: string, claimId: string): string =>
  `${publicUrl}/claims/${encodeURIComponent(claimId)}`;

/**
 * What an export wrote, in words, and what it left out or could not fill: the CLI prints it, the HTTP
 * endpoints send it as headers, so a consumer is told rather than left to find a gap.
 */
export interface ExportReport {
  /** "6 reviews", "24 claims". */
  readonly contents: string;
  /** One sentence each. */
  readonly notes: readonly string[];
}

/** `3 reviews`, `1 review`; `nouns` when the plural is not the noun plus s. */
export const counted = (count: number, noun: string, nouns = `${noun}s`): string =>
  `${count} ${count === 1 ? noun : nouns}`;

/** Iterates to count; the rows are read again from the same snapshot the document is written from. */
export const countOf = <T>(items: Iterable<T>, keep: (item: T) => boolean = () => true): number => {
  let count = 0;
  for (const item of items) if (keep(item)) count++;
  return count;
};
