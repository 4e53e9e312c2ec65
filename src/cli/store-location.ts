import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ClaimtrailConfig } from '../config.js';

/** How a command asks for the event store. */
export interface StoreRequest {
  /** Create an empty embedded store when there is none (`--init`); otherwise a missing store is refused. */
  readonly create?: boolean;
  /** The command line that would create one, for the error message: `claimtrail token create … --init`. */
  readonly initHint?: string;
}

/** There is no event store where the CLI looked: exit 1, with the path it looked at and how to point it. */
export class MissingStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MissingStoreError';
  }
}

/**
 * Refuses to open an embedded store that does not exist yet. Run from another folder, the CLI would
 * otherwise create a new empty `./data` there, and a token created in it is "not recognised" by the
 * server, which reads its own data dir. A remote store (EventStoreDB) is always there to ask.
 */
export const assertStoreExists = (
  config: ClaimtrailConfig,
  env: NodeJS.ProcessEnv,
  request: StoreRequest = {},
): void => {
  if (config.eventStore !== 'sqlite' || request.create) return;
  const file = join(config.dataDir, 'events.db');
  if (existsSync(file)) return;
  const setting = env['CLAIMTRAIL_DATA_DIR']
    ? `CLAIMTRAIL_DATA_DIR is ${JSON.stringify(env['CLAIMTRAIL_DATA_DIR'])}`
    : `CLAIMTRAIL_DATA_DIR is not set, so the data dir is ./data in ${process.cwd()}`;
  const init = request.initHint ? `; to start a new, empty store there instead: ${request.initHint}` : '';
  throw new MissingStoreError(
    `no event store at ${file} (${setting}): run the command in the folder the server runs in, or set CLAIMTRAIL_DATA_DIR to the server's data dir${init}`,
  );
};
