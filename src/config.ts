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
  /** Where the web app is published (CLAIMTRAIL_PUBLIC_URL), without a trailing slash; ClaimReview URLs. */
  readonly publicUrl: string | null;
  /** The organisation that publishes the reviews: ClaimReview's `author`. */
  readonly publisher: { readonly name: string | null; readonly url: string | null };
  /** Origins allowed to call the API from a browser (CLAIMTRAIL_CORS_ORIGINS); empty: CORS off. */
  readonly corsOrigins: readonly string[];
}

const bool = (value: string | undefined, fallback: boolean, name: string): boolean => {
  if (value === undefined || value === '') return fallback;
  if (/^(true|1|yes|on)$/i.test(value)) return true;
  if (/^(false|0|no|off)$/i.test(value)) return false;
  throw new Error(`${name} must be true or false, not "${value}"`);
};

/** An absolute http(s) URL without a trailing slash, or null when the variable is unset or empty. */
const httpUrl = (value: string | undefined, name: string): string | null => {
  if (value === undefined || value.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(`${name} must be an absolute http(s) URL, not "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`${name} must be an http(s) URL, not "${value}"`);
  if (url.search || url.hash) throw new Error(`${name} must have no query or fragment, not "${value}"`);
  return url.href.replace(/\/+$/, '');
};

const PUBLISHER_NAME_MAX = 200;

const publisherName = (value: string | undefined): string | null => {
  const name = value?.trim() ?? '';
  if (name === '') return null;
  if (name.length > PUBLISHER_NAME_MAX || /\p{Cc}/u.test(name))
    throw new Error(`CLAIMTRAIL_PUBLISHER_NAME must be one line of at most ${PUBLISHER_NAME_MAX} characters`);
  return name;
};

/** `https://a.example, http://localhost:8888` → the origins; `*` allows any origin. */
const corsOrigins = (value: string | undefined): string[] => {
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  return entries.map((entry) => {
    if (entry === '*') return entry;
    let url: URL | undefined;
    try {
      url = new URL(entry);
    } catch {
      url = undefined;
    }
    if (
      !url ||
      (url.protocol !== 'http:' && url.protocol !== 'https:') ||
      url.origin !== entry.replace(/\/$/, '')
    )
      throw new Error(
        `CLAIMTRAIL_CORS_ORIGINS must be a comma-separated list of origins such as http://localhost:8888 (scheme, host and port only) or *, not "${entry}"`,
      );
    return url.origin;
  });
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
    publicUrl: httpUrl(env['CLAIMTRAIL_PUBLIC_URL'], 'CLAIMTRAIL_PUBLIC_URL'),
    publisher: {
      name: publisherName(env['CLAIMTRAIL_PUBLISHER_NAME']),
      url: httpUrl(env['CLAIMTRAIL_PUBLISHER_URL'], 'CLAIMTRAIL_PUBLISHER_URL'),
    },
    corsOrigins: corsOrigins(env['CLAIMTRAIL_CORS_ORIGINS']),
  };
};

export const CONFIG = Symbol('CONFIG');
