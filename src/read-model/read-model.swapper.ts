import type Database from 'better-sqlite3';
import type { EventStore } from '../event-sourcing/event-store.js';
import type { Projector, ProjectorLogger } from './projector.js';
import type { Projection } from './projection.js';
import { openReadModel } from './read-model.database.js';
import { currentReadModelFile, removeStaleGenerations } from './read-model.files.js';
import type { ReadModelHandle } from './read-model.handle.js';
import { replayInto } from './rebuild.js';

const POLL_MS = 1000;

/**
 * Watches the data dir's read-model pointer. When a rebuild has moved it, the new generation first catches
 * up with what was appended since the rebuild finished, then every reader and the projector switch to it
 * at once, and the old generation is closed and deleted.
 */
export class ReadModelSwapper {
  private timer: NodeJS.Timeout | undefined;
  private swapping = false;

  constructor(
    private readonly dataDir: string,
    private file: string,
    private readonly handle: ReadModelHandle,
    private readonly projector: Projector,
    private readonly store: EventStore,
    private readonly projections: readonly Projection[],
    private readonly logger: ProjectorLogger,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.check(), POLL_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async check(): Promise<boolean> {
    const next = currentReadModelFile(this.dataDir);
    if (next === this.file || this.swapping) return false;
    this.swapping = true;
    let db: Database.Database | undefined;
    try {
      db = openReadModel(next, this.projections);
      await replayInto(db, this.store, this.projections);
      const previous = this.handle.current;
      this.handle.switchTo(db, next);
      await this.projector.switchTo(db);
      previous.close();
      this.file = next;
      removeStaleGenerations(this.dataDir);
      this.logger.info('read model: switched to a rebuilt generation', { file: next });
      return true;
    } catch (error) {
      db?.close();
      this.logger.error('read model: could not switch to the rebuilt generation', {
        file: next,
        error: String(error),
      });
      return false;
    } finally {
      this.swapping = false;
    }
  }
}
