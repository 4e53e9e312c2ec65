import { Global, Module } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { READ_MODEL } from '../read-model/read-model.module.js';
import { SourcesQueries } from './read-model/sources.queries.js';
import { SourcesResolver } from './graphql/sources.resolver.js';
import { SourceAsStored } from './queries/source-as-stored.js';

@Global()
@Module({
  providers: [
    {
      provide: SourcesQueries,
      inject: [READ_MODEL],
      useFactory: (db: Database.Database) => new SourcesQueries(db),
    },
    SourcesResolver,
    SourceAsStored,
  ],
  exports: [SourcesQueries],
})
export class SourcesModule {}
