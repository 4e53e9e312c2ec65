import { createHash } from 'node:crypto';
import type { Decider } from '../../event-sourcing/decider.js';
import { IllegalStateError, ValidationError } from '../../event-sourcing/errors.js';
import { isId } from '../../event-sourcing/id-kinds.js';
import type { RegisterSource, SourceCommand } from './source.commands.js';
import type { SourceEvent, SourceRegistered } from './source.events.js';
import { evolveSource, initialSourceState } from './source.state.js';
import type { SourceState } from './source.state.js';
import {
  languageTagProblem,
  SOURCE_FIELD_MAX_LENGTH,
  SOURCE_TEXT_MAX_LENGTH,
  SOURCE_TITLE_LENGTH,
  type SourceMetadata,
  type SourceMetadataInput,
} from './source.values.js';
import { verbatimTextProblem } from '../../event-sourcing/text-rules.js';
import {
  optionalDateTime,
  optionalHttpUrl,
  optionalText,
  requireRole,
  requireText,
  stamp,
} from '../../event-sourcing/guards.js';

// SHA-256 is a pure function of its input, so the domain may compute it.
export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

const sourceText = (value: string | null | undefined): string | null => {
  // Blank counts as absent; otherwise the text is kept byte for byte, because anchors index into it.
  if (typeof value !== 'string' || value.trim().length === 0) return null;
  const problem = verbatimTextProblem(value, SOURCE_TEXT_MAX_LENGTH);
  if (problem) throw new ValidationError(`text ${problem}`, 'text');
  return value;
};

const language = (value: string | null | undefined): string | null => {
  const tag = optionalText(value, 'language', SOURCE_FIELD_MAX_LENGTH);
  const problem = tag === null ? undefined : languageTagProblem(tag);
  if (problem) throw new ValidationError(`language ${problem}`, 'language');
  return tag;
};

/** Every metadata field checked by its rule, blanks as null: what a source records about itself. */
export const sourceMetadataOf = (input: SourceMetadataInput): SourceMetadata => ({
  title: requireText(input.title, 'title', SOURCE_TITLE_LENGTH),
  url: optionalHttpUrl(input.url, 'url'),
  author: optionalText(input.author, 'author', SOURCE_FIELD_MAX_LENGTH),
  publisher: optionalText(input.publisher, 'publisher', SOURCE_FIELD_MAX_LENGTH),
  publishedAt: optionalDateTime(input.publishedAt, 'publishedAt'),
  language: language(input.language),
});

export const registerSource = (command: RegisterSource, state: SourceState): SourceRegistered[] => {
  const { data, metadata } = command;
  requireRole(metadata.actor, 'ANALYST', 'registering a source');
  if (state.status !== 'none') throw new IllegalStateError(`source ${state.sourceId} is already registered`);
  if (!isId(data.sourceId, 'source')) {
    throw new ValidationError(`sourceId must be a src_ id, not "${data.sourceId}"`, 'sourceId');
  }
  const text = sourceText(data.text);
  return [
    {
      type: 'SourceRegistered',
      data: {
        sourceId: data.sourceId,
        ...sourceMetadataOf(data),
        text,
        textHash: text === null ? null : sha256Hex(text),
        ...stamp(metadata),
      },
    },
  ];
};

export const decideSource = (command: SourceCommand, state: SourceState): SourceEvent[] => {
  switch (command.type) {
    case 'RegisterSource':
      return registerSource(command, state);
    default: {
      const unexpected: never = command.type;
      throw new Error(`unknown source command ${String(unexpected)}`);
    }
  }
};

export const sourceDecider: Decider<SourceCommand, SourceEvent, SourceState> = {
  initialState: initialSourceState,
  evolve: evolveSource,
  decide: decideSource,
};
