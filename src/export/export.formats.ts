import type { ExportRows } from './export.rows.js';
import type { ExportReport, ExportSettings } from './export.settings.js';
import { aifDocument, aifReport } from './formats/aif.js';
import { argdownDocument, argdownReport } from './formats/argdown.js';
import { bundleDocument, bundleReport } from './formats/bundle.js';
import { claimReviewDocument, claimReviewReport } from './formats/claimreview.js';
import { claimsNdjson, claimsNdjsonReport } from './formats/ndjson.js';

/** One export format, as the HTTP endpoints and `claimtrail export --format` both serve it. */
export interface ExportFormat {
  readonly name: ExportFormatName;
  /** The path under /export/ that serves it. */
  readonly path: string;
  /** The file name a download is saved as (Content-Disposition). */
  readonly filename: string;
  readonly contentType: string;
  /** The document as pieces of text, produced while the rows are read. */
  document(rows: ExportRows, settings: ExportSettings): Iterable<string>;
  /** What the document holds and leaves out, read from the same rows. */
  report(rows: ExportRows, settings: ExportSettings): ExportReport;
}

export const EXPORT_FORMAT_NAMES = ['ndjson', 'aif', 'argdown', 'claimreview', 'bundle'] as const;
export type ExportFormatName = (typeof EXPORT_FORMAT_NAMES)[number];

export const EXPORT_FORMATS: Readonly<Record<ExportFormatName, ExportFormat>> = {
  ndjson: {
    name: 'ndjson',
    path: 'claims.ndjson',
    filename: 'claimtrail-claims.ndjson',
    contentType: 'application/x-ndjson; charset=utf-8',
    document: (rows) => claimsNdjson(rows.claims()),
    report: claimsNdjsonReport,
  },
  aif: {
    name: 'aif',
    path: 'aif.json',
    filename: 'claimtrail-aif.json',
    contentType: 'application/json; charset=utf-8',
    document: aifDocument,
    report: aifReport,
  },
  argdown: {
    name: 'argdown',
    path: 'argdown',
    filename: 'claimtrail.argdown',
    contentType: 'text/plain; charset=utf-8',
    document: argdownDocument,
    report: argdownReport,
  },
  claimreview: {
    name: 'claimreview',
    path: 'claimreview.jsonld',
    filename: 'claimtrail-claimreview.jsonld',
    contentType: 'application/ld+json; charset=utf-8',
    document: claimReviewDocument,
    report: claimReviewReport,
  },
  bundle: {
    name: 'bundle',
    path: 'bundle.json',
    filename: 'claimtrail-bundle.json',
    contentType: 'application/json; charset=utf-8',
    document: bundleDocument,
    report: bundleReport,
  },
};

const CHUNK = 64 * 1024;

/** Joins small pieces into chunks of about 64 KiB: one write per chunk, not per line. */
export function* chunked(pieces: Iterable<string>, size = CHUNK): Generator<string> {
  let buffer = '';
  for (const piece of pieces) {
    buffer += piece;
    if (buffer.length >= size) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}
