import { Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { IdempotentInput } from '../../graphql/command.inputs.js';
import { SEARCH_MAX_LENGTH, SearchModeEnum } from '../../graphql/search.model.js';
import {
  blankOr,
  DateTimeField,
  httpUrl,
  optionalText,
  requiredText,
  SafeText,
  TextField,
  verbatimText,
  type Rule,
} from '../../graphql/validation.js';
import {
  languageTagProblem,
  SOURCE_FIELD_MAX_LENGTH,
  SOURCE_TEXT_MAX_LENGTH,
  SOURCE_TITLE_LENGTH,
} from '../domain/source.values.js';

const languageTag: Rule = blankOr(languageTagProblem);

@InputType('RegisterSourceInput')
export class RegisterSourceInput extends IdempotentInput {
  @TextField(requiredText(SOURCE_TITLE_LENGTH))
  title!: string;

  @TextField(httpUrl, { nullable: true })
  url?: string | null;

  @TextField(optionalText(SOURCE_FIELD_MAX_LENGTH), { nullable: true })
  author?: string | null;

  @TextField(optionalText(SOURCE_FIELD_MAX_LENGTH), { nullable: true })
  publisher?: string | null;

  @DateTimeField({ nullable: true })
  publishedAt?: string | null;

  @TextField(languageTag, { nullable: true })
  language?: string | null;

  /** Kept byte for byte (quotes are anchored by offset into it), so it is not trimmed. */
  @TextField(verbatimText(SOURCE_TEXT_MAX_LENGTH), { nullable: true })
  text?: string | null;
}

@InputType('SourceFilter')
export class SourceFilter {
  @Field(() => String, {
    nullable: true,
    description:
      "Full-text search over sources' titles, authors, publishers and texts, read as searchMode says; best match first (bm25) when it matches at most 1,000 sources, else newest first",
  })
  @IsOptional()
  @IsString()
  @MaxLength(SEARCH_MAX_LENGTH)
  @SafeText()
  search?: string | null;

  @Field(() => SearchModeEnum, { nullable: true, defaultValue: SearchModeEnum.WORDS })
  @IsOptional()
  @IsEnum(SearchModeEnum)
  searchMode?: SearchModeEnum | null;
}
