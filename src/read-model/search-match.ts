import { plainSnippet, snippetParts, type SnippetPart } from './full-text.js';

/** One matched text of a search index: what kind of text it is, whose it is, and its marked snippet. */
export interface MatchedText {
  readonly field: string;
  readonly itemId: string;
  /** A snippet with the matched words between FTS5's markers (see full-text.ts). */
  readonly marked: string;
}

/**
 * The matched texts of one page, read from the index on first use: a page whose matches nobody asks for
 * costs no snippet (one FTS5 query per row).
 */
export class PageMatches {
  #texts: Map<number, MatchedText> | undefined;

  constructor(
    private readonly rowids: readonly number[],
    private readonly load: (rowids: readonly number[]) => Map<number, MatchedText>,
  ) {}

  text(rowid: number): MatchedText | undefined {
    this.#texts ??= this.load(this.rowids);
    return this.#texts.get(rowid);
  }
}

/**
 * Where a search matched one result: the GraphQL SearchMatch. `score` is bm25 made larger-is-better, or
 * null when the results are in newest-match order (a search matching more texts than are ranked). The
 * text is read when first asked for; `field` and `itemId` are null only if it was withdrawn meanwhile.
 */
export class SearchMatch {
  constructor(
    private readonly page: PageMatches,
    private readonly rowid: number,
    readonly score: number | null,
  ) {}

  get field(): string | null {
    return this.page.text(this.rowid)?.field ?? null;
  }

  get itemId(): string | null {
    return this.page.text(this.rowid)?.itemId ?? null;
  }

  get highlights(): SnippetPart[] {
    const text = this.page.text(this.rowid);
    return text ? snippetParts(text.marked) : [];
  }

  get snippet(): string {
    return plainSnippet(this.highlights);
  }
}
