import { useState } from 'preact/hooks';
import { REASON_LENGTH, RELATION_KINDS } from '../../domain.js';
import { ClaimSearchDocument, LinkClaimsDocument } from '../../generated/graphql.js';
import { useQuery } from '../../query.js';
import type { RelationKind } from '../../types.js';
import { AcceptabilityBadge } from '../ui.js';
import { ActionForm } from './action-form.js';
import { EnumSelect, ProseField, TextField } from './fields.js';
import { optional, proseProblem } from './rules.js';
import { useClaimForm, type ClaimFormProps } from './use-claim-form.js';

/** The kinds as the sentence "This claim … the claim" reads them. */
const KIND_WORDS: Record<RelationKind, string> = {
  SUPPORTS: 'supports',
  ATTACKS: 'attacks',
  UNDERCUTS: 'undercuts (attacks the reasoning of)',
  REFINES: 'refines',
  DUPLICATES: 'duplicates',
};

/** Link this claim to another one, found by full-text search or pasted by id. */
export const LinkClaimsForm = (props: ClaimFormProps) => {
  const form = useClaimForm(props, {
    kind: 'SUPPORTS' as RelationKind,
    search: '',
    toClaimId: '',
    rationale: '',
  });
  const { kind, search, toClaimId, rationale } = form.values;
  const [query, setQuery] = useState('');
  const results = useQuery(
    ClaimSearchDocument,
    { search: query.trim() || null, first: 8 },
    { keepPrevious: true },
  );
  const candidates = (results.data?.claims.edges ?? [])
    .map((edge) => edge.node)
    .filter((claim) => claim.id !== props.claim.id);
  return (
    <ActionForm
      form={form}
      label="Link to another claim"
      submit="Link claims"
      onSubmit={() =>
        void form.submit(
          {
            toClaimId: toClaimId.trim() ? undefined : 'Choose the claim to link to.',
            rationale:
              optional(rationale) === null
                ? undefined
                : proseProblem(rationale, REASON_LENGTH, 'The rationale'),
          },
          LinkClaimsDocument,
          { fromClaimId: props.claim.id, toClaimId: toClaimId.trim(), kind, rationale: optional(rationale) },
          () => form.reset('toClaimId', 'rationale'),
        )
      }
    >
      <EnumSelect
        label="This claim…"
        bind={form.field('kind')}
        options={RELATION_KINDS}
        words={(value) => KIND_WORDS[value]}
      />
      <TextField
        bind={form.field('search')}
        label="Find the other claim"
        hint="Full-text search over statements, evidence and counterpoints."
        type="search"
        input={{
          onKeyDown: (event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              setQuery(search);
            }
          },
          onBlur: () => setQuery(search),
        }}
      />
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
              checked={toClaimId === candidate.id}
              onChange={() => form.set('toClaimId', candidate.id)}
            />{' '}
            <span>{candidate.statement}</span> <AcceptabilityBadge acceptability={candidate.acceptability} />
          </label>
        ))}
      </fieldset>
      <TextField
        bind={{ ...form.field('toClaimId'), name: 'toClaimIdText' }}
        label="…or paste its id"
        input={{ placeholder: 'clm_…' }}
      />
      <ProseField
        bind={form.field('rationale')}
        label="Rationale (optional)"
        max={REASON_LENGTH.max}
        rows={2}
      />
    </ActionForm>
  );
};
