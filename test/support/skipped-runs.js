// Jest's globalTeardown: says at the end of every run which runs against external servers it left out and
// why. (Jest drops the console output of a test file whose tests were all skipped, so the files' own
// notes do not show in a full run.)
export default () => {
  const skipped = [];
  if (!process.env.CLAIMTRAIL_TEST_DATABASE_URL)
    skipped.push(
      'PostgreSQL runs (event-store contract, PostgreSQL adapter specs, command-path specs, end-to-end suites on PostgreSQL, two instances on one store, backup round trip): CLAIMTRAIL_TEST_DATABASE_URL not set (.ci/run starts a cluster and sets it)',
    );
  if (!process.env.EVENTSTORE_CONNECTION_STRING)
    skipped.push('EventStoreDB contract run: EVENTSTORE_CONNECTION_STRING not set');
  for (const line of skipped) process.stdout.write(`\nSKIPPED ${line}\n`);
};
