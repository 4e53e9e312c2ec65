import { Global, Module } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { READ_MODEL } from '../read-model/read-model.module.js';
import { SourcesQueries } from './read-model/sources.queries.js';
import { SourcesResolver } from './graphql/sources.resolver.js';
import { SourceAtService } from './history/source-at.service.js';

@Global()
@Module({
  providers: [
    {
      provide: SourcesQueries,
      inject: [READ_MODEL],
      useFactory: (db: Database.Database) => new SourcesQueries(db),
    },
    SourcesResolver,
    SourceAtService,
  ],
  exports: [SourcesQueries, SourceAtService],
})
export class SourcesModule {}
