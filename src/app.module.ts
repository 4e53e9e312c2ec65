import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import type { ClaimtrailConfig } from './config.js';
import { ConfigModule } from './config.module.js';
import { EventStoreModule } from './event-store/event-store.module.js';
import { graphqlOptions } from './graphql/graphql.options.js';
import { HealthController } from './health/health.controller.js';
import { ViewerResolver } from './auth/graphql/viewer.resolver.js';

@Module({})
export class AppModule {
  static forRoot(config: ClaimtrailConfig, options: { schemaFile?: string | false } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        CqrsModule.forRoot(),
        EventStoreModule,
        GraphQLModule.forRoot<MercuriusDriverConfig>({ driver: MercuriusDriver, ...graphqlOptions(options.schemaFile) }),
      ],
      controllers: [HealthController],
      providers: [ViewerResolver],
    };
  }
}
