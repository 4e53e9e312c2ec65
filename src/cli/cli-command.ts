import { TOKEN_PREFIX } from '../auth/bearer-token.js';
import type { EventStore } from '../event-sourcing/event-store.js';
import type { StoreRequest } from './store-location.js';

/**
 * The contract of one `claimtrail <name> …` subcommand. Each lives in `commands/<name>.command.ts` and is
 * listed once in `commands/index.ts`; main.ts knows nothing else about it.
 */
export interface CliCommand {
  readonly name: string;
  /** One line for `claimtrail help`. */
  readonly summary: string;
  /** The full usage text for `claimtrail help <name>` and `claimtrail <name> --help`. */
  readonly usage: string;
  /** Resolves on success; throws UsageError for a bad command line, anything else for a failure. */
  run(args: readonly string[], context: CliContext): Promise<void>;
}

export interface TextSink {
  write(text: string): unknown;
}

export interface CliContext {
  /** The result, for pipes: `TOKEN=$(claimtrail token create …)`. */
  readonly stdout: TextSink;
  /** Everything meant for the person at the terminal: details, progress, warnings. */
  readonly stderr: TextSink;
  readonly env: NodeJS.ProcessEnv;
  /**
   * The configured event store, opened on first call; main.ts closes it after the command. A missing
   * embedded store is refused unless the request says to create one.
   */
  eventStore(request?: StoreRequest): Promise<EventStore>;
  readonly commands: readonly CliCommand[];
}

/** A command line that cannot be run as written: exit status 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose usage to point at. */
    readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An argument as error messages quote it; anything that looks like a bearer token is not repeated. */
export const quoted = (value: string): string =>
  value.startsWith(TOKEN_PREFIX) ? '(a bearer token, not shown)' : JSON.stringify(value);
