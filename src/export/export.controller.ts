import { Controller, Get, Inject, Logger, Req, Res } from '@nestjs/common';
import type Database from 'better-sqlite3';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthService } from '../auth/auth.service.js';
import { authenticateHttpRequest, sendHttpError } from '../auth/http-auth.js';
import { CONFIG, type ClaimtrailConfig } from '../config.js';
import { READ_MODEL } from '../read-model/read-model.module.js';
import { EXPORT_FORMATS, type ExportFormatName } from './export.formats.js';
import { exportSettings, type ExportReport } from './export.settings.js';
import { exportStream, parseExportQuery } from './export.stream.js';

const logger = new Logger('Export');

/** Header values are Latin-1 text on one line: anything else would make Node refuse the header. */
const headerText = (text: string): string => text.replace(/[^\x20-\x7e]/g, '?');

/**
 * The export's report as response headers, so that a script sees what it got and what is missing without
 * parsing the document: `Claimtrail-Export-Contents: 6 reviews`, and the notes separated by `; `.
 */
export const REPORT_HEADERS = {
  contents: 'claimtrail-export-contents',
  notes: 'claimtrail-export-notes',
} as const;

const reportHeaders = (report: ExportReport): Record<string, string> => ({
  [REPORT_HEADERS.contents]: headerText(report.contents),
  ...(report.notes.length > 0 ? { [REPORT_HEADERS.notes]: headerText(report.notes.join('; ')) } : {}),
});

/**
 * The streamed exports of docs/architecture.md §6, with the same bearer tokens as GraphQL (any role reads; anonymous
 * only with CLAIMTRAIL_ANONYMOUS_READ). `?sourceId=src_…` limits an export to the claims of one source.
 * Every export reads one snapshot of the read model through a read-only connection of its own, so a slow
 * download neither blocks the projector nor sees a half-applied batch.
 */
@Controller('export')
export class ExportController {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(READ_MODEL) private readonly db: Database.Database,
    @Inject(CONFIG) private readonly config: ClaimtrailConfig,
  ) {}

  @Get('claims.ndjson')
  claims(@Req() request: FastifyRequest, @Res() reply: FastifyReply): FastifyReply {
    return this.serve('ndjson', request, reply);
  }

  @Get('aif.json')
  aif(@Req() request: FastifyRequest, @Res() reply: FastifyReply): FastifyReply {
    return this.serve('aif', request, reply);
  }

  @Get('argdown')
  argdown(@Req() request: FastifyRequest, @Res() reply: FastifyReply): FastifyReply {
    return this.serve('argdown', request, reply);
  }

  @Get('claimreview.jsonld')
  claimReview(@Req() request: FastifyRequest, @Res() reply: FastifyReply): FastifyReply {
    return this.serve('claimreview', request, reply);
  }

  @Get('bundle.json')
  bundle(@Req() request: FastifyRequest, @Res() reply: FastifyReply): FastifyReply {
    return this.serve('bundle', request, reply);
  }

  private serve(name: ExportFormatName, request: FastifyRequest, reply: FastifyReply): FastifyReply {
    const format = EXPORT_FORMATS[name];
    try {
      authenticateHttpRequest(this.auth, request, {
        anonymousRead: this.config.anonymousRead,
        action: `reading /export/${format.path}`,
      });
      const scope = parseExportQuery(request.query);
      // The file behind the facade now: after a rebuild swapped generations, the new one.
      const { stream, report } = exportStream(this.db.name, format, {
        scope,
        settings: exportSettings(this.config),
        onCloseError: (error) =>
          logger.error({ msg: 'export snapshot not closed', format: name, error: String(error) }),
      });
      stream.on('error', (error) =>
        logger.error({ msg: 'export failed while streaming', format: name, error: String(error) }),
      );
      return reply
        .status(200)
        .header('content-type', format.contentType)
        .header('content-disposition', `attachment; filename="${format.filename}"`)
        .header('cache-control', 'no-store')
        .headers(reportHeaders(report))
        .send(stream);
    } catch (error) {
      return sendHttpError(reply, error, (internal) =>
        logger.error({ msg: 'export failed', format: name, error: String(internal) }),
      );
    }
  }
}
