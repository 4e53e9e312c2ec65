import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { AuditModule } from './audit/audit.module.js';
import { AuthService } from './auth/auth.service.js';
import { AuthModule } from './auth/auth.module.js';
import { ClaimsModule } from './claims/claims.module.js';
import { ClaimsQueries } from './claims/read-model/claims.queries.js';
import type { ClaimtrailConfig } from './config.js';
import { ConfigModule } from './config.module.js';
import { EventStoreModule } from './event-store/event-store.module.js';
import { ExportModule } from './export/export.module.js';
import { graphqlOptions } from './graphql/graphql.options.js';
import { NodeResolver } from './graphql/node.resolver.js';
import { RunMutationHandler } from './graphql/run-mutation.handler.js';
import { HealthController } from './health/health.controller.js';
import { DemoImportModule } from './import/demo-import.module.js';
import { PROJECTIONS } from './projections.js';
import { ReadModelHandle } from './read-model/read-model.handle.js';
import { STREAM_PREFIXES } from './stream-prefixes.js';
import { ReadModelModule } from './read-model/read-model.module.js';
import { SourcesQueries } from './sources/read-model/sources.queries.js';
import { SourcesModule } from './sources/sources.module.js';
import { WebModule } from './web/web.module.js';

@Module({})
export class AppModule {
  static forRoot(config: ClaimtrailConfig, options: { schemaFile?: string | false } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        CqrsModule.forRoot(),
        EventStoreModule.forRoot({ streamPrefixes: STREAM_PREFIXES }),
        ReadModelModule.forRoot(PROJECTIONS),
        AuthModule,
        ClaimsModule,
        SourcesModule,
        DemoImportModule,
        GraphQLModule.forRootAsync<MercuriusDriverConfig>({
          driver: MercuriusDriver,
          inject: [AuthService, ClaimsQueries, SourcesQueries, ReadModelHandle],
          useFactory: (
            auth: AuthService,
            claims: ClaimsQueries,
            sources: SourcesQueries,
            readModel: ReadModelHandle,
          ) =>
            graphqlOptions(
              { auth, claims, sources, readModel, anonymousRead: config.anonymousRead },
              options.schemaFile,
            ),
        }),
        AuditModule,
        ExportModule,
        WebModule,
      ],
      controllers: [HealthController],
      providers: [NodeResolver, RunMutationHandler],
    };
  }
}
