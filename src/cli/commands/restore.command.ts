import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../../config.js';
import { restoreBackup } from '../../event-store/backup/backup-file.js';
import { BackupFormatError } from '../../event-store/backup/backup-format.js';
import { parseArgs } from '../args.js';
import { UsageError, quoted, type CliCommand } from '../cli-command.js';
import { progressReporter } from '../progress.js';

const NAME = 'restore';

export const restoreCommand: CliCommand = {
  name: NAME,
  summary: 'write a backup into an empty event store (sqlite or postgres), ids, versions and times kept',
  usage: `usage:
  claimtrail restore FILE [--init]

Reads a \`claimtrail backup\` file into the store configured by CLAIMTRAIL_EVENT_STORE, which must be empty
and used by no server while it runs. The whole file is checked first (every event id once, every stream's
versions in order, recording times never going back, the trailer's count): a file that fails writes
nothing. Events are then written in batches, each all or nothing; an interrupted restore is finished by
running the same command again. Start the server afterwards: it builds its read model from the restored
store (a read model of another store is rebuilt), and \`claimtrail verify\` checks it.

  --init    create the embedded store (sqlite) when CLAIMTRAIL_DATA_DIR has none, as restoring into a new
            data dir needs; without it a missing store is refused, so a restore run in the wrong folder
            creates nothing.`,
  async run(args, context) {
    const { options, positionals } = parseArgs(args, { init: 'boolean' }, NAME);
    if (positionals.length !== 1) throw new UsageError('restore needs exactly one FILE', NAME);
    const file = resolve(positionals[0]!);
    if (!existsSync(file)) throw new UsageError(`no such file ${quoted(file)}`, NAME);
    const config = loadConfig(context.env);
    const progress = progressReporter(context.stderr, 'restoring');
    let result;
    try {
      const store = await context.eventStore({
        create: options.init === true,
        initHint: `claimtrail restore ${positionals[0]!} --init`,
      });
      result = await restoreBackup(store, file, (done, total) => progress.update(done, total));
    } catch (error) {
      if (error instanceof BackupFormatError)
        throw new Error(`${file}: ${error.message}; nothing was written`);
      throw error;
    }
    progress.done();
    const resumed = result.alreadyThere > 0 ? ` (${result.alreadyThere} were there from an earlier run)` : '';
    context.stderr.write(
      `claimtrail: restored ${result.written} of ${result.total} events into the ${config.eventStore} store${resumed}\n`,
    );
  },
};
