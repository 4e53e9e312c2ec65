import { Controller, Get, Inject, Logger, Req, Res } from '@nestjs/common';
import Database from 'better-sqlite3';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { AuthService } from '../../auth/auth.service.js';
import { authenticateHttpRequest, sendHttpError } from '../../auth/http-auth.js';
import { CONFIG, type ClaimtrailConfig } from '../../config.js';
import { READ_MODEL } from '../../read-model/read-model.module.js';
import type { AuditFilter, AuditOrder, AuditReader } from '../read-model/audit.queries.js';
import { auditNdjson } from './audit-ndjson.js';
import { parseAuditExportQuery } from './audit-export.params.js';

const logger = new Logger('AuditExport');

/**
 * The export reads on a connection of its own. A better-sqlite3 statement being iterated keeps its
 * connection busy, and a slow client would otherwise hold the shared read-model connection (and with it the
 * projector and every query) for as long as it takes to read the export. Its own read transaction also gives
 * the export one consistent snapshot of the trail, however long it runs.
 */
function* snapshotExport(
  file: string,
  filter: AuditFilter,
  reader: AuditReader,
  order: AuditOrder,
): Generator<string> {
  const snapshot = new Database(file, { readonly: true, fileMustExist: true });
  try {
    snapshot.pragma('busy_timeout = 5000');
    yield ''; // primed: from here on, ending the generator closes the connection
    yield* auditNdjson(snapshot, filter, reader, order);
  } finally {
    snapshot.close();
  }
}

/** `/export/audit.ndjson`: the audit trail for notebooks, one JSON object per line, streamed. */
@Controller('export')
export class AuditExportController {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(CONFIG) private readonly config: ClaimtrailConfig,
    @Inject(READ_MODEL) private readonly readModel: Database.Database,
  ) {}

  @Get('audit.ndjson')
  async audit(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    let chunks: Generator<string>;
    try {
      const reader = authenticateHttpRequest(this.auth, request, {
        anonymousRead: this.config.anonymousRead,
        action: 'reading /export/audit.ndjson',
      });
      const { filter, order } = parseAuditExportQuery(request.query);
      chunks = snapshotExport(this.readModel.name, filter, reader, order);
      chunks.next(); // opens the snapshot now, so that a failure is still a clean JSON error
    } catch (error) {
      await sendHttpError(reply, error, (internal) =>
        logger.error(internal instanceof Error ? (internal.stack ?? internal.message) : String(internal)),
      );
      return;
    }
    // Finished or cut off by the client, the response closes; the snapshot goes with it.
    reply.raw.once('close', () => chunks.return(undefined));
    await reply
      .status(200)
      .header('content-type', 'application/x-ndjson; charset=utf-8')
      .header('content-disposition', 'attachment; filename="claimtrail-audit.ndjson"')
      .header('cache-control', 'no-store')
      .send(Readable.from(chunks, { objectMode: false }));
  }
}
