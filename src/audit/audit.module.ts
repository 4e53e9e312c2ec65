import { Module } from '@nestjs/common';
import { AuditExportController } from './export/audit-export.controller.js';
import { AuditEntryResolver } from './graphql/audit-entry.resolver.js';
import { AuditEventsResolver } from './graphql/audit-events.resolver.js';
import { AuditResolver } from './graphql/audit.resolver.js';
import { AuditTrailHandler } from './queries/audit-trail.query.js';

@Module({
  controllers: [AuditExportController],
  providers: [AuditTrailHandler, AuditResolver, AuditEventsResolver, AuditEntryResolver],
})
export class AuditModule {}
