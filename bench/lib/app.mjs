// Everything the benchmarks take from the application, from the bench's build of src/
// (bench/results/tmp/build/dist, compiled by bench/run.mjs with the project's tsconfig.build.json).
export { claimDecider } from '../results/tmp/build/dist/claims/domain/claim.decider.js';
export { foldStream, rehydrate } from '../results/tmp/build/dist/event-sourcing/handle-command.js';
export { CURRENT_SCHEMA_VERSION, upcasters } from '../results/tmp/build/dist/event-sourcing/upcasters.js';
export { sourceDecider } from '../results/tmp/build/dist/sources/domain/source.decider.js';
export { EVENT_STORE_SCHEMA } from '../results/tmp/build/dist/event-store/sqlite/sqlite-event-store.schema.js';
export { randomEventId } from '../results/tmp/build/dist/event-sourcing/ids.js';
export { SqliteEventStore } from '../results/tmp/build/dist/event-store/sqlite/sqlite-event-store.js';
export { subjectOf } from '../results/tmp/build/dist/audit/read-model/audit-entry.js';
export { summarize } from '../results/tmp/build/dist/audit/read-model/audit-summary.js';
export { NOTHING_KNOWN, namesFrom } from '../results/tmp/build/dist/audit/read-model/audit-names.js';
export { PROJECTIONS } from '../results/tmp/build/dist/projections.js';
export { Projector } from '../results/tmp/build/dist/read-model/projector.js';
export { openReadModel, writeCheckpoint } from '../results/tmp/build/dist/read-model/read-model.database.js';
export { CLI_ACTOR } from '../results/tmp/build/dist/auth/domain/access.values.js';
export { createToken } from '../results/tmp/build/dist/auth/token-admin.js';
export { PostgresEventStore } from '../results/tmp/build/dist/event-store/postgres/postgres-event-store.js';
export { restoreBackup, writeBackup } from '../results/tmp/build/dist/event-store/backup/backup-file.js';
