import { UsageError, quoted, type CliCommand, type CliContext } from '../cli-command.js';

export const overview = (commands: readonly CliCommand[]): string => {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    'usage: claimtrail <command> [arguments]',
    '',
    'commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Run "claimtrail help <command>" for the arguments of one command.',
    'Configuration comes from the same environment variables as the server (CLAIMTRAIL_DATA_DIR, …).',
    '',
  ].join('\n');
};

export const helpCommand: CliCommand = {
  name: 'help',
  summary: 'show the commands, or the usage of one command',
  usage: 'usage: claimtrail help [COMMAND]',
  async run(args: readonly string[], context: CliContext) {
    if (args.length > 1) throw new UsageError('help takes at most one command name', 'help');
    const [name] = args;
    if (name === undefined) {
      context.stdout.write(overview(context.commands));
      return;
    }
    const command = context.commands.find((candidate) => candidate.name === name);
    if (!command) throw new UsageError(`unknown command ${quoted(name)}`);
    context.stdout.write(`${command.usage}\n`);
  },
};
