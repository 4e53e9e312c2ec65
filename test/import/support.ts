import type Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import type { EventStore } from '../../src/event-sourcing/event-store.js';
import type { Actor } from '../../src/event-sourcing/metadata.js';
import { DEMO_BUNDLE_FILE } from '../../src/import/bundle.js';
import type { JsonObject } from '../../src/import/json-schema.js';
import type { ReadModelEnv } from '../support/read-model-env.js';

/** Shared by the import specs. */

export const IMPORTER: Actor = { id: 'import', role: 'EDITOR' };

/** A fresh copy of the demo bundle, to mutate at will. */
export const demoBundle = (): JsonObject => JSON.parse(readFileSync(DEMO_BUNDLE_FILE, 'utf8')) as JsonObject;

export const itemOf = (bundle: JsonObject, collection: string, index: number): JsonObject =>
  (bundle[collection] as JsonObject[])[index]!;

/** Every event of the store as (stream, version, event id, type), in a stable order, for exact comparisons. */
export const eventShape = async (store: EventStore): Promise<string[]> =>
  (await store.readAll())
    .map((event) => `${event.streamId} ${event.version} ${event.eventId} ${event.type}`)
    .sort();

/** A read model fed by a projector up to the head of the store. */
export const projectedReadModel = async (env: ReadModelEnv): Promise<Database.Database> => {
  const db = env.readModel();
  const projector = env.projector(db);
  projector.start();
  if (!(await projector.waitFor(await env.store.headPosition(), 20_000)))
    throw new Error('the projector did not catch up');
  return db;
};

export const count = (db: Database.Database, sql: string): number => db.prepare(sql).pluck().get() as number;
