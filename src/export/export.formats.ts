import type { ExportRows } from './export.rows.js';
import { aifDocument } from './formats/aif.js';
import { argdownDocument } from './formats/argdown.js';
import { bundleDocument } from './formats/bundle.js';
import { claimReviewDocument } from './formats/claimreview.js';
import { claimsNdjson } from './formats/ndjson.js';

/** One export format, as the HTTP endpoints and `claimtrail export --format` both serve it. */
export interface ExportFormat {
  readonly name: ExportFormatName;
  /** The path under /export/ that serves it. */
  readonly path: string;
  readonly contentType: string;
  /** The document as pieces of text, produced while the rows are read. */
  document(rows: ExportRows): Iterable<string>;
}

export const EXPORT_FORMAT_NAMES = ['ndjson', 'aif', 'argdown', 'claimreview', 'bundle'] as const;
export type ExportFormatName = (typeof EXPORT_FORMAT_NAMES)[number];

export const EXPORT_FORMATS: Readonly<Record<ExportFormatName, ExportFormat>> = {
  ndjson: {
    name: 'ndjson',
    path: 'claims.ndjson',
    contentType: 'application/x-ndjson; charset=utf-8',
    document: (rows) => claimsNdjson(rows.claims()),
  },
  aif: {
    name: 'aif',
    path: 'aif.json',
    contentType: 'application/json; charset=utf-8',
    document: aifDocument,
  },
  argdown: {
    name: 'argdown',
    path: 'argdown',
    contentType: 'text/plain; charset=utf-8',
    document: argdownDocument,
  },
  claimreview: {
    name: 'claimreview',
    path: 'claimreview.jsonld',
    contentType: 'application/ld+json; charset=utf-8',
    document: claimReviewDocument,
  },
  bundle: {
    name: 'bundle',
    path: 'bundle.json',
    contentType: 'application/json; charset=utf-8',
    document: bundleDocument,
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
