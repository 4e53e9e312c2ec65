import { PROJECTIONS } from '../../projections.js';
import { loadConfig } from '../../config.js';
import { rebuildReadModel } from '../../read-model/rebuild.js';
import { parseArgs } from '../args.js';
import { UsageError, quoted, type CliCommand } from '../cli-command.js';
import { progressReporter } from '../progress.js';

const NAME = 'projections';

export const projectionsCommand: CliCommand = {
  name: NAME,
  summary: 'rebuild the read model from the event log',
  usage: `usage:
  claimtrail projections rebuild   replay every event into a new read model, then switch to it

A running server keeps answering from the old read model until the new one has caught up, then swaps.`,
  async run(args, context) {
    const [subcommand, ...rest] = args;
    if (subcommand !== 'rebuild')
      throw new UsageError(
        subcommand
          ? `unknown projections subcommand ${quoted(subcommand)}`
          : 'projections needs a subcommand: rebuild',
        NAME,
      );
    parseArgs(rest, {}, NAME);
    const config = loadConfig(context.env);
    const store = await context.eventStore();
    const progress = progressReporter(context.stderr, 'rebuilding');
    const started = Date.now();
    const { file, position } = await rebuildReadModel(config.dataDir, store, PROJECTIONS, (done, head) =>
      progress.update(Number(done), Number(head)),
    );
    progress.done();
    context.stderr.write(
      `claimtrail: rebuilt the read model up to position ${position} in ${((Date.now() - started) / 1000).toFixed(1)} s (${file})\n`,
    );
  },
};
