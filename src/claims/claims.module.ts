import { Global, Module } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { AuditModule } from '../audit/audit.module.js';
import { READ_MODEL } from '../read-model/read-model.module.js';
import { ClaimsQueries } from './read-model/claims.queries.js';
import { StandingQueries } from './read-model/standing.queries.js';
import { ClaimStandingResolver, StandingChangeResolver } from './graphql/standing.resolver.js';
import { AcceptabilityReasonResolver } from './graphql/acceptability-reason.resolver.js';
import { ArgumentGraphListsResolver } from './graphql/argument-graph-lists.resolver.js';
import { ArgumentGraphResolver } from './graphql/argument-graph.resolver.js';
import { ClaimMutationsResolver } from './graphql/claim-mutations.resolver.js';
import {
  AnchorResolver,
  AssessmentResolver,
  ClaimRelationResolver,
  CounterpointResolver,
} from './graphql/claim-parts.resolver.js';
import { ClaimsResolver } from './graphql/claims.resolver.js';
import { HISTORY_PROVIDERS } from './history/history.providers.js';
import { HISTORY_READER } from './history/history.reader.js';
import { GetClaimHandler, ListClaimsHandler, SimilarClaimsHandler } from './queries/claim.queries.js';

/** Claims: commands, queries over the claims read model (used by sources and exports too), time travel. */
@Global()
@Module({
  imports: [AuditModule],
  providers: [
    {
      provide: ClaimsQueries,
      inject: [READ_MODEL],
      useFactory: (db: Database.Database) => new ClaimsQueries(db),
    },
    GetClaimHandler,
    ListClaimsHandler,
    {
      provide: StandingQueries,
      inject: [READ_MODEL],
      useFactory: (db: Database.Database) => new StandingQueries(db),
    },
    SimilarClaimsHandler,
    ClaimsResolver,
    ClaimStandingResolver,
    StandingChangeResolver,
    ClaimMutationsResolver,
    ClaimRelationResolver,
    AnchorResolver,
    AssessmentResolver,
    CounterpointResolver,
    AcceptabilityReasonResolver,
    ArgumentGraphResolver,
    ArgumentGraphListsResolver,
    ...HISTORY_PROVIDERS,
  ],
  // The history reader also tells the sources' time travel which position a time names.
  exports: [ClaimsQueries, HISTORY_READER],
})
export class ClaimsModule {}
