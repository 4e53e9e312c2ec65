import type { ComponentChildren } from 'preact';
import { describeError } from '../api.js';
import type { Acceptability, Actor, ClaimStatus, CounterpointState, RelationKind, Stance } from '../types.js';

export const label = (value: string): string =>
  value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ');

const STATUS_HELP: Record<ClaimStatus, string> = {
  OPEN: 'open: not yet assessed, no open counterpoint',
  CONTESTED: 'contested: a counterpoint is open',
  ASSESSED: 'assessed by an editor',
  RETRACTED: 'retracted',
};

const ACCEPTABILITY_HELP: Record<Acceptability, string> = {
  IN: 'IN: the claim stands (every attacker is defeated)',
  OUT: 'OUT: an argument that stands defeats it',
  UNDECIDED: 'UNDECIDED: attacks go round without a winner',
};

/** The labels of grounded semantics, in the order they are explained (the record above is exhaustive). */
export const ACCEPTABILITIES = Object.keys(ACCEPTABILITY_HELP) as Acceptability[];

export const StatusBadge = ({ status }: { status: ClaimStatus }) => (
  <span class={`badge status-${status}`} title={STATUS_HELP[status]} data-status={status}>
    <span class="visually-hidden">Status: </span>
    {status}
  </span>
);

export const AcceptabilityBadge = ({ acceptability }: { acceptability: Acceptability }) => (
  <span
    class={`badge acc-${acceptability}`}
    title={ACCEPTABILITY_HELP[acceptability]}
    data-acceptability={acceptability}
  >
    <span class="visually-hidden">Acceptability: </span>
    {acceptability}
  </span>
);

export const CounterpointStateBadge = ({ state }: { state: CounterpointState }) => (
  <span class={`badge cp-${state}`}>{state}</span>
);

export const StanceBadge = ({ stance }: { stance: Stance }) => (
  <span class={`badge stance-${stance}`}>{stance === 'SUPPORTS' ? 'For' : 'Against'}</span>
);

export const KindBadge = ({ kind }: { kind: RelationKind }) => (
  <span class={`badge kind-${kind}`}>{kind.toLowerCase()}</span>
);

export const Tags = ({ tags }: { tags: readonly string[] }) =>
  tags.length === 0 ? null : (
    <ul class="tags" aria-label="Tags">
      {tags.map((tag) => (
        <li key={tag} class="tag">
          {tag}
        </li>
      ))}
    </ul>
  );

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateTimeSeconds = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export const formatTime = (iso: string, seconds = false): string => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : (seconds ? dateTimeSeconds : dateTime).format(date);
};

export const Time = ({ iso, seconds }: { iso: string; seconds?: boolean }) => (
  <time dateTime={iso} title={iso}>
    {formatTime(iso, seconds)}
  </time>
);

export const Who = ({ actor }: { actor: Actor }) => (
  <span class="who">
    {actor.id} <span class="role">({actor.role.toLowerCase()})</span>
  </span>
);

export const ErrorBox = ({ error, children }: { error?: unknown; children?: ComponentChildren }) => (
  <div class="error-box" role="alert">
    {children}
    {error !== undefined ? <p>{describeError(error)}</p> : null}
  </div>
);

export const Loading = ({ what = 'Loading' }: { what?: string }) => (
  <p class="loading" role="status">
    {what}…
  </p>
);

/** A group of checkboxes for an enum filter. */
export const CheckboxGroup = <T extends string>({
  legend,
  options,
  value,
  onChange,
  render = label,
  name,
}: {
  legend: string;
  options: readonly T[];
  value: readonly T[];
  onChange: (next: T[]) => void;
  render?: (option: T) => string;
  name: string;
}) => (
  <fieldset class="checkbox-group">
    <legend>{legend}</legend>
    {options.map((option) => (
      <label key={option} class="check">
        <input
          type="checkbox"
          name={name}
          value={option}
          checked={value.includes(option)}
          onChange={(event) => {
            const checked = (event.currentTarget as HTMLInputElement).checked;
            onChange(checked ? [...value, option] : value.filter((item) => item !== option));
          }}
        />{' '}
        {render(option)}
      </label>
    ))}
  </fieldset>
);
