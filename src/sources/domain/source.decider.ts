import { createHash } from 'node:crypto';
import type { Decider } from '../../event-sourcing/decider.js';
import { IllegalStateError, ValidationError } from '../../event-sourcing/errors.js';
import { isId } from '../../event-sourcing/ids.js';
import type { RegisterSource, SourceCommand } from './source.commands.js';
import type { SourceEvent, SourceRegistered } from './source.events.js';
import { evolveSource, initialSourceState } from './source.state.js';
import type { SourceState } from './source.state.js';
import type { SourceMetadata, SourceMetadataInput } from './source.values.js';
import {
  optionalDateTime,
  optionalHttpUrl,
  optionalText,
  requireRole,
  requireText,
  stamp,
} from '../../event-sourcing/guards.js';

export const SOURCE_TITLE_LENGTH = { min: 1, max: 500 } as const;
export const SOURCE_FIELD_MAX_LENGTH = 500;
/** Characters; the text travels inside one event, and EventStoreDB caps an event at 16 MB by default. */
export const SOURCE_TEXT_MAX_LENGTH = 1_000_000;

// A BCP 47 tag in its common shapes: en, en-GB, zh-Hant-TW, es-419.
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

// SHA-256 is a pure function of its input, so the domain may compute it.
export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

const sourceText = (value: string | null | undefined): string | null => {
  // Blank counts as absent; otherwise the text is kept byte for byte, because anchors index into it.
  if (typeof value !== 'string' || value.trim().length === 0) return null;
  if (value.length > SOURCE_TEXT_MAX_LENGTH) {
    throw new ValidationError(
      `text must be at most ${SOURCE_TEXT_MAX_LENGTH} characters long, not ${value.length}`,
      'text',
    );
  }
  return value;
};

const language = (value: string | null | undefined): string | null => {
  const tag = optionalText(value, 'language', 35);
  if (tag !== null && !LANGUAGE_TAG.test(tag)) {
    throw new ValidationError(
      `language must be a BCP 47 language tag such as "en" or "en-GB", not "${tag}"`,
      'language',
    );
  }
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
