import { useState } from 'preact/hooks';
import { request } from '../api.js';
import {
  ASSESS_CLAIM,
  ATTACH_EVIDENCE,
  CLAIM_SEARCH,
  LINK_CLAIMS,
  RAISE_COUNTERPOINT,
  RESPOND_TO_COUNTERPOINT,
  RETRACT_CLAIM,
  REVISE_CLAIM,
  TAG_CLAIM,
  UNLINK_CLAIMS,
  WITHDRAW_EVIDENCE,
  type CitationInput,
} from '../operations.js';
import { useQuery } from '../query.js';
import {
  RELATION_KINDS,
  VERDICTS,
  type ClaimDetail,
  type Counterpoint,
  type CounterpointResolution,
  type Evidence,
  type Relation,
  type RelationKind,
  type Stance,
  type Verdict,
} from '../types.js';
import { ConflictNotice, FormError, Submit, useAction } from './action.js';
import { AcceptabilityBadge, Field, label } from './ui.js';

/** What every claim form gets: the claim as the page shows it now, and where to put the mutation's answer. */
export interface ClaimFormProps {
  readonly claim: ClaimDetail;
  readonly onSaved: (claim: ClaimDetail) => void;
  /** Reload the claim (after a conflict, in case live updates are off). */
  readonly refresh: () => void;
  readonly onClose?: () => void;
}

const PROSE = { min: 3, max: 2000 };
const TAG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const requireProse = (value: string, what: string): string | undefined => {
  const length = value.trim().length;
  if (length === 0) return `${what} is required.`;
  if (length < PROSE.min) return `${what} must be at least ${PROSE.min} characters.`;
  if (length > PROSE.max) return `${what} must be at most ${PROSE.max} characters (now ${length}).`;
  return undefined;
};

const requireReason = (value: string): string | undefined =>
  value.trim() ? undefined : 'A reason is required: the audit trail records why this was done.';

const optional = (value: string): string | null => (value.trim() ? value.trim() : null);

/**
 * The version this form is based on: the claim's version when the form was opened, sent as expectedVersion,
 * so a change by someone else in between is refused as CONFLICT instead of being overwritten.
 */
const useClaimForm = (props: ClaimFormProps, fields: readonly string[]) => {
  const action = useAction(fields);
  const [seen, setSeen] = useState(props.claim.version);
  const [conflictSeen, setConflictSeen] = useState(seen);
  const submit = async (
    local: Record<string, string | undefined | false>,
    mutate: (expectedVersion: number, idempotencyKey: string) => Promise<ClaimDetail>,
    onDone?: () => void,
  ) => {
    const outcome = await action.run(local, (key) => mutate(seen, key));
    if (outcome.ok) {
      setSeen(outcome.value.version);
      props.onSaved(outcome.value);
      onDone?.();
    } else if (outcome.conflictVersion !== undefined) {
      setConflictSeen(seen);
      props.refresh();
    }
  };
  const useLatest = () => {
    setSeen(
      action.conflictVersion !== undefined && action.conflictVersion >= 0
        ? Math.max(action.conflictVersion, props.claim.version)
        : props.claim.version,
    );
    action.clear();
  };
  const notices = (
    <>
      {action.conflictVersion !== undefined ? (
        <ConflictNotice
          seen={conflictSeen}
          current={Math.max(action.conflictVersion, props.claim.version)}
          onUseLatest={useLatest}
        />
      ) : props.claim.version !== seen ? (
        <p class="notice" role="status">
          This claim has changed since you opened this form (you saw version {seen}; it is now at version{' '}
          {props.claim.version}). Saving now will be refused as a conflict; close and reopen the form to start
          from the latest version.
        </p>
      ) : null}
      <FormError message={action.formError} />
    </>
  );
  return { ...action, seen, submit, notices };
};

const Hidden = ({ seen }: { seen: number }) => (
  <input type="hidden" name="expectedVersion" value={String(seen)} />
);

// ---- revise ---------------------------------------------------------------------------------------------

