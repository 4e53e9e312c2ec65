import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../config.js';
import { currentReadModelFile } from '../../read-model/read-model.files.js';
import { parseArgs } from '../args.js';
import type { CliCommand } from '../cli-command.js';
import { formatTable } from '../format-table.js';

const size = (file: string): string =>
  existsSync(file) ? `${(statSync(file).size / 1024 / 1024).toFixed(1)} MiB` : '—';

export const statsCommand: CliCommand = {
  name: 'stats',
  summary: 'counts of events, streams, claims and how far the read model has caught up',
  usage: `usage:
  claimtrail stats`,
  async run(args, context) {
    parseArgs(args, {}, 'stats');
    const config = loadConfig(context.env);
    const store = await context.eventStore();
    const head = await store.headPosition();
    const rows: string[][] = [
      ['event store', config.eventStore],
      ['events (head position)', String(head)],
    ];
    const eventsFile = join(config.dataDir, 'events.db');
    if (config.eventStore === 'sqlite' && existsSync(eventsFile)) {
      const events = new Database(eventsFile, { readonly: true });
      const streams = events
        .prepare(
          `SELECT substr(stream_id, 1, instr(stream_id, '-') - 1) AS category, count(DISTINCT stream_id) AS n FROM events GROUP BY category`,
        )
        .all() as Array<{ category: string; n: number }>;
      for (const { category, n } of streams) rows.push([`${category} streams`, String(n)]);
      events.close();
      rows.push(['events.db size', size(eventsFile)]);
    }
    const readModelFile = currentReadModelFile(config.dataDir);
    if (existsSync(readModelFile)) {
      const db = new Database(readModelFile, { readonly: true });
      const one = (sql: string) => String(db.prepare(sql).pluck().get());
      rows.push(['read model checkpoint', one('SELECT position FROM checkpoint')]);
      rows.push(['sources', one('SELECT count(*) FROM sources')]);
      for (const { status, n } of db
        .prepare('SELECT status, count(*) AS n FROM claims GROUP BY status ORDER BY status')
        .all() as Array<{ status: string; n: number }>) {
        rows.push([`claims ${status}`, String(n)]);
      }
      for (const { acceptability, n } of db
        .prepare(
          'SELECT acceptability, count(*) AS n FROM claims WHERE retracted = 0 GROUP BY acceptability ORDER BY acceptability',
        )
        .all() as Array<{ acceptability: string; n: number }>) {
        rows.push([`claims ${acceptability}`, String(n)]);
      }
      rows.push(['evidence (live)', one('SELECT count(*) FROM evidence WHERE withdrawn = 0')]);
      rows.push(['counterpoints open', one("SELECT count(*) FROM counterpoints WHERE state = 'OPEN'")]);
      rows.push(['relations', one('SELECT count(*) FROM relations')]);
      rows.push(['tokens active', one('SELECT count(*) FROM tokens WHERE revoked_at IS NULL')]);
      rows.push(['read model size', size(readModelFile)]);
      db.close();
    } else {
      rows.push(['read model', 'not built yet (start the server or run `claimtrail projections rebuild`)']);
    }
    context.stdout.write(formatTable(['WHAT', 'VALUE'], rows));
  },
};
