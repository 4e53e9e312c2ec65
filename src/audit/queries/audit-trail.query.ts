import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Page } from '../../read-model/pagination.js';
import {
  AuditQueries,
  type AuditEntryView,
  type AuditFilter,
  type AuditOrder,
  type AuditReader,
} from '../read-model/audit.queries.js';

export class AuditTrailQuery {
  constructor(
    readonly filter: AuditFilter,
    /** Who asks: the trail shows token events to ADMINs only. */
    readonly reader: AuditReader,
    readonly first: number | null | undefined,
    readonly after: string | null | undefined,
    readonly order: AuditOrder = 'NEWEST_FIRST',
  ) {}
}

@QueryHandler(AuditTrailQuery)
export class AuditTrailHandler implements IQueryHandler<AuditTrailQuery, Page<AuditEntryView>> {
  constructor(@Inject(AuditQueries) private readonly audit: AuditQueries) {}

  async execute({ filter, reader, first, after, order }: AuditTrailQuery): Promise<Page<AuditEntryView>> {
    return this.audit.list(filter, reader, first, after, order);
  }
}

/** One event of a subject's stream, by version (what made an assessment stale, say). */
export class AuditEntryAtQuery {
  constructor(
    readonly subjectId: string,
    readonly version: number,
  ) {}
}

@QueryHandler(AuditEntryAtQuery)
export class AuditEntryAtHandler implements IQueryHandler<AuditEntryAtQuery, AuditEntryView | null> {
  constructor(@Inject(AuditQueries) private readonly audit: AuditQueries) {}

  async execute({ subjectId, version }: AuditEntryAtQuery): Promise<AuditEntryView | null> {
    return this.audit.entryAt(subjectId, version) ?? null;
  }
}

/** The event at one position of the log, as the audit trail shows it (what caused a change of standing). */
export class AuditEntryAtPositionQuery {
  constructor(
    readonly position: bigint,
    readonly reader: AuditReader,
  ) {}
}

@QueryHandler(AuditEntryAtPositionQuery)
export class AuditEntryAtPositionHandler implements IQueryHandler<
  AuditEntryAtPositionQuery,
  AuditEntryView | null
> {
  constructor(@Inject(AuditQueries) private readonly audit: AuditQueries) {}

  async execute({ position, reader }: AuditEntryAtPositionQuery): Promise<AuditEntryView | null> {
    return this.audit.byPositions([position], reader)[0] ?? null;
  }
}
