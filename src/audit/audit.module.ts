import { Module } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { READ_MODEL } from '../read-model/read-model.module.js';
import { AuditQueries } from './read-model/audit.queries.js';
import { AuditExportController } from './export/audit-export.controller.js';
import { AuditEntryResolver } from './graphql/audit-entry.resolver.js';
import { AuditEventsResolver } from './graphql/audit-events.resolver.js';
import { AuditResolver } from './graphql/audit.resolver.js';
import {
  AuditEntryAtHandler,
  AuditEntryAtPositionHandler,
  AuditTrailHandler,
} from './queries/audit-trail.query.js';

@Module({
  controllers: [AuditExportController],
  providers: [
    {
      provide: AuditQueries,
      inject: [READ_MODEL],
      useFactory: (db: Database.Database) => new AuditQueries(db),
    },
    AuditTrailHandler,
    AuditEntryAtHandler,
    AuditEntryAtPositionHandler,
    AuditResolver,
    AuditEventsResolver,
    AuditEntryResolver,
  ],
  // Claim mutations answer with the audit entries of what they appended.
  exports: [AuditQueries],
})
export class AuditModule {}