export const ReviseForm = (props: ClaimFormProps) => {
  const [statement, setStatement] = useState(props.claim.statement);
  const [reason, setReason] = useState('');
  const form = useClaimForm(props, ['statement', 'reason']);
  return (
    <form
      noValidate
      ref={form.formRef}
      class="action-form"
      aria-label="Revise the statement"
      onSubmit={(event) => {
        event.preventDefault();
        void form.submit(
          {
            statement:
              requireProse(statement, 'The statement') ??
              (statement.trim() === props.claim.statement.trim()
                ? 'The new statement must differ from the current one.'
                : undefined),
            reason: requireReason(reason),
          },
          async (expectedVersion, idempotencyKey) =>
            (
              await request(REVISE_CLAIM, {
                input: {
                  claimId: props.claim.id,
                  statement: statement.trim(),
                  reason: reason.trim(),
                  expectedVersion,
                  idempotencyKey,
                },
              })
            ).reviseClaim.claim,
          () => {
            setReason('');
            props.onClose?.();
          },
        );
      }}
    >
      <Hidden seen={form.seen} />
      <Field label="New statement" required error={form.fieldErrors['statement']}>
        {(control) => (
          <textarea
            {...control}
            name="statement"
            rows={4}
            value={statement}
            onInput={(event) => setStatement(event.currentTarget.value)}
          />
        )}
      </Field>
      <Field
        label="Reason for the revision"
        required
        error={form.fieldErrors['reason']}
        hint="Recorded in the claim's history."
      >
        {(control) => (
          <textarea
            {...control}
            name="reason"
            rows={2}
            value={reason}
            onInput={(event) => setReason(event.currentTarget.value)}
          />
        )}
      </Field>
      {form.notices}
      <Submit busy={form.busy}>Save revision</Submit>
    </form>
  );
};

// ---- tags -----------------------------------------------------------------------------------------------

export const parseTags = (value: string): string[] => [
  ...new Set(
    value
      .split(/[,\s]+/)
      .map((tag) => tag.trim())
      .filter(Boolean),
  ),
];

export const TagsForm = (props: ClaimFormProps) => {
  const [text, setText] = useState(props.claim.tags.join(', '));
  const form = useClaimForm(props, ['tags', 'add', 'remove']);
  const wanted = parseTags(text);
  const add = wanted.filter((tag) => !props.claim.tags.includes(tag));
  const remove = props.claim.tags.filter((tag) => !wanted.includes(tag));
  const bad = wanted.find((tag) => !TAG.test(tag));
  return (
    <form
      noValidate
      ref={form.formRef}
      class="action-form"
      aria-label="Edit tags"
      onSubmit={(event) => {
        event.preventDefault();
        void form.submit(
          {
            tags: bad
              ? `"${bad}" is not a tag: use lower-case letters and digits joined by hyphens, e.g. foreign-policy.`
              : add.length + remove.length === 0
                ? 'Nothing to change: add or remove a tag first.'
                : undefined,
          },
          async (expectedVersion, idempotencyKey) =>
            (
              await request(TAG_CLAIM, {
                input: { claimId: props.claim.id, add, remove, expectedVersion, idempotencyKey },
              })
            ).tagClaim.claim,
          props.onClose,
        );
      }}
    >
      <Hidden seen={form.seen} />
      <Field
        label="Tags"
        hint="Comma-separated, lower-case with hyphens (e.g. geopolitics, russia). Delete a tag to remove it."
        error={form.fieldErrors['tags'] ?? form.fieldErrors['add'] ?? form.fieldErrors['remove']}
      >
        {(control) => (
          <input
            {...control}
            name="tags"
            type="text"
            value={text}
            onInput={(event) => setText(event.currentTarget.value)}
          />
        )}
      </Field>
      <p class="hint" aria-live="polite">
        {add.length ? `Adds ${add.join(', ')}. ` : ''}
        {remove.length ? `Removes ${remove.join(', ')}.` : ''}
      </p>
      {form.notices}
      <Submit busy={form.busy}>Save tags</Submit>
    </form>
  );
};

// ---- evidence -------------------------------------------------------------------------------------------

const CITATION_FIELDS = [
  'citation',
  'citation.url',
  'citation.title',
  'citation.author',
  'citation.publisher',
  'citation.publishedAt',
  'citation.quote',
];

