// A projector in its own process, for the crash spec (test/read-model/projector.spec.ts): it catches the read
// model up from the event store through the built Projector (dist/) and, when it reaches the event at
// <hangAtPosition>, prints `hanging <position>` and blocks inside the open batch transaction, so that the
// parent can kill -9 it mid-batch.
//
//   node projector-worker.mjs <events.db> <read-model.db> <hangAtPosition>
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [storeFile, readModelFile, hangAt] = process.argv.slice(2);
const dist = (path) => import(pathToFileURL(join(process.cwd(), 'dist', path)).href);

const { SqliteEventStore } = await dist('event-store/sqlite/sqlite-event-store.js');
const { Projector } = await dist('read-model/projector.js');
const { PROJECTIONS } = await dist('projections.js');
const { openReadModel } = await dist('read-model/read-model.database.js');

const hang = {
  name: 'hang',
  version: 1,
  handles: { has: () => true },
  schema: '',
  verifiedTables: [],
  apply(_db, event) {
    if (event.position !== BigInt(hangAt)) return;
    process.stdout.write(`hanging ${event.position}\n`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
  },
};

const store = SqliteEventStore.open({ file: storeFile });
const db = openReadModel(readModelFile, PROJECTIONS);
const logger = {
  info: (message, fields) => process.stdout.write(`${message} ${JSON.stringify(fields ?? {})}\n`),
  error: () => {},
};
new Projector(db, store, [...PROJECTIONS, hang], logger).start();
