import { RetractClaimDocument } from '../../generated/graphql.js';
import { ReasonForm } from './reason-form.js';
import type { ClaimFormProps } from './use-claim-form.js';

export const RetractClaimForm = (props: ClaimFormProps) => (
  <ReasonForm
    {...props}
    label="Retract the claim"
    submit="Retract claim"
    reasonLabel="Reason for retracting"
    mutation={RetractClaimDocument}
    input={(reason) => ({ claimId: props.claim.id, reason })}
  >
    <p class="hint">
      A retracted claim leaves the argument graph and can no longer be changed. This cannot be undone.
    </p>
  </ReasonForm>
);
