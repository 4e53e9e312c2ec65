import { useEffect, useMemo, useState } from 'preact/hooks';
import { request } from '../../api.js';
import { ATTRIBUTED_TO_MAX_LENGTH, NOTE_MAX_LENGTH, STATEMENT_LENGTH } from '../../domain.js';
import { ProposeClaimDocument } from '../../generated/graphql.js';
import { inContext, occurrences, selectorFor, type Span } from '../../quote.js';
import { Link } from '../../router.js';
import { ActionForm } from './action-form.js';
import { Field } from './field.js';
import { ProseField, TagsField, TextField } from './fields.js';
import { maxLengthProblem, optional, parseTags, proseProblem, tagsProblem } from './rules.js';
import { useForm } from './use-form.js';

/** The source a claim is proposed from: its text is where the quote is anchored. */
export interface ProposalSource {
  readonly id: string;
  readonly text: string;
  readonly author: string | null;
}

/** The quote in its context, with the anchored words marked. */
const AnchoredPreview = ({ text, span }: { text: string; span: Span }) => {
  const context = inContext(text, span, 40);
  return (
    <p class="anchored-preview" data-testid="quote-preview">
      <span class="visually-hidden">Anchored at: </span>
      {context.before}
      <mark>{context.exact}</mark>
      {context.after}{' '}
      <span class="meta">
        (characters {span.start}–{span.end})
      </span>
    </p>
  );
};

/**
 * Propose a claim quoting a source. A selection made in the text (`selected`, from whatever shows the
 * text) becomes the quote, anchored to exactly that place even if the same words occur elsewhere; typed
 * words that occur more than once ask which occurrence is meant. `onPending` reports the span about to be
 * quoted, so the host can paint it.
 */
export const ProposeClaimForm = ({
  source,
  selected,
  onProposed,
  onPending,
}: {
  source: ProposalSource;
  selected: Span | undefined;
  onProposed: (id: string) => void;
  onPending: (span: Span | undefined) => void;
}) => {
  const form = useForm({ quote: '', statement: '', tags: '', attributedTo: source.author ?? '', note: '' }, [
    'sourceId',
  ]);
  const { quote, statement, tags, attributedTo, note } = form.values;
  const [occurrence, setOccurrence] = useState(0);
  const [span, setSpan] = useState<Span | undefined>();
  const [statementTouched, setStatementTouched] = useState(false);
  const [proposed, setProposed] = useState<{ id: string; statement: string } | undefined>();

  // A new selection in the text replaces the quote (and the statement, unless the user wrote one).
  useEffect(() => {
    if (!selected) return;
    const exact = source.text.slice(selected.start, selected.end);
    form.set('quote', exact);
    setSpan(selected);
    setOccurrence(occurrences(source.text, exact).indexOf(selected.start));
    if (!statementTouched) form.set('statement', exact.replace(/\s+/g, ' '));
  }, [selected?.start, selected?.end]);

  const found = useMemo(() => occurrences(source.text, quote.trim()), [source.text, quote]);
  const selectionHolds = span !== undefined && source.text.slice(span.start, span.end) === quote;
  // Typed (not selected) quotes: the user picks which occurrence is meant.
  const start = selectionHolds ? span.start : found[Math.max(0, Math.min(occurrence, found.length - 1))];
  const anchored: Span | undefined = selectionHolds
    ? span
    : start !== undefined
      ? { start, end: start + quote.trim().length }
      : undefined;
  useEffect(() => onPending(anchored), [anchored?.start, anchored?.end]);

  const submit = () => {
    const selector = anchored ? selectorFor(source.text, anchored) : undefined;
    const tagList = parseTags(tags);
    void form
      .run(
        {
          statement: proseProblem(
            statement,
            STATEMENT_LENGTH,
            'The statement',
            `Write the claim as a statement of at least ${STATEMENT_LENGTH.min} characters.`,
          ),
          quote:
            quote.trim() && !anchored
              ? 'These words are not in the text: select a passage or paste the exact words.'
              : undefined,
          tags: tagsProblem(tagList),
          attributedTo: maxLengthProblem(attributedTo, ATTRIBUTED_TO_MAX_LENGTH, 'Attributed to'),
          note: maxLengthProblem(note, NOTE_MAX_LENGTH, 'The note'),
        },
        async (idempotencyKey) =>
          (
            await request(ProposeClaimDocument, {
              input: {
                statement: statement.trim(),
                sourceId: source.id,
                quote: selector ?? null,
                tags: tagList,
                attributedTo: optional(attributedTo),
                note: optional(note),
                idempotencyKey,
              },
            })
          ).proposeClaim.claim,
      )
      .then((outcome) => {
        if (!outcome.ok) return;
        setProposed({ id: outcome.value.id, statement: outcome.value.statement });
        form.reset('quote', 'statement', 'tags', 'note');
        setSpan(undefined);
        setStatementTouched(false);
        window.getSelection()?.removeAllRanges();
        onProposed(outcome.value.id);
      });
  };

  return (
    <ActionForm
      form={form}
      labelledBy="propose-heading"
      class="propose-form"
      submit="Propose claim"
      onSubmit={submit}
      after={
        proposed ? (
          <p class="success" role="status">
            Proposed: <Link href={`/claims/${proposed.id}`}>{proposed.statement}</Link>
          </p>
        ) : null
      }
    >
      <h2 id="propose-heading">Propose a claim</h2>
      <p class="hint">
        Select a passage in the text: it becomes the quote, anchored to exactly that place even if the same
        words occur elsewhere.
      </p>
      <ProseField
        bind={{
          ...form.field('quote'),
          onValue: (value) => {
            form.set('quote', value);
            setSpan(undefined);
            setOccurrence(0);
          },
        }}
        label="Quote (exact words from the text)"
        hint={found.length > 1 ? `These words occur ${found.length} times in the text.` : undefined}
      />
      {found.length > 1 && !selectionHolds ? (
        <Field label="Which occurrence?">
          {(control) => (
            <select
              {...control}
              value={String(occurrence)}
              onChange={(event) => setOccurrence(Number(event.currentTarget.value))}
            >
              {found.map((at, index) => {
                const context = inContext(source.text, { start: at, end: at + quote.trim().length }, 30);
                return (
                  <option key={at} value={index}>
                    {index + 1}: {context.before}[{context.exact}]{context.after}
                  </option>
                );
              })}
            </select>
          )}
        </Field>
      ) : null}
      {anchored ? <AnchoredPreview text={source.text} span={anchored} /> : null}
      <ProseField
        bind={{
          ...form.field('statement'),
          onValue: (value) => {
            form.set('statement', value);
            setStatementTouched(true);
          },
        }}
        label="Statement of the claim"
        required
        hint={`The claim in your words, ${STATEMENT_LENGTH.min} to ${STATEMENT_LENGTH.max} characters.`}
        max={STATEMENT_LENGTH.max}
      />
      <TagsField bind={form.field('tags')} hint="Comma-separated, lower-case with hyphens." />
      <TextField
        bind={form.field('attributedTo')}
        label="Attributed to"
        hint="Who makes the claim in the source."
      />
      <ProseField bind={form.field('note')} label="Note (optional)" max={NOTE_MAX_LENGTH} rows={2} />
    </ActionForm>
  );
};
