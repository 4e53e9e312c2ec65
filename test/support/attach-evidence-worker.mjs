// A separate writer process for the cross-process conflict spec (test/command/handle-command.spec.ts).
// Opens the same event store as the other workers and runs K AttachEvidence commands on one claim without
// expectedVersion, all at once at a shared start time, through the built handleCommand (dist/).
//
//   node attach-evidence-worker.mjs <sqlite:FILE | postgres:URL> <claimId> <K> <actorId> <startAtEpochMs>
//
// Prints one JSON line: { actorId, successes: [{ evidenceId, version }], conflicts } and exits 0 when every
// command succeeded, 1 otherwise. `conflicts` counts the ConflictErrors the store answered (each one a retry).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [address, claimId, k, actorId, startAt] = process.argv.slice(2);
const dist = (path) => import(pathToFileURL(join(process.cwd(), 'dist', path)).href);

const { handleCommand } = await dist('event-sourcing/handle-command.js');
const { SqliteEventStore } = await dist('event-store/sqlite/sqlite-event-store.js');
const { PostgresEventStore } = await dist('event-store/postgres/postgres-event-store.js');
const { claimDecider } = await dist('claims/domain/claim.decider.js');
const { newId } = await dist('event-sourcing/ids.js');
const { ConflictError } = await dist('event-sourcing/errors.js');

const store = address.startsWith('postgres:')
  ? await PostgresEventStore.open({ connectionString: address.slice('postgres:'.length) })
  : SqliteEventStore.open({ file: address.slice('sqlite:'.length) });
let conflicts = 0;
// The same store, counting the conflicts it reports to handleCommand.
const counting = Object.create(store, {
  append: {
    value: (...args) =>
      store.append(...args).catch((error) => {
        if (error instanceof ConflictError) conflicts++;
        throw error;
      }),
  },
});

const actor = { id: actorId, role: 'ANALYST' };
const command = () => ({
  type: 'AttachEvidence',
  data: {
    claimId,
    stance: 'SUPPORTS',
    summary: `Evidence from ${actorId}`,
    citation: { title: 'Dushanbe summit communique' },
    reliability: null,
  },
  metadata: { actor, now: new Date().toISOString(), newId: newId('evidence') },
});

await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
const results = await Promise.allSettled(
  Array.from({ length: Number(k) }, () =>
    handleCommand(counting, `claim-${claimId}`, claimDecider, command()),
  ),
);
await store.close();

const successes = results
  .filter((result) => result.status === 'fulfilled')
  .map(({ value }) => ({ evidenceId: value.events[0].data.evidenceId, version: value.nextVersion }));
const failures = results.filter((result) => result.status === 'rejected').map(({ reason }) => String(reason));
process.stdout.write(`${JSON.stringify({ actorId, successes, failures, conflicts })}\n`);
process.exit(failures.length === 0 ? 0 : 1);
