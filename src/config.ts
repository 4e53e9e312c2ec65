import { resolve } from 'node:path';

/** Every setting Claimtrail reads, from the environment, validated once at start-up. */
export interface ClaimtrailConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly eventStore: 'sqlite' | 'postgres' | 'eventstoredb';
  readonly eventStoreConnectionString: string | undefined;
  /** PostgreSQL's connection string (DATABASE_URL), for CLAIMTRAIL_EVENT_STORE=postgres. */
  readonly databaseUrl: string | undefined;
  readonly demo: boolean;
  readonly anonymousRead: boolean;
  readonly synchronous: 'FULL' | 'NORMAL';
  readonly logLevel: string;
}

const bool = (value: string | undefined, fallback: boolean, name: string): boolean => {
  if (value === undefined || value === '') return fallback;
  if (/^(true|1|yes|on)$/i.test(value)) return true;
  if (/^(false|0|no|off)$/i.test(value)) return false;
  throw new Error(`${name} must be true or false, not "${value}"`);
};

export const loadConfig = (env: NodeJS.ProcessEnv = process.env): ClaimtrailConfig => {
  const port = Number(env['PORT'] ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${env['PORT']}"`);
  const eventStore = (env['CLAIMTRAIL_EVENT_STORE'] ?? 'sqlite').toLowerCase();
  if (eventStore !== 'sqlite' && eventStore !== 'postgres' && eventStore !== 'eventstoredb') {
    throw new Error(`CLAIMTRAIL_EVENT_STORE must be sqlite, postgres or eventstoredb, not "${eventStore}"`);
  }
  const connectionString = env['EVENTSTORE_CONNECTION_STRING'] || undefined;
  if (eventStore === 'eventstoredb' && !connectionString) {
    throw new Error('CLAIMTRAIL_EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING');
  }
  const databaseUrl = env['DATABASE_URL'] || undefined;
  if (eventStore === 'postgres' && !databaseUrl) {
    throw new Error(
      'CLAIMTRAIL_EVENT_STORE=postgres needs DATABASE_URL (postgres://user:password@host:5432/database)',
    );
  }
  if (eventStore === 'postgres' && !/^postgres(ql)?:\/\//i.test(databaseUrl!)) {
    throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const synchronous = (env['CLAIMTRAIL_SYNC'] ?? 'FULL').toUpperCase();
  if (synchronous !== 'FULL' && synchronous !== 'NORMAL')
    throw new Error(`CLAIMTRAIL_SYNC must be FULL or NORMAL, not "${synchronous}"`);
  return {
    port,
    host: env['HOST'] ?? '0.0.0.0',
    dataDir: resolve(env['CLAIMTRAIL_DATA_DIR'] ?? 'data'),
    eventStore,
    eventStoreConnectionString: connectionString,
    databaseUrl,
    demo: bool(env['CLAIMTRAIL_DEMO'], true, 'CLAIMTRAIL_DEMO'),
    anonymousRead: bool(env['CLAIMTRAIL_ANONYMOUS_READ'], false, 'CLAIMTRAIL_ANONYMOUS_READ'),
    synchronous,
    logLevel: env['LOG_LEVEL'] ?? 'info',
  };
};

export const CONFIG = Symbol('CONFIG');
