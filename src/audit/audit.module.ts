import { Module } from '@nestjs/common';
import { AuditEventsResolver } from './graphql/audit-events.resolver.js';
import { AuditResolver } from './graphql/audit.resolver.js';
import { AuditTrailHandler } from './queries/audit-trail.query.js';

@Module({ providers: [AuditTrailHandler, AuditResolver, AuditEventsResolver] })
export class AuditModule {}
