import { once } from 'node:events';
import { createWriteStream, existsSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { loadConfig, type ClaimtrailConfig } from '../../config.js';
import { NotFoundError } from '../../event-sourcing/errors.js';
import { isId } from '../../event-sourcing/id-kinds.js';
import { EXPORT_FORMAT_NAMES, EXPORT_FORMATS, type ExportFormatName } from '../../export/export.formats.js';
import {
  openExportSnapshot,
  SqliteExportRows,
  sourceExists,
  type ExportSnapshot,
} from '../../export/export.reader.js';
import { exportSettings, type ExportReport } from '../../export/export.settings.js';
import { exportChunks } from '../../export/export.stream.js';
import { currentReadModelFile } from '../../read-model/read-model.files.js';
import { parseArgs } from '../args.js';
import { UsageError, quoted, type CliCommand, type CliContext, type TextSink } from '../cli-command.js';

const NAME = 'export';

const USAGE = `usage:
  claimtrail export --format FORMAT [--source SOURCE_ID] [--out FILE]

FORMAT is one of:
  ndjson       one JSON object per claim and line (pandas.read_json(path, lines=True))
  aif          AIF-JSON nodeset: I-nodes for claims, counterpoints and evidence, RA/CA/MA between them
  argdown      Argdown text: statements with their support, attack and undercut relations
  claimreview  schema.org ClaimReview JSON-LD, one review per current assessment (CLAIMTRAIL_PUBLIC_URL
               and CLAIMTRAIL_PUBLISHER_NAME fill its url and author)
  bundle       an import bundle (docs/bundle-format.md) that \`claimtrail import\` reads back

--source limits the export to the claims of one source. Without --out the export goes to stdout; what
was written, and anything left out, is said on stderr (docs/export-formats.md).
The export reads this instance's read model (CLAIMTRAIL_DATA_DIR); it works while the server runs.`;

const REBUILD_HINT =
  'start the server (npm start) or run `claimtrail projections rebuild`, then export again';

const parseFormat = (value: string | undefined): ExportFormatName => {
  if (value === undefined)
    throw new UsageError(`export needs --format, one of ${EXPORT_FORMAT_NAMES.join(', ')}`, NAME);
  const format = EXPORT_FORMAT_NAMES.find((name) => name === value.toLowerCase());
  if (format === undefined)
    throw new UsageError(
      `--format must be one of ${EXPORT_FORMAT_NAMES.join(', ')}, not ${quoted(value)}`,
      NAME,
    );
  return format;
};

/** The event store's head, when there is a store to ask; never creates an empty embedded store. */
const eventStoreHead = async (config: ClaimtrailConfig, context: CliContext): Promise<bigint | undefined> => {
  if (config.eventStore === 'sqlite' && !existsSync(join(config.dataDir, 'events.db'))) return undefined;
  return (await context.eventStore()).headPosition();
};

interface ReadModelState {
  readonly checkpoint: bigint;
}

const readModelState = (snapshot: ExportSnapshot, sourceId: string | undefined): ReadModelState => {
  if (sourceId !== undefined && !sourceExists(snapshot.db, sourceId))
    throw new NotFoundError(`no source with id ${sourceId} in the read model`);
  return {
    checkpoint: BigInt(snapshot.db.prepare('SELECT position FROM checkpoint').pluck().get() as number),
  };
};

/** Checks the read model is there and built; says so when it lags behind the event store. */
const checkReadModel = async (
  file: string,
  snapshot: ExportSnapshot | undefined,
  sourceId: string | undefined,
  config: ClaimtrailConfig,
  context: CliContext,
): Promise<ReadModelState> => {
  const state = snapshot && readModelState(snapshot, sourceId);
  // A built read model needs no word from a remote cluster; the embedded store is a file away.
  if (state && state.checkpoint > 0n && config.eventStore !== 'sqlite') return state;
  const head = await eventStoreHead(config, context);
  if (!state || state.checkpoint === 0n) {
    if (head !== undefined && head > 0n) {
      throw new Error(
        `the read model ${state ? 'is empty' : `(${file}) does not exist yet`} but the event store holds ${head} events: ${REBUILD_HINT}`,
      );
    }
    throw new Error(`nothing to export: there are no events in ${config.dataDir}`);
  }
  if (head !== undefined && state.checkpoint < head) {
    context.stderr.write(
      `claimtrail: note: the read model is at position ${state.checkpoint} of ${head}; the export leaves out the latest changes (${REBUILD_HINT})\n`,
    );
  }
  return state;
};

const isEmitter = (sink: TextSink): sink is TextSink & NodeJS.EventEmitter =>
  typeof (sink as Partial<NodeJS.EventEmitter>).once === 'function';

/** Writes to a text sink, waiting for 'drain' when it says its buffer is full (process.stdout on a pipe). */
const writeAll = async (chunks: Iterable<string>, sink: TextSink): Promise<number> => {
  let bytes = 0;
  const emitter = isEmitter(sink) ? sink : undefined;
  for (const chunk of chunks) {
    bytes += Buffer.byteLength(chunk);
    if (sink.write(chunk) === false && emitter) await once(emitter, 'drain');
  }
  return bytes;
};

/** Writes next to FILE first and renames it into place, so a failed export never leaves half a file. */
const writeFileAtomically = async (chunks: Iterable<string>, file: string): Promise<number> => {
  const temporary = `${file}.${process.pid}.partial`;
  const output = createWriteStream(temporary);
  try {
    await pipeline(Readable.from(chunks, { objectMode: false }), output);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  return output.bytesWritten;
};

const size = (bytes: number): string =>
  bytes < 1024
    ? `${bytes} bytes`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} KiB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export const exportCommand: CliCommand = {
  name: NAME,
  summary: 'export the claims as NDJSON, AIF, Argdown, ClaimReview or an import bundle',
  usage: USAGE,
  async run(args, context) {
    const { options, positionals } = parseArgs(
      args,
      { format: 'string', source: 'string', out: 'string' },
      NAME,
    );
    if (positionals.length > 0)
      throw new UsageError(`export takes no argument ${quoted(positionals[0]!)}`, NAME);
    const format = EXPORT_FORMATS[parseFormat(options.format)];
    const sourceId = options.source;
    if (sourceId !== undefined && !isId(sourceId, 'source'))
      throw new UsageError(`--source must be a source id (src_…), not ${quoted(sourceId)}`, NAME);
    if (options.out === '') throw new UsageError('--out needs a file name', NAME);

    const config = loadConfig(context.env);
    const file = currentReadModelFile(config.dataDir);
    // One snapshot for the checks, the counts and the export, so the summary describes what was written.
    const snapshot = existsSync(file) ? openExportSnapshot(file) : undefined;
    let bytes: number;
    let report: ExportReport;
    const out = options.out === undefined ? undefined : resolve(options.out);
    const settings = exportSettings(config);
    try {
      await checkReadModel(file, snapshot, sourceId, config, context);
      // checkReadModel threw if there was no snapshot; the report reads the rows the document is made of.
      report = format.report(new SqliteExportRows(snapshot!.db, { sourceId }), settings);
      const chunks = exportChunks(file, format, { sourceId }, () => snapshot!, settings);
      bytes =
        out === undefined ? await writeAll(chunks, context.stdout) : await writeFileAtomically(chunks, out);
    } finally {
      snapshot?.close();
    }
    const scope = sourceId === undefined ? '' : ` from the claims of ${sourceId}`;
    context.stderr.write(
      `claimtrail: exported ${report.contents}${scope} as ${format.name} (${size(bytes)})${out === undefined ? '' : ` to ${out}`}\n`,
    );
    for (const note of report.notes) context.stderr.write(`claimtrail: note: ${note}\n`);
  },
};
