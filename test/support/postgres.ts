import { describe, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The PostgreSQL runs of the suites need a server; `.ci/run` starts a private cluster and sets this to a
 * superuser URL on it. Without it those runs are skipped, and say so.
 */
export const TEST_DATABASE_URL = process.env['CLAIMTRAIL_TEST_DATABASE_URL'] || undefined;

/** `describe` when a test server is there; otherwise one skipped block and one plain line saying why. */
export const describeWithPostgres = (name: string, body: () => void): void => {
  if (TEST_DATABASE_URL) {
    describe(name, body);
    return;
  }
  console.log(`${name}: PostgreSQL run SKIPPED (CLAIMTRAIL_TEST_DATABASE_URL not set)`);
  describe.skip(`${name} (CLAIMTRAIL_TEST_DATABASE_URL not set)`, () => {
    it('runs only against a real PostgreSQL server', () => undefined);
  });
};

export interface TestDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

/** A URL like `base` naming another database on the same server. */
export const databaseUrl = (base: string, database: string): string => {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
};

/** A new, empty database on the test server; `drop()` removes it (closing whatever is still connected). */
export const freshDatabase = async (label: string): Promise<TestDatabase> => {
  if (!TEST_DATABASE_URL) throw new Error('CLAIMTRAIL_TEST_DATABASE_URL is not set');
  const name = `ct_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  await adminQuery(TEST_DATABASE_URL, `CREATE DATABASE ${name}`);
  return {
    url: databaseUrl(TEST_DATABASE_URL, name),
    name,
    drop: async () => {
      await adminQuery(TEST_DATABASE_URL!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
};

/** One statement on its own connection. */
export const adminQuery = async <Row extends pg.QueryResultRow = pg.QueryResultRow>(
  url: string,
  sql: string,
  values: unknown[] = [],
): Promise<Row[]> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql, values)).rows;
  } finally {
    await client.end();
  }
};
