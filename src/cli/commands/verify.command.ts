import { existsSync } from 'node:fs';
import { PROJECTIONS } from '../../projections.js';
import { loadConfig } from '../../config.js';
import { currentReadModelFile } from '../../read-model/read-model.files.js';
import { verifyReadModel } from '../../read-model/rebuild.js';
import { parseArgs } from '../args.js';
import type { CliCommand } from '../cli-command.js';
import { progressReporter } from '../progress.js';

/** Thrown to exit 1 after a report has been printed. */
export class VerifyFailed extends Error {}

export const verifyCommand: CliCommand = {
  name: 'verify',
  summary: 'replay every event into a scratch read model and compare it with the live one',
  usage: `usage:
  claimtrail verify   exit 0 when the live read model equals a fresh replay, 1 on any difference`,
  async run(args, context) {
    parseArgs(args, {}, 'verify');
    const config = loadConfig(context.env);
    const store = await context.eventStore();
    const readModel = currentReadModelFile(config.dataDir);
    if (!existsSync(readModel))
      throw new Error(
        `there is no read model to verify yet (${readModel}): start the server (npm start) or run \`claimtrail projections rebuild\`, then verify again`,
      );
    const progress = progressReporter(context.stderr, 'replaying');
    const report = await verifyReadModel(config.dataDir, store, PROJECTIONS, (done, head) =>
      progress.update(Number(done), Number(head)),
    );
    progress.done();
    if (report.differences.length === 0) {
      context.stdout.write(
        `read model verified: ${report.rows} rows equal a fresh replay up to position ${report.position}\n`,
      );
      return;
    }
    context.stdout.write(`read model differs from a fresh replay up to position ${report.position}:\n`);
    for (const difference of report.differences) context.stdout.write(`  ${difference}\n`);
    throw new VerifyFailed(`${report.differences.length} difference(s) found`);
  },
};
