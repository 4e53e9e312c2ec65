import type Database from 'better-sqlite3';
import type { StoredEvent } from '../event-sourcing/event-store.js';
import type { UpcasterRegistry } from '../event-sourcing/upcasters.js';
import type { Projection } from './projection.js';
import { writeCheckpoint } from './read-model.database.js';

/** Thrown when a projection fails on an event: names the event, so the fault can be reported and retried. */
export class ProjectionFault extends Error {
  constructor(
    readonly position: bigint,
    override readonly cause: unknown,
  ) {
    super(
      `projection failed on the event at position ${position}: ${(cause as { message?: string })?.message ?? String(cause)}`,
    );
  }
}

/**
 * Applies events to every projection that handles them and moves the checkpoint, in one transaction:
 * all of the batch or none of it. Shared by the live projector, rebuild and verify. When the batch rolls
 * back, projections that keep state beside their tables drop it (`discard`).
 */
export const applyBatch = (
  db: Database.Database,
  projections: readonly Projection[],
  events: readonly StoredEvent[],
  registry: UpcasterRegistry,
): void => {
  if (events.length === 0) return;
  let current: StoredEvent | undefined;
  try {
    db.transaction(() => {
      for (const stored of events) {
        current = stored;
        const event = registry.apply(stored);
        for (const projection of projections) {
          if (projection.handles.has(event.type)) projection.apply(db, event);
        }
      }
      current = undefined;
      writeCheckpoint(db, events.at(-1)!.position);
    })();
  } catch (error) {
    for (const projection of projections) projection.discard?.(db);
    throw new ProjectionFault(current?.position ?? events[0]!.position, error);
  }
};
