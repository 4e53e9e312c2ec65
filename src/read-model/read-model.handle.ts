import type Database from 'better-sqlite3';
import { isDamage } from './read-model-damage.js';

const CONNECTION = Symbol('read-model connection');

/** What SQLite said of the read model the first time it found it damaged, and when. */
export interface ReadModelDamage {
  readonly file: string;
  readonly problem: string;
  readonly since?: string;
}

/**
 * A stable facade over this instance's current read-model connection. Everything that reads the read model
 * holds the facade; a rebuild swaps the connection underneath without restarting the server, so the
 * server keeps answering from the old read model until the new one has caught up. The handle also keeps
 * whether a reader found the current file damaged, for /ready; a switch to a new generation clears it.
 */
export class ReadModelHandle {
  readonly facade: Database.Database;
  private damaged: ReadModelDamage | undefined;

  constructor(
    public current: Database.Database,
    public file: string,
  ) {
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

  get damage(): ReadModelDamage | undefined {
    return this.damaged;
  }

  /** Records an error a reader of the read model met, if it says the file is damaged; true if it does. */
  notice(error: unknown): boolean {
    if (!isDamage(error)) return false;
    this.damaged ??= { file: this.file, problem: error.message, since: new Date().toISOString() };
    return true;
  }

  switchTo(db: Database.Database, file: string): void {
    this.current = db;
    this.file = file;
    this.damaged = undefined;
  }
}

/** The real connection behind a facade (or the connection itself): the key prepared statements belong to. */
export const connectionOf = (db: Database.Database): Database.Database =>
  (db as unknown as Record<symbol, Database.Database | undefined>)[CONNECTION] ?? db;
