import { useState } from 'preact/hooks';
import { request } from '../../api.js';
import type { ChangedClaimFragment, TypedDocumentString } from '../../generated/graphql.js';
import type { ClaimDetail } from '../../types.js';
import { ConflictNotice, FormError, StaleVersionNotice } from './notices.js';
import type { LocalChecks } from './use-action.js';
import { useForm, type Draft } from './use-form.js';

/** What every claim form gets: the claim as the page shows it now, and where to put the mutation's answer. */
export interface ClaimFormProps {
  readonly claim: ClaimDetail;
  readonly onSaved: (claim: ClaimDetail) => void;
  /** Reload the claim (after a conflict, in case live updates are off). */
  readonly refresh: () => void;
  readonly onClose?: (() => void) | undefined;
}

/** A mutation that changes a claim: each answers `{ <mutation>: { claim } }` (fragment ChangedClaim). */
export type ClaimMutation = Readonly<Record<string, ChangedClaimFragment>>;

/** A claim mutation's input less what the form adds to every one: the version it saw, and a key. */
export type ClaimMutationInput<Input> = Omit<Input, 'expectedVersion' | 'idempotencyKey'>;

/**
 * A form that changes a claim. It is based on the claim's version when it was opened, sent as
 * expectedVersion, so a change by someone else in between is refused as CONFLICT instead of being
 * overwritten; the draft is kept, and the person can continue from the new version.
 */
export const useClaimForm = <Values extends Draft>(
  props: ClaimFormProps,
  initial: Values,
  apiFields: readonly string[] = [],
) => {
  // One stored draft per claim and form (a form is known by its fields).
  const form = useForm(
    initial,
    apiFields,
    `${props.claim.id}:${[...Object.keys(initial), ...apiFields].join(',')}`,
  );
  const [seen, setSeen] = useState(props.claim.version);
  const [conflictSeen, setConflictSeen] = useState(seen);

  const submit = async <Input,>(
    checks: LocalChecks,
    mutation: TypedDocumentString<ClaimMutation, { input: Input }>,
    input: ClaimMutationInput<Input>,
    onDone?: () => void,
  ) => {
    const outcome = await form.run(checks, async (idempotencyKey) => {
      // The spread holds every field of Input: the form's own and the two it adds here.
      const variables = { input: { ...input, expectedVersion: seen, idempotencyKey } as Input };
      const changed = Object.values(await request(mutation, variables))[0];
      if (!changed) throw new Error('the server answered without the claim');
      return changed.claim;
    });
    if (outcome.ok) {
      form.forgetDraft();
      setSeen(outcome.value.version);
      props.onSaved(outcome.value);
      onDone?.();
    } else if (outcome.conflictVersion !== undefined) {
      setConflictSeen(seen);
      props.refresh();
    }
  };

  const current = Math.max(form.conflictVersion ?? -1, props.claim.version);
  const continueFromLatest = () => {
    setSeen(current);
    form.clear();
  };
  const notices = (
    <>
      {form.conflictVersion !== undefined ? (
        <ConflictNotice seen={conflictSeen} current={current} onUseLatest={continueFromLatest} />
      ) : props.claim.version !== seen ? (
        <StaleVersionNotice seen={seen} current={props.claim.version} />
      ) : null}
      <FormError message={form.formError} />
    </>
  );
  const versionInput = <input type="hidden" name="expectedVersion" value={String(seen)} />;
  return { ...form, seen, submit, notices, versionInput };
};
