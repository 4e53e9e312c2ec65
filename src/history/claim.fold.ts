/** Time travel folds whole claim streams with the domain's in-place fold. */
export { foldClaim } from '../claims/domain/claim.fold.js';
