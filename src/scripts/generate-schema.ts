import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config.js';
import { createApp } from '../main.js';

/** `npm run schema`: builds the app once on a scratch data dir, which prints schema.gql, and exits. */
const dataDir = mkdtempSync(join(tmpdir(), 'claimtrail-schema-'));
try {
  const config = {
    ...loadConfig({ ...process.env, CLAIMTRAIL_DATA_DIR: dataDir, CLAIMTRAIL_DEMO: 'false' }),
    eventStore: 'sqlite' as const,
  };
  const app = await createApp(config, { schemaFile: join(process.cwd(), 'schema.gql'), quiet: true });
  await app.init();
  await app.close();
  console.log('schema.gql written');
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
