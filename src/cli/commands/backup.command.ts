import { resolve } from 'node:path';
import { loadConfig } from '../../config.js';
import { writeBackup } from '../../event-store/backup/backup-file.js';
import { parseArgs } from '../args.js';
import { UsageError, quoted, type CliCommand } from '../cli-command.js';
import { progressReporter } from '../progress.js';

const NAME = 'backup';

export const backupCommand: CliCommand = {
  name: NAME,
  summary: 'write every event of the configured store to an NDJSON file (works while the server runs)',
  usage: `usage:
  claimtrail backup --out FILE

Writes the whole event log, as it stands when the backup starts, to FILE: one JSON line per event with its
id, stream, version, type, data, metadata and recording time, between a header and a trailer that counts
them (docs/backup-format.md). Reads the store configured by CLAIMTRAIL_EVENT_STORE (sqlite, postgres or
eventstoredb), page by page, so a running server goes on serving. \`claimtrail restore FILE\` reads it back
into an empty store of any adapter that can keep recording times (sqlite, postgres).`,
  async run(args, context) {
    const { options, positionals } = parseArgs(args, { out: 'string' }, NAME);
    if (positionals.length > 0)
      throw new UsageError(`backup takes no argument ${quoted(positionals[0]!)}`, NAME);
    if (!options.out) throw new UsageError('backup needs --out FILE', NAME);
    const config = loadConfig(context.env);
    const file = resolve(options.out);
    const progress = progressReporter(context.stderr, 'backing up');
    const { events, bytes } = await writeBackup(await context.eventStore(), file, (done, total) =>
      progress.update(done, total),
    );
    progress.done();
    context.stderr.write(
      `claimtrail: backed up ${events} events from the ${config.eventStore} store to ${file} (${(bytes / 1024 / 1024).toFixed(1)} MiB)\n`,
    );
  },
};
