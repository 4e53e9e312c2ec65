import { InputType } from '@nestjs/graphql';
import { IdempotentInput } from '../../graphql/command.inputs.js';
import {
  blankOr,
  DateTimeField,
  httpUrl,
  optionalText,
  requiredText,
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
