import { Inject, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { CONFIG, type ClaimtrailConfig } from '../config.js';
import { EVENT_STORE, type EventStore } from '../event-sourcing/event-store.js';
import type { Actor } from '../event-sourcing/metadata.js';
import { Projector } from '../read-model/projector.js';
import { bundleDigest, DEMO_BUNDLE_FILE, parseBundleJson } from './bundle.js';
import { importBundle, type ImportSummary } from './bundle-importer.js';
import { formatProblem, InvalidBundleError } from './import-problem.js';
import { importKeyPrefix } from './import-keys.js';
import { isArgumentStream } from '../claims/domain/claim.stream.js';

/**
 * The demo: on the first start of a store without claims or sources, the op-ed bundle is imported, so a new
 * user meets a worked example (docs/architecture.md §7; off with CLAIMTRAIL_DEMO=false).
 *
 * It acts as `demo` with the EDITOR role, not as the ADMIN `system` actor: EDITOR is the least role that may
 * write everything a bundle holds (assessments need it), and the audit trail then shows the demo content
 * as the demo's, apart from the server's own acts. Instances that start together on one empty store both
 * import; the idempotency keys make the second one's steps no-ops, so nothing is imported twice.
 */

export const DEMO_ACTOR: Actor = Object.freeze({ id: 'demo', role: 'EDITOR' });

const READ_PAGE = 1000;

/**
 * True while the store holds no claim or source event but the demo's own. A first start that was killed
 * half-way through the demo leaves only demo events, so the next start completes the demo; any other
 * content means the store is in use, and the demo never touches it again.
 */
export const demoWanted = async (store: EventStore, digest: string): Promise<boolean> => {
  const demoKeys = importKeyPrefix(digest);
  for (let fromPosition = 0n; ;) {
    const page = await store.readAll({ fromPosition, limit: READ_PAGE });
    for (const event of page) {
      if (!isArgumentStream(event.streamId)) continue;
      const { actorId, idempotencyKey } = event.metadata as { actorId?: unknown; idempotencyKey?: unknown };
      if (
        actorId !== DEMO_ACTOR.id ||
        typeof idempotencyKey !== 'string' ||
        !idempotencyKey.startsWith(demoKeys)
      )
        return false;
    }
    if (page.length < READ_PAGE) return true;
    fromPosition = page.at(-1)!.position;
  }
};

/** Imports the demo bundle unless the store is in use; undefined when it is. */
export const importDemo = async (
  store: EventStore,
  file: string = DEMO_BUNDLE_FILE,
): Promise<ImportSummary | undefined> => {
  const parsed = parseBundleJson(await readFile(file, 'utf8'));
  if (!parsed.ok) throw new InvalidBundleError(parsed.problems);
  if (!(await demoWanted(store, bundleDigest(parsed.value)))) return undefined;
  return importBundle(store, parsed.value, { actor: DEMO_ACTOR });
};

const logger = new Logger('DemoImport');

/** Registered after ReadModelModule: its bootstrap (first ADMIN token, projector started) runs first. */
@Module({})
export class DemoImportModule implements OnApplicationBootstrap {
  constructor(
    @Inject(CONFIG) private readonly config: ClaimtrailConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(Projector) private readonly projector: Projector,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demo) return;
    try {
      const summary = await importDemo(this.store);
      if (summary === undefined || summary.created === 0) return;
      logger.log({
        msg: 'demo bundle imported',
        file: DEMO_BUNDLE_FILE,
        created: summary.created,
        alreadyPresent: summary.present,
      });
      // Serve the demo as soon as the server listens: its claims, and their acceptability, in the read model.
      await this.projector.waitFor(await this.store.headPosition(), 120_000, { giveUpOnFault: true });
    } catch (error) {
      // The demo is a convenience: a server that cannot import it still serves everything else.
      const problems = error instanceof InvalidBundleError ? error.problems.map(formatProblem) : undefined;
      logger.error({
        msg: 'demo bundle not imported',
        file: DEMO_BUNDLE_FILE,
        error: (error as Error).message,
        ...(problems ? { problems } : {}),
      });
    }
  }
}
