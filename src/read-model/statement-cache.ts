import type Database from 'better-sqlite3';
import { connectionOf } from './read-model.handle.js';

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** Prepared once per connection: projections run the same few statements for every event. */
export const prepared = (db: Database.Database, sql: string): Database.Statement => {
  const connection = connectionOf(db); // statements belong to the connection, not to a facade over it
  let cache = caches.get(connection);
  if (!cache) caches.set(connection, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = connection.prepare(sql)));
  return statement;
};
