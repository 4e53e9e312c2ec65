import { Field, Float, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

type ValueOf<Enum> = Enum[keyof Enum];

/** Characters of a search text, in either mode. */
export const SEARCH_MAX_LENGTH = 500;

export const SearchModeEnum = { WORDS: 'WORDS', ADVANCED: 'ADVANCED' } as const;
export type SearchModeEnum = ValueOf<typeof SearchModeEnum>;

registerEnumType(SearchModeEnum, {
  name: 'SearchMode',
  description: 'How `search` is read',
  valuesMap: {
    WORDS: {
      description:
        'What a person types: every word must match, whatever punctuation it holds (`U.S.`, `re-establish`, `49%`), stemmed and without regard to accents; an unfinished last word also matches the start of longer words',
    },
    ADVANCED: {
      description:
        'SQLite FTS5 query syntax: "phrases", AND/OR/NOT, NEAR(), prefix*, column filters (`statement:`, `evidence:` …); a malformed expression is BAD_USER_INPUT',
    },
  },
});

export const SearchFieldEnum = {
  STATEMENT: 'STATEMENT',
  QUOTE: 'QUOTE',
  EVIDENCE: 'EVIDENCE',
  COUNTERPOINT: 'COUNTERPOINT',
  ANSWER: 'ANSWER',
  TITLE: 'TITLE',
  AUTHOR: 'AUTHOR',
  PUBLISHER: 'PUBLISHER',
  TEXT: 'TEXT',
} as const;
export type SearchFieldEnum = ValueOf<typeof SearchFieldEnum>;

registerEnumType(SearchFieldEnum, {
  name: 'SearchField',
  description:
    "The text a search matched: a claim's statement, its anchored quote, an evidence summary, a counterpoint, a counterpoint's answer; a source's title, author, publisher or text",
});

@ObjectType('SnippetPart')
export class SnippetPartModel {
  @Field(() => String)
  text!: string;

  @Field(() => Boolean, { description: 'True for words the search matched' })
  matched!: boolean;
}

@ObjectType('SearchMatch', { description: 'Where a search matched a result' })
export class SearchMatchModel {
  @Field(() => SearchFieldEnum, {
    nullable: true,
    description: 'null only when the matched text was withdrawn between the search and this read',
  })
  field!: SearchFieldEnum | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "The evidence or counterpoint that matched (an answer: its counterpoint); the claim's or source's own id for its own texts",
  })
  itemId!: string | null;

  @Field(() => String, { description: 'The matched passage, with … where it was cut' })
  snippet!: string;

  @Field(() => [SnippetPartModel], { description: 'The snippet in parts, the matched words marked' })
  highlights!: SnippetPartModel[];

  @Field(() => Float, {
    nullable: true,
    description:
      'Relevance (bm25, larger is better); null when the search matched too many texts to rank and results come newest match first',
  })
  score!: number | null;
}
