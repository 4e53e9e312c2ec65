import { createHash } from 'node:crypto';
import type { Decider } from '../../event-sourcing/decider.js';
import { IllegalStateError, NotFoundError, ValidationError } from '../../event-sourcing/errors.js';
import { isId } from '../../event-sourcing/id-kinds.js';
import type { RegisterSource, ReviseSource, SourceCommand } from './source.commands.js';
import {
  sourceEventReason,
  type SourceEvent,
  type SourceRegistered,
  type SourceRevised,
} from './source.events.js';
import { evolveSource, initialSourceState } from './source.state.js';
import type { SourceState } from './source.state.js';
import {
  languageTagProblem,
  SOURCE_METADATA_FIELDS,
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
  requireOwnerOrEditor,
  requireRole,
  requireText,
  stamp,
} from '../../event-sourcing/guards.js';
import { REASON_LENGTH } from '../../event-sourcing/text-rules.js';

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

/**
 * A correction of a source's metadata by the analyst who registered it or an editor (docs/architecture.md
 * §4), with a reason. The fields given are checked by the registration's rules, over the fields kept; the
 * text is not among them (source.commands.ts).
 */
export const reviseSource = (command: ReviseSource, state: SourceState): SourceRevised[] => {
  const { data, metadata } = command;
  requireRole(metadata.actor, 'ANALYST', 'revising a source');
  if (state.status === 'none') throw new NotFoundError(`source ${data.sourceId} not found`);
  requireOwnerOrEditor(
    metadata.actor,
    state.registeredBy,
    'the analyst who registered it',
    `revise source ${state.sourceId}`,
  );
  const given = SOURCE_METADATA_FIELDS.filter((field) => data[field] !== undefined);
  const revised = sourceMetadataOf({
    ...Object.fromEntries(SOURCE_METADATA_FIELDS.map((field) => [field, state[field]])),
    ...Object.fromEntries(given.map((field) => [field, data[field]])),
  });
  const reason = requireText(data.reason, 'reason', REASON_LENGTH);
  const fields = SOURCE_METADATA_FIELDS.filter((field) => revised[field] !== state[field]);
  if (fields.length === 0) {
    throw new IllegalStateError(`the revision would leave the metadata of source ${state.sourceId} as it is`);
  }
  const pick = (metadata: SourceMetadata) =>
    Object.fromEntries(fields.map((field) => [field, metadata[field]])) as Partial<SourceMetadata>;
  return [
    {
      type: 'SourceRevised',
      data: {
        sourceId: state.sourceId,
        changed: pick(revised),
        previous: pick(state),
        reason,
        ...stamp(metadata),
      },
    },
  ];
};

export const decideSource = (command: SourceCommand, state: SourceState): SourceEvent[] => {
  switch (command.type) {
    case 'RegisterSource':
      return registerSource(command, state);
    case 'ReviseSource':
      return reviseSource(command, state);
    default: {
      const unexpected: never = command;
      throw new Error(`unknown source command ${JSON.stringify(unexpected)}`);
    }
  }
};

export const sourceDecider: Decider<SourceCommand, SourceEvent, SourceState> = {
  initialState: initialSourceState,
  evolve: evolveSource,
  decide: decideSource,
  reasonOf: sourceEventReason,
};
