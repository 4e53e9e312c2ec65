import { Readable } from 'node:stream';
import { NotFoundError, ValidationError } from '../event-sourcing/errors.js';
import { isId } from '../event-sourcing/id-kinds.js';
import { chunked, type ExportFormat } from './export.formats.js';
import { openExportSnapshot, SqliteExportRows, sourceExists, type ExportSnapshot } from './export.reader.js';
import type { ExportScope } from './export.rows.js';
import { NO_EXPORT_SETTINGS, type ExportReport, type ExportSettings } from './export.settings.js';

function* snapshotChunks(
  snapshot: ExportSnapshot,
  format: ExportFormat,
  scope: ExportScope,
  settings: ExportSettings,
): Generator<string> {
  try {
    yield* chunked(format.document(new SqliteExportRows(snapshot.db, scope), settings));
  } finally {
    // Reached after the row iterators inside were returned (yield* hands `return()` inwards first).
    snapshot.close();
  }
}

/**
 * The export of a read-model file in a format, as chunks of text. The snapshot is opened at the first
 * chunk asked for and closed when the last one is read or the consumer stops early (`return()`): an
 * abandoned export never leaves a connection open.
 */
export function* exportChunks(
  readModelFile: string,
  format: ExportFormat,
  scope: ExportScope = {},
  open: (file: string) => ExportSnapshot = openExportSnapshot,
  settings: ExportSettings = NO_EXPORT_SETTINGS,
): Generator<string> {
  yield* snapshotChunks(open(readModelFile), format, scope, settings);
}

export interface ExportDownload {
  readonly stream: Readable;
  /** What the stream holds and leaves out, read from the same snapshot before the first byte. */
  readonly report: ExportReport;
}

export interface ExportStreamOptions {
  readonly scope?: ExportScope;
  readonly settings?: ExportSettings;
  readonly onCloseError?: (error: unknown) => void;
  readonly open?: (file: string) => ExportSnapshot;
}

/**
 * The export as a byte stream for an HTTP response. The snapshot is opened before the stream is returned,
 * so a missing read model or an unknown source is an error response rather than a truncated 200, and it is
 * closed when the stream closes: read to the end, destroyed by a client that went away, or never read.
 */
export const exportStream = (
  readModelFile: string,
  format: ExportFormat,
  {
    scope = {},
    settings = NO_EXPORT_SETTINGS,
    onCloseError = () => undefined,
    open = openExportSnapshot,
  }: ExportStreamOptions = {},
): ExportDownload => {
  const snapshot = open(readModelFile);
  let report: ExportReport;
  try {
    if (scope.sourceId && !sourceExists(snapshot.db, scope.sourceId))
      throw new NotFoundError(`no source with id ${scope.sourceId}`);
    report = format.report(new SqliteExportRows(snapshot.db, scope), settings);
  } catch (error) {
    snapshot.close();
    throw error;
  }
  const stream = Readable.from(snapshotChunks(snapshot, format, scope, settings), { objectMode: false });
  // Readable.from returns the generator before it emits 'close', so its iterators are done by now; a
  // generator never started has none. A listener must not throw: it would take the process down.
  stream.once('close', () => {
    try {
      snapshot.close();
    } catch (error) {
      onCloseError(error);
    }
  });
  return { stream, report };
};

type QueryValue = string | readonly string[] | undefined;

/** The query string of an /export/* endpoint: `sourceId` only; anything else is refused, never ignored. */
export const parseExportQuery = (raw: unknown): ExportScope => {
  const query = (raw ?? {}) as Readonly<Record<string, QueryValue>>;
  const unknown = Object.keys(query).find((name) => name !== 'sourceId');
  if (unknown !== undefined)
    throw new ValidationError(
      `unknown parameter "${unknown.slice(0, 50)}"; the only filter is sourceId`,
      unknown.slice(0, 50),
    );
  const sourceId = query['sourceId'];
  if (sourceId === undefined) return {};
  if (typeof sourceId !== 'string') throw new ValidationError('sourceId may be given only once', 'sourceId');
  if (!isId(sourceId, 'source'))
    throw new ValidationError('sourceId must be a source id (src_…)', 'sourceId');
  return { sourceId };
};
