import type Database from 'better-sqlite3';

const CONNECTION = Symbol('read-model connection');

/**
 * A stable facade over this instance's current read-model connection. Everything that reads the read model
 * holds the facade; a rebuild swaps the connection underneath without restarting the server, so the
 * server keeps answering from the old read model until the new one has caught up.
 */
export class ReadModelHandle {
  readonly facade: Database.Database;

  constructor(public current: Database.Database) {
    this.facade = new Proxy({} as Database.Database, {
      get: (_target, property) => {
        if (property === CONNECTION) return this.current;
        const value = Reflect.get(this.current, property, this.current) as unknown;
        return typeof value === 'function'
          ? (value as (...args: unknown[]) => unknown).bind(this.current)
          : value;
      },
    });
  }
}

/** The real connection behind a facade (or the connection itself): the key prepared statements belong to. */
export const connectionOf = (db: Database.Database): Database.Database =>
  (db as unknown as Record<symbol, Database.Database | undefined>)[CONNECTION] ?? db;
