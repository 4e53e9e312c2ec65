import { Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { IdempotentInput, VersionedInput } from '../../graphql/command.inputs.js';
import { SEARCH_MAX_LENGTH, SearchModeEnum } from '../../graphql/search.model.js';
import {
  blankOr,
  DateTimeField,
  httpUrl,
  IdField,
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
import { REASON_LENGTH } from '../../event-sourcing/text-rules.js';

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

/**
 * A correction of a source's metadata: a field given replaces the registered value (null or blank clears an
 * optional one), a field left out keeps it. The text cannot be revised: a different text is a new source.
 */
@InputType('ReviseSourceInput')
export class ReviseSourceInput extends VersionedInput {
  @IdField('source')
  sourceId!: string;

  @TextField(requiredText(SOURCE_TITLE_LENGTH), { nullable: true })
  title?: string | null;

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

  @TextField(requiredText(REASON_LENGTH))
  reason!: string;
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
