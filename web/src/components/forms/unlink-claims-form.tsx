import { UnlinkClaimsDocument } from '../../generated/graphql.js';
import type { Relation } from '../../types.js';
import { ReasonForm } from './reason-form.js';
import type { ClaimFormProps } from './use-claim-form.js';

export const UnlinkClaimsForm = (props: ClaimFormProps & { relation: Relation }) => (
  <ReasonForm
    {...props}
    label="Remove the link"
    inline
    submit="Remove link"
    reasonLabel="Why remove this link?"
    mutation={UnlinkClaimsDocument}
    apiFields={['toClaimId', 'kind']}
    input={(reason) => ({
      fromClaimId: props.claim.id,
      toClaimId: props.relation.to.id,
      kind: props.relation.kind,
      reason,
    })}
  />
);
