import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { StorageError } from '../../event-sourcing/errors.js';
import { MIGRATION_LOCK_KEY, MIGRATIONS } from './postgres-event-store.schema.js';

/**
 * Brings the database's schema up to this build's, idempotently: each migration once, in order, in one
 * transaction under an advisory lock, so that instances starting together against a new database do not
 * race to create the same tables. A database migrated by a newer build is refused rather than guessed at.
 * Returns the store's id (created with the schema).
 */
export const migrate = async (pool: pg.Pool): Promise<string> => {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    const { rows: found } = await client.query<{ exists: boolean }>(
      "SELECT to_regclass('claimtrail_store') IS NOT NULL AS exists",
    );
    let version = 0;
    let storeId: string | undefined;
    if (found[0]!.exists) {
      const { rows } = await client.query<{ store_id: string; schema_version: number }>(
        'SELECT store_id, schema_version FROM claimtrail_store WHERE id = 1',
      );
      version = rows[0]?.schema_version ?? 0;
      storeId = rows[0]?.store_id;
    }
    if (version > MIGRATIONS.length) {
      throw new StorageError(
        `the database's Claimtrail schema is version ${version}, newer than this build's ${MIGRATIONS.length}: upgrade Claimtrail`,
      );
    }
    for (const migration of MIGRATIONS.slice(version)) await client.query(migration);
    storeId ??= randomUUID();
    await client.query(
      `INSERT INTO claimtrail_store (id, store_id, schema_version) VALUES (1, $1, $2)
       ON CONFLICT (id) DO UPDATE SET schema_version = EXCLUDED.schema_version`,
      [storeId, MIGRATIONS.length],
    );
    await client.query('COMMIT');
    return storeId;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};
