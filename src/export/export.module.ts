import { Module } from '@nestjs/common';
import { ExportController } from './export.controller.js';

/** GET /export/{claims.ndjson, aif.json, argdown, claimreview.jsonld, bundle.json}. */
@Module({ controllers: [ExportController] })
export class ExportModule {}
