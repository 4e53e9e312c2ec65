import { loadConfig } from '../config.js';
import { ValidationError } from '../event-sourcing/errors.js';
import type { EventStore } from '../event-sourcing/event-store.js';
import { openEventStore } from '../event-store/event-store.factory.js';
import { STREAM_PREFIXES } from '../stream-prefixes.js';
import { UsageError, quoted, type CliCommand, type CliContext, type TextSink } from './cli-command.js';
import { COMMANDS } from './commands/index.js';
import { assertStoreExists } from './store-location.js';
import { overview } from './commands/help.command.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export interface CliIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  readonly env: NodeJS.ProcessEnv;
}

const processIo: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env };

// One line, whatever the error carried: scripts grep stderr, and terminals must not receive escapes.
const oneLine = (message: string): string => message.replace(/\p{Cc}+/gu, ' ').trim() || 'unknown error';

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const wantsHelp = (args: readonly string[]): boolean => {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
};

/**
 * Runs one `claimtrail …` command line and returns the exit status: 0 success, 1 failure, 2 usage error
 * (a domain ValidationError counts as one: the argument was wrong). Never calls process.exit, so output
 * is flushed and the caller (bin/claimtrail.js, or a test) decides.
 */
export const run = async (
  argv: readonly string[],
  io: CliIo = processIo,
  commands: readonly CliCommand[] = COMMANDS,
): Promise<number> => {
  let store: Promise<EventStore> | undefined;
  const context: CliContext = {
    stdout: io.stdout,
    stderr: io.stderr,
    env: io.env,
    commands,
    eventStore: (request = {}) =>
      (store ??= Promise.resolve().then(() => {
        const config = loadConfig(io.env);
        assertStoreExists(config, io.env, request);
        return openEventStore(config, { streamPrefixes: STREAM_PREFIXES });
      })),
  };
  const [name, ...args] = argv;
  try {
    if (name === undefined) {
      io.stderr.write(overview(commands));
      return EXIT_USAGE;
    }
    if (name === '--help' || name === '-h') {
      io.stdout.write(overview(commands));
      return EXIT_OK;
    }
    const command = commands.find((candidate) => candidate.name === name);
    if (!command) throw new UsageError(`unknown command ${quoted(name)}`);
    if (wantsHelp(args)) {
      io.stdout.write(`${command.usage}\n`);
      return EXIT_OK;
    }
    await command.run(args, context);
    return EXIT_OK;
  } catch (error) {
    const usage = error instanceof UsageError || error instanceof ValidationError;
    const hint =
      error instanceof UsageError
        ? ` (see "claimtrail help${error.command ? ` ${error.command}` : ''}")`
        : '';
    io.stderr.write(`claimtrail: ${oneLine(messageOf(error))}${hint}\n`);
    return usage ? EXIT_USAGE : EXIT_FAILURE;
  } finally {
    if (store) await store.then((opened) => opened.close()).catch(() => undefined);
  }
};