const dateToIso = (value: string): string | null =>
  value ? new Date(`${value}T00:00:00Z`).toISOString() : null;

export const AttachEvidenceForm = (props: ClaimFormProps) => {
  const [stance, setStance] = useState<Stance>('SUPPORTS');
  const [summary, setSummary] = useState('');
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [author, setAuthor] = useState('');
  const [publisher, setPublisher] = useState('');
  const [publishedAt, setPublishedAt] = useState('');
  const [quote, setQuote] = useState('');
  const [reliability, setReliability] = useState('');
  const form = useClaimForm(props, ['stance', 'summary', 'reliability', ...CITATION_FIELDS]);
  const reset = () => {
    for (const set of [
      setSummary,
      setUrl,
      setTitle,
      setAuthor,
      setPublisher,
      setPublishedAt,
      setQuote,
      setReliability,
    ])
      set('');
  };
  const reliabilityValue = reliability.trim() === '' ? null : Number(reliability);
  return (
    <form
      noValidate
      ref={form.formRef}
      class="action-form"
      aria-label="Attach evidence"
      onSubmit={(event) => {
        event.preventDefault();
        const citation: CitationInput = {
          url: optional(url),
          title: optional(title),
          author: optional(author),
          publisher: optional(publisher),
          publishedAt: dateToIso(publishedAt),
          quote: optional(quote),
        };
        void form.submit(
          {
            summary: requireProse(summary, 'The summary'),
            citation:
              !url.trim() && !title.trim() ? 'Give the citation at least a URL or a title.' : undefined,
            reliability:
              reliabilityValue !== null && !(reliabilityValue >= 0 && reliabilityValue <= 1)
                ? 'Reliability is a number from 0 (none) to 1 (certain).'
                : undefined,
          },
          async (expectedVersion, idempotencyKey) =>
            (
              await request(ATTACH_EVIDENCE, {
                input: {
                  claimId: props.claim.id,
                  stance,
                  summary: summary.trim(),
                  citation,
                  reliability: reliabilityValue,
                  expectedVersion,
                  idempotencyKey,
                },
              })
            ).attachEvidence.claim,
          reset,
        );
      }}
    >
      <Hidden seen={form.seen} />
      <fieldset class="radio-row">
        <legend>Stance</legend>
        {(['SUPPORTS', 'UNDERMINES'] as const).map((value) => (
          <label key={value} class="check">
            <input
              type="radio"
              name="stance"
              value={value}
              checked={stance === value}
              onChange={() => setStance(value)}
            />{' '}
            {value === 'SUPPORTS' ? 'Supports the claim (for)' : 'Undermines the claim (against)'}
          </label>
        ))}
      </fieldset>
      <Field
        label="Summary of the evidence"
        required
        error={form.fieldErrors['summary'] ?? form.fieldErrors['stance']}
      >
        {(control) => (
          <textarea
            {...control}
            name="summary"
            rows={3}
            value={summary}
            onInput={(event) => setSummary(event.currentTarget.value)}
          />
        )}
      </Field>
      <fieldset class="citation">
        <legend>Citation (a URL or a title at least)</legend>
        {form.fieldErrors['citation'] ? (
          <p class="field-error">
            <span aria-hidden="true">⚠ </span>
            {form.fieldErrors['citation']}
          </p>
        ) : null}
        <Field label="URL" error={form.fieldErrors['citation.url']}>
          {(control) => (
            <input
              {...control}
              name="citation.url"
              type="url"
              inputMode="url"
              value={url}
              onInput={(event) => setUrl(event.currentTarget.value)}
            />
          )}
        </Field>
        <Field label="Title" error={form.fieldErrors['citation.title']}>
          {(control) => (
            <input
              {...control}
              name="citation.title"
              type="text"
              value={title}
              onInput={(event) => setTitle(event.currentTarget.value)}
            />
          )}
        </Field>
        <div class="row">
          <Field label="Author" error={form.fieldErrors['citation.author']}>
            {(control) => (
              <input
                {...control}
                name="citation.author"
                type="text"
                value={author}
                onInput={(event) => setAuthor(event.currentTarget.value)}
              />
            )}
          </Field>
          <Field label="Publisher" error={form.fieldErrors['citation.publisher']}>
            {(control) => (
              <input
                {...control}
                name="citation.publisher"
                type="text"
                value={publisher}
                onInput={(event) => setPublisher(event.currentTarget.value)}
              />
            )}
          </Field>
        </div>
        <div class="row">
          <Field label="Published on" error={form.fieldErrors['citation.publishedAt']}>
            {(control) => (
              <input
                {...control}
                name="citation.publishedAt"
                type="date"
                value={publishedAt}
                onInput={(event) => setPublishedAt(event.currentTarget.value)}
              />
            )}
          </Field>
          <Field label="Reliability (0 to 1)" error={form.fieldErrors['reliability']}>
            {(control) => (
              <input
                {...control}
                name="reliability"
                type="number"
                min="0"
                max="1"
                step="0.05"
                inputMode="decimal"
                value={reliability}
                onInput={(event) => setReliability(event.currentTarget.value)}
              />
            )}
          </Field>
        </div>
        <Field label="Quote from the cited work" error={form.fieldErrors['citation.quote']}>
          {(control) => (
            <textarea
              {...control}
              name="citation.quote"
              rows={2}
              value={quote}
              onInput={(event) => setQuote(event.currentTarget.value)}
            />
          )}
        </Field>
      </fieldset>
      {form.notices}
      <Submit busy={form.busy}>Attach evidence</Submit>
    </form>
  );
};

