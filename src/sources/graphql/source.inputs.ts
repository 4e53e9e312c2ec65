import { Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { IdempotentInput } from '../../graphql/command.inputs.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { SEARCH_MAX_LENGTH, SearchModeEnum } from '../../graphql/search.model.js';
import {
  IsHttpUrl,
  IsIsoDateTime,
  IsLanguageTag,
  SafeText,
  TrimmedLength,
} from '../../graphql/validation.js';

export const SOURCE_TITLE_LENGTH = { min: 1, max: 500 } as const;
export const SOURCE_FIELD_MAX_LENGTH = 500;
/** The text travels inside one event; see the source decider for why a million characters. */
export const SOURCE_TEXT_MAX_LENGTH = 1_000_000;

@InputType('RegisterSourceInput')
export class RegisterSourceInput extends IdempotentInput {
  @Field(() => String)
  @IsString()
  @TrimmedLength(SOURCE_TITLE_LENGTH.min, SOURCE_TITLE_LENGTH.max)
  @SafeText()
  title!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @IsHttpUrl()
  url?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(SOURCE_FIELD_MAX_LENGTH)
  @SafeText()
  author?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(SOURCE_FIELD_MAX_LENGTH)
  @SafeText()
  publisher?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @IsOptional()
  @IsIsoDateTime()
  publishedAt?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @IsLanguageTag()
  language?: string | null;

  /** Kept byte for byte (quotes are anchored by offset into it), so it is not trimmed. */
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(SOURCE_TEXT_MAX_LENGTH)
  @SafeText()
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
