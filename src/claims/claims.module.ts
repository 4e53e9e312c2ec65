import { Module } from '@nestjs/common';
import { AssessClaimHandler } from './commands/assess-claim.handler.js';
import { AttachEvidenceHandler } from './commands/attach-evidence.handler.js';
import { LinkClaimsHandler } from './commands/link-claims.handler.js';
import { ProposeClaimHandler } from './commands/propose-claim.handler.js';
import { RaiseCounterpointHandler } from './commands/raise-counterpoint.handler.js';
import { RespondToCounterpointHandler } from './commands/respond-to-counterpoint.handler.js';
import { RetractClaimHandler } from './commands/retract-claim.handler.js';
import { ReviseClaimHandler } from './commands/revise-claim.handler.js';
import { TagClaimHandler } from './commands/tag-claim.handler.js';
import { UnlinkClaimsHandler } from './commands/unlink-claims.handler.js';
import { WithdrawEvidenceHandler } from './commands/withdraw-evidence.handler.js';
import { ArgumentGraphResolver } from './graphql/argument-graph.resolver.js';
import { ClaimMutationsResolver } from './graphql/claim-mutations.resolver.js';
import { AnchorResolver, ClaimRelationResolver } from './graphql/claim-parts.resolver.js';
import { ClaimsResolver } from './graphql/claims.resolver.js';
import { HISTORY_PROVIDERS } from '../history/history.providers.js';
import { GetClaimHandler, ListClaimsHandler, SimilarClaimsHandler } from './queries/claim.queries.js';

@Module({
  providers: [
    ProposeClaimHandler,
    ReviseClaimHandler,
    TagClaimHandler,
    AttachEvidenceHandler,
    WithdrawEvidenceHandler,
    RaiseCounterpointHandler,
    RespondToCounterpointHandler,
    LinkClaimsHandler,
    UnlinkClaimsHandler,
    AssessClaimHandler,
    RetractClaimHandler,
    GetClaimHandler,
    ListClaimsHandler,
    SimilarClaimsHandler,
    ClaimsResolver,
    ClaimMutationsResolver,
    ClaimRelationResolver,
    AnchorResolver,
    ArgumentGraphResolver,
    ...HISTORY_PROVIDERS,
  ],
})
export class ClaimsModule {}