export const WithdrawEvidenceForm = (props: ClaimFormProps & { evidence: Evidence }) => {
  const [reason, setReason] = useState('');
  const form = useClaimForm(props, ['reason', 'evidenceId']);
  return (
    <form
      noValidate
      ref={form.formRef}
      class="action-form inline"
      aria-label="Withdraw evidence"
      onSubmit={(event) => {
        event.preventDefault();
        void form.submit(
          { reason: requireReason(reason) },
          async (expectedVersion, idempotencyKey) =>
            (
              await request(WITHDRAW_EVIDENCE, {
                input: {
                  claimId: props.claim.id,
                  evidenceId: props.evidence.id,
                  reason: reason.trim(),
                  expectedVersion,
                  idempotencyKey,
                },
              })
            ).withdrawEvidence.claim,
          props.onClose,
        );
      }}
    >
      <Hidden seen={form.seen} />
      <Field
        label="Why withdraw this evidence?"
        required
        error={form.fieldErrors['reason'] ?? form.fieldErrors['evidenceId']}
      >
        {(control) => (
          <input
            {...control}
            name="reason"
            type="text"
            value={reason}
            onInput={(event) => setReason(event.currentTarget.value)}
          />
        )}
      </Field>
      {form.notices}
      <div class="buttons">
        <Submit busy={form.busy}>Withdraw</Submit>
        {props.onClose ? (
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
};

// ---- counterpoints --------------------------------------------------------------------------------------

export const RaiseCounterpointForm = (props: ClaimFormProps) => {
  const [text, setText] = useState('');
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const form = useClaimForm(props, ['text', 'citation', 'citation.url', 'citation.title']);
  return (
    <form
      noValidate
      ref={form.formRef}
      class="action-form"
      aria-label="Raise a counterpoint"
      onSubmit={(event) => {
        event.preventDefault();
        const citation = url.trim() || title.trim() ? { url: optional(url), title: optional(title) } : null;
        void form.submit(
          { text: requireProse(text, 'The counterpoint') },
          async (expectedVersion, idempotencyKey) =>
            (
              await request(RAISE_COUNTERPOINT, {
                input: {
                  claimId: props.claim.id,
                  text: text.trim(),
                  citation,
                  expectedVersion,
                  idempotencyKey,
                },
              })
            ).raiseCounterpoint.claim,
          () => {
            setText('');
            setUrl('');
            setTitle('');
          },
        );
      }}
    >
      <Hidden seen={form.seen} />
      <Field
        label="Counterpoint"
        required
        hint="While it is open, the claim is CONTESTED and the counterpoint attacks it."
        error={form.fieldErrors['text']}
      >
        {(control) => (
          <textarea
            {...control}
            name="text"
            rows={3}
            value={text}
            onInput={(event) => setText(event.currentTarget.value)}
          />
        )}
      </Field>
      <div class="row">
        <Field
          label="Citation URL (optional)"
          error={form.fieldErrors['citation.url'] ?? form.fieldErrors['citation']}
        >
          {(control) => (
            <input
              {...control}
              name="citation.url"
              type="url"
              value={url}
              onInput={(event) => setUrl(event.currentTarget.value)}
            />
          )}
        </Field>
        <Field label="Citation title (optional)" error={form.fieldErrors['citation.title']}>
          {(control) => (
            <input
              {...control}
              name="citation.title"
              type="text"
              value={title}
              onInput={(event) => setTitle(event.currentTarget.value)}
            />
          )}
        </Field>
      </div>
      {form.notices}
      <Submit busy={form.busy}>Raise counterpoint</Submit>
    </form>
  );
};

const RESOLUTION_WORDS: Record<CounterpointResolution, { choice: string; response: string; help: string }> = {
  ANSWERED: {
    choice: 'Answer it',
    response: 'Your answer',
    help: 'An answered counterpoint is defeated and attacks nothing.',
  },
  CONCEDED: {
    choice: 'Concede it',
    response: 'What you concede',
    help: 'A conceded counterpoint stands and keeps attacking the claim.',
  },
  DISMISSED: {
    choice: 'Dismiss it',
    response: 'Why it is dismissed',
    help: 'A dismissed counterpoint is defeated and attacks nothing.',
  },
};

export const RespondForm = (props: ClaimFormProps & { counterpoint: Counterpoint }) => {
  const [resolution, setResolution] = useState<CounterpointResolution>('ANSWERED');
  const [response, setResponse] = useState('');
  const form = useClaimForm(props, ['response', 'resolution', 'counterpointId']);
  const words = RESOLUTION_WORDS[resolution];
  return (
    <form
      noValidate
      ref={form.formRef}
      class="action-form inline"
      aria-label="Respond to the counterpoint"
      onSubmit={(event) => {
        event.preventDefault();
        void form.submit(
          {
            response: response.trim()
              ? undefined
              : 'A response is required: say how the counterpoint is answered, conceded or dismissed.',
          },
          async (expectedVersion, idempotencyKey) =>
            (
              await request(RESPOND_TO_COUNTERPOINT, {
                input: {
                  claimId: props.claim.id,
                  counterpointId: props.counterpoint.id,
                  resolution,
                  response: response.trim(),
                  expectedVersion,
                  idempotencyKey,
                },
              })
            ).respondToCounterpoint.claim,
          props.onClose,
        );
      }}
    >
      <Hidden seen={form.seen} />
      <fieldset class="radio-row">
        <legend>Resolution</legend>
        {(Object.keys(RESOLUTION_WORDS) as CounterpointResolution[]).map((value) => (
          <label key={value} class="check">
            <input
              type="radio"
              name="resolution"
              value={value}
              checked={resolution === value}
              onChange={() => setResolution(value)}
            />{' '}
            {RESOLUTION_WORDS[value].choice}
          </label>
        ))}
      </fieldset>
      <Field
        label={words.response}
        required
        hint={words.help}
        error={
          form.fieldErrors['response'] ?? form.fieldErrors['resolution'] ?? form.fieldErrors['counterpointId']
        }
      >
        {(control) => (
          <textarea
            {...control}
            name="response"
            rows={3}
            value={response}
            onInput={(event) => setResponse(event.currentTarget.value)}
          />
        )}
      </Field>
      {form.notices}
      <div class="buttons">
        <Submit busy={form.busy}>Save response</Submit>
        {props.onClose ? (
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
};

// ---- relations ------------------------------------------------------------------------------------------

const KIND_WORDS: Record<RelationKind, string> = {
  SUPPORTS: 'supports',
  ATTACKS: 'attacks',
  UNDERCUTS: 'undercuts (attacks the reasoning of)',
  REFINES: 'refines',
  DUPLICATES: 'duplicates',
};

export const LinkForm = (props: ClaimFormProps) => {
  const [kind, setKind] = useState<RelationKind>('SUPPORTS');
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [target, setTarget] = useState('');
  const [rationale, setRationale] = useState('');
  const form = useClaimForm(props, ['toClaimId', 'kind', 'rationale']);
  const results = useQuery(CLAIM_SEARCH, { search: query.trim() || null, first: 8 }, { keepPrevious: true });
  const candidates = (results.data?.claims.edges ?? [])
    .map((edge) => edge.node)
    .filter((claim) => claim.id !== props.claim.id);
  return (
    <form
      noValidate
      ref={form.formRef}
      class="action-form"
      aria-label="Link to another claim"
      onSubmit={(event) => {
        event.preventDefault();
        void form.submit(
          { toClaimId: target.trim() ? undefined : 'Choose the claim to link to.' },
          async (expectedVersion, idempotencyKey) =>
            (
              await request(LINK_CLAIMS, {
                input: {
                  fromClaimId: props.claim.id,
                  toClaimId: target.trim(),
                  kind,
                  rationale: optional(rationale),
                  expectedVersion,
                  idempotencyKey,
                },
              })
            ).linkClaims.claim,
          () => {
            setTarget('');
            setRationale('');
          },
        );
      }}
    >
      <Hidden seen={form.seen} />
      <Field label="This claim…" error={form.fieldErrors['kind']}>
        {(control) => (
          <select
            {...control}
            name="kind"
            value={kind}
            onChange={(event) => setKind(event.currentTarget.value as RelationKind)}
          >
            {RELATION_KINDS.map((value) => (
              <option key={value} value={value}>
                {KIND_WORDS[value]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="Find the other claim"
        hint="Full-text search over statements, evidence and counterpoints."
      >
        {(control) => (
          <input
            {...control}
            name="search"
            type="search"
            value={search}
            onInput={(event) => setSearch(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                setQuery(search);
              }
            }}
            onBlur={() => setQuery(search)}
          />
        )}
      </Field>
      <fieldset class="candidates">
        <legend>…the claim</legend>
        {results.error ? <p class="field-error">Search failed: {(results.error as Error).message}</p> : null}
        {candidates.length === 0 && !results.loading ? <p class="hint">No other claims match.</p> : null}
        {candidates.map((candidate) => (
          <label key={candidate.id} class="check candidate">
            <input
              type="radio"
              name="toClaimId"
              value={candidate.id}
              checked={target === candidate.id}
              onChange={() => setTarget(candidate.id)}
            />{' '}
            <span>{candidate.statement}</span> <AcceptabilityBadge acceptability={candidate.acceptability} />
          </label>
        ))}
      </fieldset>
      <Field label="…or paste its id" error={form.fieldErrors['toClaimId']}>
        {(control) => (
          <input
            {...control}
            name="toClaimIdText"
            type="text"
            placeholder="clm_…"
            value={target}
            onInput={(event) => setTarget(event.currentTarget.value)}
          />
        )}
      </Field>
      <Field label="Rationale (optional)" error={form.fieldErrors['rationale']}>
        {(control) => (
          <textarea
            {...control}
            name="rationale"
            rows={2}
            value={rationale}
            onInput={(event) => setRationale(event.currentTarget.value)}
          />
        )}
      </Field>
      {form.notices}
      <Submit busy={form.busy}>Link claims</Submit>
    </form>
  );
};

export const UnlinkForm = (props: ClaimFormProps & { relation: Relation }) => {
  const [reason, setReason] = useState('');
  const form = useClaimForm(props, ['reason', 'toClaimId', 'kind']);
  return (
    <form
      noValidate
      ref={form.formRef}
      class="action-form inline"
      aria-label="Remove the link"
      onSubmit={(event) => {
        event.preventDefault();
        void form.submit(
          { reason: requireReason(reason) },
          async (expectedVersion, idempotencyKey) =>
            (
              await request(UNLINK_CLAIMS, {
                input: {
                  fromClaimId: props.claim.id,
                  toClaimId: props.relation.to.id,
                  kind: props.relation.kind,
                  reason: reason.trim(),
                  expectedVersion,
                  idempotencyKey,
                },
              })
            ).unlinkClaims.claim,
          props.onClose,
        );
      }}
    >
      <Hidden seen={form.seen} />
      <Field
        label="Why remove this link?"
        required
        error={form.fieldErrors['reason'] ?? form.fieldErrors['toClaimId'] ?? form.fieldErrors['kind']}
      >
        {(control) => (
          <input
            {...control}
            name="reason"
            type="text"
            value={reason}
            onInput={(event) => setReason(event.currentTarget.value)}
          />
        )}
      </Field>
      {form.notices}
      <div class="buttons">
        <Submit busy={form.busy}>Remove link</Submit>
        {props.onClose ? (
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
};

// ---- editorial ------------------------------------------------------------------------------------------

export const AssessForm = (props: ClaimFormProps) => {
  const [verdict, setVerdict] = useState<Verdict>(props.claim.assessment?.verdict ?? 'MOSTLY_ACCURATE');
  const [confidence, setConfidence] = useState(String(props.claim.assessment?.confidence ?? 0.7));
  const [rationale, setRationale] = useState('');
  const form = useClaimForm(props, ['verdict', 'confidence', 'rationale']);
  const value = Number(confidence);
  return (
    <form
      noValidate
      ref={form.formRef}
      class="action-form"
      aria-label="Assess the claim"
      onSubmit={(event) => {
        event.preventDefault();
        void form.submit(
          {
            confidence:
              confidence.trim() === '' || !(value >= 0 && value <= 1)
                ? 'Confidence is a number from 0 to 1.'
                : undefined,
            rationale: rationale.trim() ? undefined : 'A rationale is required: say why this verdict.',
          },
          async (expectedVersion, idempotencyKey) =>
            (
              await request(ASSESS_CLAIM, {
                input: {
                  claimId: props.claim.id,
                  verdict,
                  confidence: value,
                  rationale: rationale.trim(),
                  expectedVersion,
                  idempotencyKey,
                },
              })
            ).assessClaim.claim,
          () => {
            setRationale('');
            props.onClose?.();
          },
        );
      }}
    >
      <Hidden seen={form.seen} />
      <div class="row">
        <Field label="Verdict" error={form.fieldErrors['verdict']}>
          {(control) => (
            <select
              {...control}
              name="verdict"
              value={verdict}
              onChange={(event) => setVerdict(event.currentTarget.value as Verdict)}
            >
              {VERDICTS.map((option) => (
                <option key={option} value={option}>
                  {label(option)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Confidence (0 to 1)" error={form.fieldErrors['confidence']}>
          {(control) => (
            <input
              {...control}
              name="confidence"
              type="number"
              min="0"
              max="1"
              step="0.05"
              inputMode="decimal"
              value={confidence}
              onInput={(event) => setConfidence(event.currentTarget.value)}
            />
          )}
        </Field>
      </div>
      <Field label="Rationale" required error={form.fieldErrors['rationale']}>
        {(control) => (
          <textarea
            {...control}
            name="rationale"
            rows={3}
            value={rationale}
            onInput={(event) => setRationale(event.currentTarget.value)}
          />
        )}
      </Field>
      {form.notices}
      <Submit busy={form.busy}>Save assessment</Submit>
    </form>
  );
};

export const RetractForm = (props: ClaimFormProps) => {
  const [reason, setReason] = useState('');
  const form = useClaimForm(props, ['reason']);
  return (
    <form
      noValidate
      ref={form.formRef}
      class="action-form"
      aria-label="Retract the claim"
      onSubmit={(event) => {
        event.preventDefault();
        void form.submit(
          { reason: requireReason(reason) },
          async (expectedVersion, idempotencyKey) =>
            (
              await request(RETRACT_CLAIM, {
                input: { claimId: props.claim.id, reason: reason.trim(), expectedVersion, idempotencyKey },
              })
            ).retractClaim.claim,
          props.onClose,
        );
      }}
    >
      <Hidden seen={form.seen} />
      <p class="hint">
        A retracted claim leaves the argument graph and can no longer be changed. This cannot be undone.
      </p>
      <Field label="Reason for retracting" required error={form.fieldErrors['reason']}>
        {(control) => (
          <textarea
            {...control}
            name="reason"
            rows={2}
            value={reason}
            onInput={(event) => setReason(event.currentTarget.value)}
          />
        )}
      </Field>
      {form.notices}
      <Submit busy={form.busy}>Retract claim</Submit>
    </form>
  );
};
