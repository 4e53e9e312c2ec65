import { WithdrawEvidenceDocument } from '../../generated/graphql.js';
import type { Evidence } from '../../types.js';
import { ReasonForm } from './reason-form.js';
import type { ClaimFormProps } from './use-claim-form.js';

export const WithdrawEvidenceForm = (props: ClaimFormProps & { evidence: Evidence }) => (
  <ReasonForm
    {...props}
    label="Withdraw evidence"
    inline
    submit="Withdraw"
    reasonLabel="Why withdraw this evidence?"
    mutation={WithdrawEvidenceDocument}
    apiFields={['evidenceId']}
    input={(reason) => ({ claimId: props.claim.id, evidenceId: props.evidence.id, reason })}
  />
);
